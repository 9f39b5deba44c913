package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.jdbi.Dialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.ConnectionException;
import org.jspecify.annotations.Nullable;

/**
 * Creates and upgrades the store's tables with Flyway, apart from any Flyway the host runs itself: the
 * history lives in {@code <prefix>schema_history}, the migrations in {@code db/talkback/<dialect>} of this
 * jar, and {@code ${prefix}} in them is the table prefix. In a schema that already holds other tables (the
 * host's), the history starts from an empty baseline (version 0), so version 1 still runs.
 *
 * <p>Several nodes may start at the same moment on a fresh database. Flyway locks its history table while it
 * migrates, but only once the table exists: two nodes that both find none both create it (on PostgreSQL one
 * then fails with "Unable to baseline schema history table ... as it already exists, and is empty"). So the
 * whole migration, history table included, runs under a lock of the database server's, taken on a connection
 * of its own and released in {@code finally} (and by the server if this process dies): a session advisory
 * lock on PostgreSQL, {@code GET_LOCK} on MariaDB and MySQL, both named after the schema and the prefix. The
 * other nodes wait for it, then find every version applied. H2 has no such lock, and needs none between
 * processes: an embedded database belongs to the one process that opened it. Within that process two stores
 * on one database race the same way (found by {@code H2ConcurrentMigrationTest}), so they take a lock of this
 * class's, by URL, schema and prefix. (H2 in server mode with several processes migrating at once is not
 * covered: run those on PostgreSQL or MariaDB.)
 */
final class Migrations {
  /** How long a node waits for another node's migration before it gives up (and tries again at its next call). */
  static final int LOCK_WAIT_SECONDS = 600;

  /** The in-process migration locks of H2 databases, by URL, schema and prefix; a few entries per process. */
  private static final ConcurrentHashMap<String, ReentrantLock> H2_LOCKS = new ConcurrentHashMap<>();

  private Migrations() {}

  /** The H2 database and schema a data source connects to, such as {@code jdbc:h2:mem:blog.PUBLIC}. */
  private static String h2Database(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getURL() + "." + c.getSchema();
    } catch (SQLException e) {
      throw new ConnectionException(e);
    }
  }

  /** The name of the store's Flyway history table for {@code prefix}. */
  static String historyTable(String prefix) {
    return prefix + "schema_history";
  }

  /** Applies every pending migration, one node at a time; returns how many ran. */
  static int migrate(DataSource dataSource, Dialect dialect, String prefix) {
    Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:" + dialect.migrationsLocation())
        .table(historyTable(prefix))
        .placeholders(Map.of("prefix", prefix))
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .baselineDescription("Talkback history starts")
        .failOnMissingLocations(true)
        .validateMigrationNaming(true)
        .cleanDisabled(true)
        .load();
    if (dialect == Dialect.H2) {
      ReentrantLock inProcess = H2_LOCKS.computeIfAbsent(h2Database(dataSource) + "." + prefix,
          k -> new ReentrantLock());
      inProcess.lock();
      try {
        return flyway.migrate().migrationsExecuted;
      } finally {
        inProcess.unlock();
      }
    }
    try (Connection lock = dataSource.getConnection()) {
      requireSchema(lock, dialect, prefix);
      boolean autoCommit = lock.getAutoCommit();
      String held;
      try {
        held = acquire(lock, dialect, prefix);
      } catch (SQLException | RuntimeException e) {
        restore(lock, autoCommit, e);
        throw e;
      }
      MigrateResult result;
      try {
        result = flyway.migrate();
      } catch (RuntimeException e) {
        RuntimeException thrown = poolTooSmall(lock, e) ? tooSmall(prefix, e) : e;
        try {
          release(lock, dialect, held, autoCommit);
        } catch (SQLException | RuntimeException r) {
          thrown.addSuppressed(r);
          abort(lock);
        }
        throw thrown;
      }
      try {
        release(lock, dialect, held, autoCommit);
      } catch (SQLException e) {
        abort(lock); // never back to a pool still holding the lock; the server frees it with the session
      }
      return result.migrationsExecuted;
    } catch (SQLException e) {
      throw new ConnectionException(e);
    }
  }

  /**
   * Whether Flyway failed because it could not borrow a connection while {@code lock}, borrowed from the same
   * data source, still works: the pool is smaller than a migration needs, and waiting will not change that.
   */
  private static boolean poolTooSmall(Connection lock, RuntimeException failure) {
    boolean noConnection = false;
    for (@Nullable Throwable t = failure; t != null && !noConnection; t = t.getCause()) {
      noConnection = t instanceof SQLTransientConnectionException; // HikariCP's "Connection is not available"
    }
    try {
      return noConnection && lock.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * The failure a host can act on: a configuration error, not {@code StoreUnavailableException} (which would
   * be retried at every call, and fail the same way). The pool's own message, which names its size, is kept
   * in the text; the failure itself is attached as suppressed, not as the cause, so that it is not read as
   * an unreachable database.
   */
  private static IllegalStateException tooSmall(String prefix, RuntimeException failure) {
    Throwable root = failure;
    for (@Nullable Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      root = t;
    }
    IllegalStateException e = new IllegalStateException("migrating the Talkback tables (prefix '" + prefix
        + "') holds one connection of the DataSource for the migration lock while Flyway borrows its own (two on"
        + " PostgreSQL), and the pool gave Flyway none while the database answered on the first: give the pool"
        + " at least 3 connections (HikariCP: maximumPoolSize), or build the store with migrate(false) and apply"
        + " the SQL files yourself (docs/jdbi.md). The pool said: " + root.getMessage());
    e.addSuppressed(failure);
    return e;
  }

  /**
   * Refuses, before Flyway creates anything, a connection that names no place for the tables in a way Flyway
   * reports in its own terms or half handles: a MariaDB or MySQL URL without a database, and a PostgreSQL
   * search path whose first schema is written in capitals without quotes (PostgreSQL folds it to lower case,
   * while Flyway creates the schema as written and then finds nothing to create in). A lower-case schema that
   * does not exist yet is left to Flyway, which creates it.
   */
  static void requireSchema(Connection c, Dialect dialect, String prefix) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      if (!single(c, "SELECT current_schema()").isEmpty()) {
        return;
      }
      String path = single(c, "SELECT current_setting('search_path')").trim();
      String where = "PostgreSQL has no schema to create the Talkback tables (prefix '" + prefix + "') in: ";
      if (path.isEmpty()) {
        throw new IllegalStateException(where + "the connection's search path is empty. Name a schema with"
            + " currentSchema in the JDBC URL (or the pool's data source properties), such as currentSchema=talkback");
      }
      if (path.contains(",")) {
        // Flyway would take the whole list for one schema's name
        throw new IllegalStateException(where + "none of the schemas on the search path (" + path + ") exists."
            + " Create one of them, or name a single schema with currentSchema, which is created if missing");
      }
      if (!path.startsWith("\"") && !path.equals(asciiLower(path))) {
        String folded = asciiLower(path);
        throw new IllegalStateException("PostgreSQL has no schema " + folded + " to create the Talkback tables"
            + " (prefix '" + prefix + "') in: the search path (currentSchema) says " + path + ", which PostgreSQL"
            + " reads as " + folded + " because it folds the letters A to Z of names without quotes to lower case."
            + " For a schema created as \"" + path + "\", give currentSchema=\"" + path + "\" with the quotes (%22"
            + path + "%22 in a URL); or write it in lower case, currentSchema=" + folded + ", which is created if"
            + " missing");
      }
      return;
    }
    if ((dialect == Dialect.MARIADB || dialect == Dialect.MYSQL) && single(c, "SELECT DATABASE()").isEmpty()) {
      String scheme = dialect == Dialect.MYSQL ? "mysql" : "mariadb";
      throw new IllegalStateException("the connection names no database to create the Talkback tables (prefix '"
          + prefix + "') in: give one in the JDBC URL, as jdbc:" + scheme + "://host:3306/blog (or the pool's"
          + " catalog)");
    }
  }

  /** A name as PostgreSQL folds it without quotes: the letters A to Z only (in a UTF-8 database). */
  private static String asciiLower(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      b.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + ('a' - 'A')) : ch);
    }
    return b.toString();
  }

  /** Takes the migration lock on {@code c}, waiting for another node's migration; returns its name. */
  private static String acquire(Connection c, Dialect dialect, String prefix) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      String name = "talkback migration " + single(c, "SELECT current_database() || '.' || current_schema()")
          + "." + prefix;
      // pg_advisory_lock waits without a limit of its own: lock_timeout, for this transaction only, bounds the
      // wait, and the lock (session-level) stays after the commit until pg_advisory_unlock or the session's end
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SET LOCAL lock_timeout = '" + LOCK_WAIT_SECONDS + "s'");
      }
      try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
        p.setLong(1, key(name));
        p.executeQuery().close();
      }
      c.commit();
      return name;
    }
    // MariaDB and MySQL: a lock name is at most 64 characters, and is server-wide, so it names the database
    String name = "talkback_migration_" + HexFormat.of().formatHex(digest(
        single(c, "SELECT DATABASE()") + "." + prefix), 0, 16);
    try (PreparedStatement p = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
      p.setString(1, name);
      p.setInt(2, LOCK_WAIT_SECONDS);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        if (r.getInt(1) != 1) {
          throw new IllegalStateException("another node has been migrating the Talkback tables with prefix '"
              + prefix + "' for " + LOCK_WAIT_SECONDS + " s (lock " + name + "); this node tries again at its next"
              + " call");
        }
      }
    }
    return name;
  }

  private static void release(Connection c, Dialect dialect, String name, boolean autoCommit) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      c.setAutoCommit(true);
      try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        p.setLong(1, key(name));
        p.executeQuery().close();
      }
      c.setAutoCommit(autoCommit);
    } else {
      try (PreparedStatement p = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
        p.setString(1, name);
        p.executeQuery().close();
      }
    }
  }

  /** After a failed {@link #acquire}: ends its transaction and gives the connection its auto-commit back. */
  private static void restore(Connection c, boolean autoCommit, Exception failure) {
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      failure.addSuppressed(e);
      abort(c);
    }
  }

  /** Closes the physical connection (a pool drops it), which ends the session and frees its locks. */
  private static void abort(Connection c) {
    try {
      c.abort(Runnable::run);
    } catch (SQLException | RuntimeException e) {
      // nothing more can be done for it; closing it (try-with-resources) follows
    }
  }

  /** PostgreSQL's advisory locks are keyed by a number: the first 8 bytes of the name's SHA-256. */
  private static long key(String name) {
    byte[] d = digest(name);
    long k = 0;
    for (int i = 0; i < 8; i++) {
      k = (k << 8) | (d[i] & 0xff);
    }
    return k;
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      @Nullable String v = r.getString(1);
      return v == null ? "" : v;
    }
  }
}
