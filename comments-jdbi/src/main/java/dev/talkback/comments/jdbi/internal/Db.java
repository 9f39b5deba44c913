package dev.talkback.comments.jdbi.internal;

import java.time.Duration;
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

  Db(Jdbi jdbi, Duration queryTimeout) {
    this.jdbi = jdbi;
    this.queryTimeoutSeconds = queryTimeout.isZero() ? 0 : (int) Math.max(1, queryTimeout.toSeconds());
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

  private Handle open() {
    Handle h = jdbi.open();
    try {
      SqlStatements statements = h.getConfig(SqlStatements.class);
      statements.setSqlParser(parser);
      statements.setTemplateEngine(TemplateEngine.NOP);
      statements.setUnusedBindingAllowed(true); // a keyset binds what any sort order may use
      statements.setQueryTimeout(queryTimeoutSeconds == 0 ? null : queryTimeoutSeconds);
      return h;
    } catch (RuntimeException e) {
      h.close();
      throw e;
    }
  }
}
