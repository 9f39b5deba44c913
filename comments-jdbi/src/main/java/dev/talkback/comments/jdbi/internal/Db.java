package dev.talkback.comments.jdbi.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * Opens handles configured for the store's statements, whatever the host configured on its own
 * {@link Jdbi}: colon-prefixed named parameters, no templating, and the store's query timeout. The
 * configuration is the handle's own copy; the host's {@code Jdbi} is not changed.
 */
final class Db {
  /** How often a write transaction runs before a conflict with concurrent writers is given up on. */
  static final int WRITE_ATTEMPTS = 4;

  private final Jdbi jdbi;
  private final ColonPrefixSqlParser parser = new ColonPrefixSqlParser();
  private final int queryTimeoutSeconds;
  private final int networkTimeoutMillis;
  /** Whether the driver refused setNetworkTimeout once: then it is not asked again. */
  private volatile boolean networkTimeoutUnsupported;

  Db(Jdbi jdbi, Duration queryTimeout, Duration networkTimeout) {
    this.jdbi = jdbi;
    this.queryTimeoutSeconds = queryTimeout.isZero() ? 0 : (int) Math.max(1, queryTimeout.toSeconds());
    this.networkTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, networkTimeout.toMillis());
  }

  /** The query timeout of every statement in whole seconds; 0 for none. */
  int queryTimeoutSeconds() {
    return queryTimeoutSeconds;
  }

  /** Runs {@code callback} on a fresh handle, in auto-commit mode. */
  <T> T read(HandleCallback<T, RuntimeException> callback) {
    try (Handle h = open()) {
      return callback.withHandle(h);
    }
  }

  /**
   * Runs {@code callback} in a transaction, again from the start (up to {@link #WRITE_ATTEMPTS} times) when
   * it fails with a conflict between concurrent transactions ({@link Failures#isRetryableConflict}). The
   * callback must therefore decide everything from what it reads inside the transaction.
   */
  <T> T write(HandleCallback<T, RuntimeException> callback) {
    for (int attempt = 1; ; attempt++) {
      try (Handle h = open()) {
        return h.inTransaction(callback);
      } catch (RuntimeException e) {
        if (attempt >= WRITE_ATTEMPTS || !Failures.isRetryableConflict(e)) {
          throw e;
        }
      }
    }
  }

  /**
   * Bounds how long a call may wait on this connection's socket (JDBC's {@code setNetworkTimeout}; pools such
   * as HikariCP restore the pool's value when it is returned). A connection the network left half-open (the
   * peer gone without a FIN or RST) would otherwise hold its thread and its pool slot forever when the
   * driver has no socket timeout, and a pool full of them keeps the store unavailable after the database is
   * back. The driver closes a connection whose wait timed out, so the pool replaces it.
   */
  private void boundNetworkWait(Connection c) {
    if (networkTimeoutMillis == 0 || networkTimeoutUnsupported) {
      return;
    }
    try {
      c.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
    } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
      networkTimeoutUnsupported = true; // an embedded database has no socket; nothing to bound
    } catch (SQLException e) {
      throw new ConnectionException(e);
    }
  }

  private Handle open() {
    Handle h = jdbi.open();
    try {
      SqlStatements statements = h.getConfig(SqlStatements.class);
      statements.setSqlParser(parser);
      statements.setTemplateEngine(TemplateEngine.NOP);
      statements.setUnusedBindingAllowed(true); // a keyset binds what any sort order may use
      statements.setQueryTimeout(queryTimeoutSeconds == 0 ? null : queryTimeoutSeconds);
      boundNetworkWait(h.getConnection());
      return h;
    } catch (RuntimeException e) {
      h.close();
      throw e;
    }
  }
}
