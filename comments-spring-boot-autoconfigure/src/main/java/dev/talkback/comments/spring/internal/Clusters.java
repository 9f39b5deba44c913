package dev.talkback.comments.spring.internal;

import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.PlainDataSource;
import dev.talkback.comments.jdbi.PostgresInvalidationBus;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.RateLimitStore;
import dev.talkback.comments.spring.TalkbackProperties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.PropertyResolver;

/**
 * What {@code talkback.cluster.enabled=true} makes: the LISTEN/NOTIFY invalidation bus on the application's
 * {@code DataSource} and the store's shared rate limits. A store or database that cannot give them is a
 * {@link TalkbackConfigurationException} that says what to do instead.
 */
public final class Clusters {
  private static final String ACTION = "Run the nodes on PostgreSQL with the JDBI store (spring.datasource.* on"
      + " PostgreSQL); or define your own dev.talkback.comments.spi.InvalidationBus bean (on MariaDB, MySQL or H2 a bus"
      + " that flushes the cache every few seconds: docs/jdbi.md, \"Several nodes\"), which the starter then uses;"
      + " or set talkback.cluster.enabled=false to run one node.";

  private Clusters() {}

  /**
   * The invalidation bus over PostgreSQL LISTEN/NOTIFY. It listens on a plain connection of its own opened with
   * {@code spring.datasource.url}, {@code .username} and {@code .password} when the URL is set (the
   * application's pool stays whole), else on one connection of {@code dataSource}, held for the bus's whole
   * life. Not started: {@code Comments} starts it.
   *
   * @param store the comment store (the JDBI store)
   * @param dataSource the application's data source, the store's
   * @param environment where {@code spring.datasource.*} is read
   * @param p the properties
   * @return the bus; close it after {@code Comments}
   * @throws TalkbackConfigurationException if the store is not the JDBI store, the database is not PostgreSQL,
   *     or a setting is invalid
   */
  public static PostgresInvalidationBus bus(@Nullable CommentStore store, @Nullable DataSource dataSource,
      PropertyResolver environment, TalkbackProperties p) {
    JdbiCommentStore jdbi = jdbi(store);
    if (dataSource == null) {
      throw new TalkbackConfigurationException("talkback.cluster.enabled=true, but there is no single DataSource"
          + " for the invalidation bus to listen on.", "Mark the comment database's DataSource @Primary, or " + ACTION);
    }
    Dialect dialect;
    try {
      dialect = jdbi.initialize();
    } catch (StoreUnavailableException e) {
      LoggerFactory.getLogger(Clusters.class).warn("Talkback: talkback.cluster.enabled=true, and the comment database"
          + " is unreachable at startup, so whether it is PostgreSQL is not known yet; the invalidation listener"
          + " connects when it is back: {}", e.getMessage());
      dialect = Dialect.POSTGRESQL;
    }
    if (dialect != Dialect.POSTGRESQL) {
      throw new TalkbackConfigurationException("talkback.cluster.enabled=true needs PostgreSQL (its LISTEN/NOTIFY"
          + " tells the other nodes about every change), but the comment database is " + dialect + ".", ACTION);
    }
    try {
      String url = environment.getProperty("spring.datasource.url");
      DataSource listen = url == null || url.isBlank() ? dataSource : new PlainDataSource(url.trim(),
          environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
      return PostgresInvalidationBus.builder(listen).tablePrefix(jdbi.tablePrefix())
          .heartbeat(p.getCluster().getHeartbeat()).maxBackoff(p.getCluster().getMaxBackoff()).build();
    } catch (IllegalArgumentException e) {
      throw new TalkbackConfigurationException("invalid talkback.cluster.* setting: " + e.getMessage(),
          "Correct the talkback.cluster.* settings (docs/spring-boot.md, \"Several app nodes\").");
    }
  }

  /**
   * The rate limits' token buckets in the store's database, shared by every node on it.
   *
   * @param store the comment store (the JDBI store)
   * @return the store's {@link JdbiCommentStore#rateLimits()}
   * @throws TalkbackConfigurationException if the store is not the JDBI store
   */
  public static RateLimitStore rateLimits(@Nullable CommentStore store) {
    return jdbi(store).rateLimits();
  }

  private static JdbiCommentStore jdbi(@Nullable CommentStore store) {
    if (store instanceof JdbiCommentStore j) {
      return j;
    }
    throw new TalkbackConfigurationException("talkback.cluster.enabled=true, but the comment store is "
        + (store == null ? "missing" : "the application's own " + store.getClass().getName())
        + ", not the JDBI store whose database the nodes could share.",
        "Define dev.talkback.comments.spi.InvalidationBus and dev.talkback.comments.spi.RateLimitStore beans for your"
        + " store, or remove your CommentStore bean to use the JDBI store on PostgreSQL; or set"
        + " talkback.cluster.enabled=false to run one node.");
  }
}
