package dev.talkback.comments.jdbi;

import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.CommentStoreFactory;
import dev.talkback.comments.spi.InvalidationBus;
import dev.talkback.comments.spi.RateLimitStore;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link JdbiCommentStore} from text settings, for a {@code CommentsServlet} declared in {@code
 * web.xml}: name this class in the servlet's init parameter {@code talkback.store-factory}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>meaning</th></tr>
 *   <tr><td>{@code talkback.datasource}</td><td>the JNDI name of a {@link DataSource}, such as {@code
 *       java:comp/env/jdbc/comments}: normally the container's connection pool (preferred)</td></tr>
 *   <tr><td>{@code talkback.jdbc.url}, {@code talkback.jdbc.user}, {@code talkback.jdbc.password}</td><td>or
 *       a JDBC URL (with user and password when the URL has none): a data source without a pool that opens a
 *       connection per store call through {@link DriverManager}; enough for a small blog</td></tr>
 *   <tr><td>{@code talkback.jdbc.driver}</td><td>optional: the driver class to load with the web application's
 *       class loader, such as {@code org.postgresql.Driver}; needed when the driver's jar is in {@code
 *       WEB-INF/lib} of a container that set up {@link DriverManager} before the application (Tomcat)</td></tr>
 *   <tr><td>{@code talkback.jdbc.table-prefix}</td><td>optional: {@link JdbiCommentStore.Builder#tablePrefix}
 *       ({@code talkback_} by default)</td></tr>
 *   <tr><td>{@code talkback.jdbc.migrate}</td><td>optional: {@code off} leaves the schema to the deployer
 *       ({@link JdbiCommentStore.Builder#migrate}); {@code on} by default</td></tr>
 *   <tr><td>{@code talkback.jdbc.query-timeout}</td><td>optional: {@link JdbiCommentStore.Builder#queryTimeout},
 *       such as {@code 5s}</td></tr>
 *   <tr><td>{@code talkback.cluster}</td><td>optional: {@code postgres} when several app nodes share the
 *       database: {@link #invalidationBus} gives a {@link PostgresInvalidationBus} and {@link #rateLimitStore}
 *       the store's {@link JdbiCommentStore#rateLimits()}; {@code off} by default</td></tr>
 *   <tr><td>{@code talkback.fallback.replicas}</td><td>optional: the database's read replicas, where reads go
 *       while the primary is down ({@link #replicas}): a comma-separated list, in the order reads try them, of
 *       JNDI names of data sources or JDBC URLs (a URL logs in as {@code talkback.jdbc.user} with {@code
 *       talkback.jdbc.password}, or as {@code talkback.fallback.replicas.user} with {@code .password} when
 *       set). Replicas are read with the same table prefix and query timeout, and never migrated.</td></tr>
 * </table>
 *
 * <p>The store migrates its tables when it is created. If the database is unreachable then, the failure is
 * logged as a warning and the store is returned anyway: it connects and migrates on its first call. What no
 * wait will mend is refused at once with an {@link IllegalArgumentException} that says what to fix, never
 * reported as an unreachable database: a driver class that is not on the class path, a URL no driver on the
 * class path accepts (the driver's jar is missing or the URL is misspelled), a URL that does not start with
 * {@code jdbc:}, a login the database refuses, or a data source that cannot load its driver.
 *
 * <p>Threadsafe and stateless.
 */
public final class JdbiStoreFactory implements CommentStoreFactory {
  /** The JNDI name of a {@link DataSource}. */
  public static final String DATASOURCE = "talkback.datasource";
  /** A JDBC URL, when there is no JNDI data source. */
  public static final String JDBC_URL = "talkback.jdbc.url";
  /** The user for {@link #JDBC_URL}. */
  public static final String JDBC_USER = "talkback.jdbc.user";
  /** The password for {@link #JDBC_URL}. */
  public static final String JDBC_PASSWORD = "talkback.jdbc.password";
  /** The table prefix, optional. */
  public static final String TABLE_PREFIX = "talkback.jdbc.table-prefix";
  /** The JDBC driver class to load, optional. */
  public static final String DRIVER = "talkback.jdbc.driver";
  /** {@code off} to leave the schema alone, optional. */
  public static final String MIGRATE = "talkback.jdbc.migrate";
  /** The statement timeout, such as {@code 5s}, optional. */
  public static final String QUERY_TIMEOUT = "talkback.jdbc.query-timeout";

  /** The read replicas, a comma-separated list of JNDI names or JDBC URLs, optional. */
  public static final String REPLICAS = "talkback.fallback.replicas";
  /** The user for the replicas' JDBC URLs, when it is not {@link #JDBC_USER}, optional. */
  public static final String REPLICAS_USER = "talkback.fallback.replicas.user";
  /** The password for {@link #REPLICAS_USER}, optional. */
  public static final String REPLICAS_PASSWORD = "talkback.fallback.replicas.password";

  /** {@code postgres} for several app nodes on one PostgreSQL database, optional. */
  public static final String CLUSTER = "talkback.cluster";

  /** Loaded by name; holds nothing. */
  public JdbiStoreFactory() {}

  /**
   * Builds the store on a JNDI data source or a JDBC URL, and migrates its tables if the database can be
   * reached.
   *
   * @param settings {@link #DATASOURCE}, or {@link #JDBC_URL} with {@link #JDBC_USER} and {@link
   *     #JDBC_PASSWORD}; optionally {@link #TABLE_PREFIX}
   * @return the store; it borrows connections and owns nothing to close
   * @throws IllegalArgumentException if neither a data source nor a URL is set, the JNDI name is not a
   *     {@code DataSource}, a setting is invalid, or the database cannot be used for a reason that waiting
   *     will not mend (no driver, a misspelled URL, a refused login)
   */
  @Override
  public CommentStore create(Map<String, String> settings) {
    cluster(settings); // a misspelled value is refused before anything is built
    JdbiCommentStore.Builder b = JdbiCommentStore.builder(dataSource(settings));
    String prefix = value(settings, TABLE_PREFIX);
    if (prefix != null) {
      b.tablePrefix(prefix);
    }
    String migrate = value(settings, MIGRATE);
    if (migrate != null) {
      b.migrate(switch (migrate.toLowerCase(java.util.Locale.ROOT)) {
        case "on", "true" -> true;
        case "off", "false" -> false;
        default -> throw new IllegalArgumentException(MIGRATE + " must be on or off, not '" + migrate + "'");
      });
    }
    String timeout = value(settings, QUERY_TIMEOUT);
    if (timeout != null) {
      b.queryTimeout(JdbcSettings.duration(QUERY_TIMEOUT, timeout));
    }
    JdbiCommentStore store = b.build();
    try {
      store.initialize(); // migrate now, not inside the first request's deadline
    } catch (RuntimeException e) {
      String misconfigured = JdbcSettings.misconfiguration(e);
      if (misconfigured != null) {
        throw new IllegalArgumentException(misconfigured, e);
      }
      if (!(e instanceof StoreUnavailableException)) {
        throw e;
      }
      LoggerFactory.getLogger(JdbiStoreFactory.class).warn(
          "Talkback: the comment database is unreachable at startup; starting anyway: {}", e.getMessage());
    }
    return store;
  }

  /**
   * With {@code talkback.cluster=postgres}, the invalidation bus over PostgreSQL LISTEN/NOTIFY, for the
   * {@code Comments} on {@code store}. It listens on a connection of its own: a plain one opened with {@link
   * #JDBC_URL}, or one of the JNDI data source's pool, held for the bus's whole life (size the pool one larger).
   *
   * @param store the store {@link #create} built from {@code settings}
   * @param settings the same settings
   * @return the bus, not yet listening ({@code Comments} starts it); empty without {@link #CLUSTER}
   * @throws IllegalArgumentException if {@link #CLUSTER} is not {@code off} or {@code postgres}, the store is not
   *     a {@link JdbiCommentStore}, or the database is not PostgreSQL
   */
  @Override
  public Optional<InvalidationBus> invalidationBus(CommentStore store, Map<String, String> settings) {
    if (!cluster(settings)) {
      return Optional.empty();
    }
    JdbiCommentStore jdbi = jdbi(store);
    Dialect dialect = null;
    try {
      dialect = jdbi.initialize();
    } catch (StoreUnavailableException e) {
      LoggerFactory.getLogger(JdbiStoreFactory.class).warn("Talkback: {}=postgres, and the comment database is"
          + " unreachable at startup; the invalidation listener connects when it is back: {}", CLUSTER, e.getMessage());
    }
    if (dialect != null && dialect != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException(CLUSTER + "=postgres needs PostgreSQL, whose LISTEN/NOTIFY tells every node"
          + " about each change, but the comment database is " + dialect + ": use PostgreSQL for several nodes, or"
          + " remove " + CLUSTER + " and run one node (docs/jdbi.md, \"Several nodes\")");
    }
    return Optional.of(PostgresInvalidationBus.builder(dataSource(settings)).tablePrefix(jdbi.tablePrefix()).build());
  }

  /**
   * With {@code talkback.cluster=postgres}, the store's {@link JdbiCommentStore#rateLimits()}: every node on the
   * database takes from the same token buckets.
   *
   * @param store the store {@link #create} built from {@code settings}
   * @param settings the same settings
   * @return the shared buckets; empty without {@link #CLUSTER}
   * @throws IllegalArgumentException if {@link #CLUSTER} is not {@code off} or {@code postgres}, or the store is
   *     not a {@link JdbiCommentStore}
   */
  @Override
  public Optional<RateLimitStore> rateLimitStore(CommentStore store, Map<String, String> settings) {
    return cluster(settings) ? Optional.of(jdbi(store).rateLimits()) : Optional.empty();
  }

  private static boolean cluster(Map<String, String> settings) {
    String v = value(settings, CLUSTER);
    if (v == null) {
      return false;
    }
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "off", "false" -> false;
      case "postgres", "postgresql" -> true;
      default -> throw new IllegalArgumentException(CLUSTER + " must be off or postgres (several app nodes on one"
          + " PostgreSQL database), not '" + v + "'");
    };
  }

  /**
   * The read replicas {@link #REPLICAS} lists: a JDBI store on each, read only (never migrated), with the
   * primary's table prefix and query timeout. They are not contacted here: a replica that is down is skipped
   * by reads and probed again later, like any replica.
   *
   * @param settings the same settings {@link #create} had
   * @return the replicas in the listed order; none when {@link #REPLICAS} is not set
   * @throws IllegalArgumentException if an entry is empty, a URL does not start with {@code jdbc:} or no driver
   *     takes it, or a JNDI name is unbound or not a data source
   */
  @Override
  public List<CommentReader> replicas(Map<String, String> settings) {
    String list = value(settings, REPLICAS);
    if (list == null) {
      return List.of();
    }
    String prefix = value(settings, TABLE_PREFIX);
    String timeout = value(settings, QUERY_TIMEOUT);
    String user = settings.containsKey(REPLICAS_USER) ? settings.get(REPLICAS_USER) : settings.get(JDBC_USER);
    String password = settings.containsKey(REPLICAS_USER) ? settings.get(REPLICAS_PASSWORD)
        : settings.get(JDBC_PASSWORD);
    List<CommentReader> readers = new ArrayList<>();
    for (String entry : list.split(",", -1)) {
      String name = entry.trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException(REPLICAS + " has an empty entry in '" + list + "': list JNDI names or"
            + " JDBC URLs separated by commas");
      }
      DataSource ds;
      if (name.regionMatches(true, 0, "jdbc:", 0, 5)) {
        JdbcSettings.checkUrl(REPLICAS, name);
        ds = new PlainDataSource(name, user, password);
      } else {
        ds = lookup(REPLICAS, name);
      }
      JdbiCommentStore.Builder b = JdbiCommentStore.builder(ds).migrate(false);
      if (prefix != null) {
        b.tablePrefix(prefix);
      }
      if (timeout != null) {
        b.queryTimeout(JdbcSettings.duration(QUERY_TIMEOUT, timeout));
      }
      readers.add(b.build());
    }
    return List.copyOf(readers);
  }

  private static JdbiCommentStore jdbi(CommentStore store) {
    if (store instanceof JdbiCommentStore j) {
      return j;
    }
    throw new IllegalArgumentException(CLUSTER + " needs the store this factory built, not " + store.getClass().getName());
  }

  private static DataSource dataSource(Map<String, String> settings) {
    String jndi = value(settings, DATASOURCE);
    if (jndi != null) {
      return lookup(DATASOURCE, jndi);
    }
    String driver = value(settings, DRIVER);
    if (driver != null) {
      JdbcSettings.loadDriver(DRIVER, driver);
    }
    String url = value(settings, JDBC_URL);
    if (url != null) {
      JdbcSettings.checkUrl(JDBC_URL, url);
      return new PlainDataSource(url, settings.get(JDBC_USER), settings.get(JDBC_PASSWORD));
    }
    throw new IllegalArgumentException("set " + DATASOURCE + " (the JNDI name of a DataSource, such as"
        + " java:comp/env/jdbc/comments) or " + JDBC_URL + " (with " + JDBC_USER + " and " + JDBC_PASSWORD + ")");
  }

  // The JNDI name comes from the deployer's configuration, never from a request.
  @SuppressWarnings("BanJNDI")
  private static DataSource lookup(String setting, String name) {
    Object found;
    try {
      found = new InitialContext().lookup(name);
    } catch (NamingException e) {
      throw new IllegalArgumentException(setting + " '" + name + "' is not bound in JNDI: " + e.getMessage(), e);
    }
    if (found instanceof DataSource ds) {
      return ds;
    }
    throw new IllegalArgumentException(setting + " '" + name + "' is not a javax.sql.DataSource but "
        + (found == null ? "null" : found.getClass().getName()));
  }

  private static @Nullable String value(Map<String, String> settings, String name) {
    String v = settings.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }


}
