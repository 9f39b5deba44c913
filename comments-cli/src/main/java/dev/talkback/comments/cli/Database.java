package dev.talkback.comments.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The database options every command shares, and the store they open. */
final class Database {
  @Option(names = "--jdbc-url", required = true, paramLabel = "URL",
      description = "The Talkback database, e.g. jdbc:postgresql://host/db, jdbc:mariadb://host/db, jdbc:h2:./data/talkback")
  String url = "";

  @Option(names = "--user", paramLabel = "U", description = "The database user.")
  @Nullable String user;

  @Option(names = "--password", paramLabel = "P",
      description = "The database password (default: the environment variable TALKBACK_DB_PASSWORD).")
  @Nullable String password;

  @Option(names = "--table-prefix", paramLabel = "PREFIX", defaultValue = "talkback_", converter = TablePrefix.class,
      description = "The prefix of Talkback's tables (default: ${DEFAULT-VALUE}).")
  String tablePrefix = "talkback_";

  /** The smallest pool the store can migrate its tables with, on every database. */
  static final int MIN_CONNECTIONS = 3;

  /**
   * The store of a database that holds Talkback's tables already, for the commands that read or erase: a
   * mistyped URL, schema or table prefix is refused with that advice instead of getting a new set of empty
   * tables (and an export of nothing, or an erasure of nothing logged as done). Tables of an older version are
   * migrated, as {@link #open(int)} does.
   */
  Opened openExisting() {
    return open(MIN_CONNECTIONS, false);
  }

  /** The store on a pool of at most {@code connections} connections (an import's workers each use one). */
  Opened open(int connections) {
    return open(connections, true);
  }

  /** With {@code create} false, refuses a database without the tables, and migrates the ones it finds. */
  private Opened open(int connections, boolean create) {
    checkDriver(url);
    HikariConfig config = new HikariConfig();
    // H2 creates a database file (and its directories) for any path it is given: a mistyped path would leave
    // an empty database behind. A command that only reads or erases opens an existing one or none.
    config.setJdbcUrl(create ? url : h2IfExists(url));
    if (user != null) {
      config.setUsername(user);
    }
    String pw = password();
    if (pw != null) {
      config.setPassword(pw);
    }
    // At least 3: the store's first migration holds one connection for its lock while Flyway borrows two
    // more on PostgreSQL (with 2, every export and author command failed there: TalkbackJarIT).
    config.setMaximumPoolSize(Math.max(MIN_CONNECTIONS, connections));
    config.setConnectionTimeout(5_000); // an unreachable database is reported in seconds
    config.setPoolName("talkback-cli");
    config.setInitializationFailTimeout(-1); // a bad URL fails on first use, with the store's message
    HikariDataSource pool = new HikariDataSource(config);
    try {
      if (!create) {
        try {
          JdbiCommentStore.builder(pool).tablePrefix(tablePrefix).migrate(false).build().initialize();
        } catch (RuntimeException e) {
          if (Errors.isMissingH2Database(e)) {
            throw new NoTables("there is no H2 database at " + shown(url) + ": check --jdbc-url; talkback import"
                + " creates it", e, true);
          }
          if (!(e instanceof IllegalStateException) || !Errors.isMissingTable(e)) {
            throw e; // tables that exist but cannot be read (a permission), an unsupported database, ...
          }
          throw new NoTables("this database has no Talkback tables with the prefix '" + tablePrefix + "' ("
              + shown(url) + "): check --jdbc-url (on PostgreSQL its currentSchema too) and --table-prefix;"
              + " talkback import creates them", e, false);
        }
      }
      JdbiCommentStore store = JdbiCommentStore.builder(pool).tablePrefix(tablePrefix).build();
      store.initialize();
      return new Opened(store, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Checks {@code --table-prefix} when the command line is read, with the store's own rule: a bad prefix is a
   * usage error (exit code 2) that says what it must be.
   */
  static final class TablePrefix implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try (HikariDataSource unused = new HikariDataSource()) { // never started: the builder only keeps it
        JdbiCommentStore.builder(unused).tablePrefix(value);
        return value;
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** The database holds no Talkback tables with the prefix given: nothing to export or erase. */
  static final class NoTables extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final boolean noDatabase;

    NoTables(String message, Throwable cause, boolean noDatabase) {
      super(message, cause);
      this.noDatabase = noDatabase;
    }

    /** Whether there is no database at all (an H2 path with no file), not only no tables in it. */
    boolean noDatabase() {
      return noDatabase;
    }
  }

  /**
   * An open store and its pool.
   *
   * @param store the store
   * @param pool its connections
   */
  record Opened(JdbiCommentStore store, HikariDataSource pool) implements AutoCloseable {
    @Override
    public void close() {
      pool.close();
    }
  }

  /**
   * An H2 URL that opens only a database that exists ({@code ;IFEXISTS=TRUE}), unless it is in memory or says
   * otherwise already; any other URL as it is.
   */
  static String h2IfExists(String url) {
    if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")
        || url.toLowerCase(java.util.Locale.ROOT).contains(";ifexists=")) {
      return url;
    }
    return url + ";IFEXISTS=TRUE";
  }

  /**
   * Refuses a URL that no driver in the jar takes before a pool is made for it, with the forms that work (the
   * pool would say "Failed to get driver instance"). MySQL is reached through MariaDB's driver, which takes
   * {@code jdbc:mariadb:} URLs.
   */
  static void checkDriver(String url) {
    try {
      DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new IllegalArgumentException("no JDBC driver in talkback.jar takes the URL '" + shown(url) + "': use"
          + " jdbc:postgresql://HOST/DB, jdbc:mariadb://HOST/DB (MariaDB, and MySQL too) or jdbc:h2:./PATH");
    }
  }

  /**
   * The URL as an error message may show it: without its parameters ({@code ?password=...}, {@code ;...}) and
   * without a {@code user:password@} before the host.
   */
  static String shown(String url) {
    String s = url;
    int slashes = s.indexOf("//");
    if (slashes >= 0) { // the user information goes first: a password may hold a ; or a ?
      int path = s.indexOf('/', slashes + 2);
      int at = s.lastIndexOf('@', path < 0 ? s.length() - 1 : path - 1);
      if (at > slashes) {
        s = s.substring(0, slashes + 2) + s.substring(at + 1);
      }
    }
    int end = s.length();
    for (char c : new char[] {'?', ';'}) {
      int i = s.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return end < s.length() ? s.substring(0, end) + s.charAt(end) + "..." : s;
  }

  private @Nullable String password() {
    return password != null ? password : System.getenv("TALKBACK_DB_PASSWORD");
  }
}
