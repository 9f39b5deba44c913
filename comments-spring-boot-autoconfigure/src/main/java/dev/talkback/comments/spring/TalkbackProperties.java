package dev.talkback.comments.spring;

import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.fallback.WritePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Talkback's settings under {@code talkback.*}, for {@link TalkbackAutoConfiguration}. Every property has
 * a description in the configuration metadata; docs/spring-boot.md lists them with examples.
 */
@ConfigurationProperties("talkback")
public class TalkbackProperties {
  /** Defaults as documented on each property. */
  public TalkbackProperties() {}

  /** Whether to auto-configure Talkback. */
  private boolean enabled = true;
  /** Where the servlet is mounted; the JSON API, widget, fragments, feeds, moderation page and health are below it. */
  private String path = "/comments";
  /** The server secret that keys IP hashes and signs form tokens: at least 16 characters, or base64:... of at least 16 bytes. Required; keep it the same across restarts and nodes. */
  private @Nullable String secret;
  /** The mount point's absolute URL as browsers reach it (such as https://blog.example/comments), when a proxy changes the scheme, host or path. */
  private @Nullable String publicUrl;
  /** Origins (https://host[:port]) allowed to embed the widget from another origin. */
  private List<String> allowedOrigins = new ArrayList<>();
  /** The site id of requests without a site parameter. */
  private String site = "default";
  /** A bearer token that shows the details of the servlet's /health to monitoring. */
  private @Nullable String healthToken;
  /** Which new comments wait for a moderator: NONE, ALL, FIRST_TIME (until an author has an approved comment) or LINKS (comments with links). */
  private ModerationMode moderation = ModerationMode.NONE;
  /** The Spring Security authority (such as ROLE_ADMIN) whose users may moderate; nobody when unset. */
  private @Nullable String moderatorAuthority;
  /** The largest request body accepted (at least 1KB); larger ones are answered 413. */
  private DataSize maxBodySize = DataSize.ofKilobytes(64);
  /** Rate limits per client and per thread. */
  private RateLimits rateLimit = new RateLimits();
  /** The no-JS form's time trap. */
  private TimeTrap timeTrap = new TimeTrap();
  /** The JDBI store on the application's DataSource. */
  private Store store = new Store();
  /** The read-only fallback. */
  private Fallback fallback = new Fallback();
  /** Several app nodes on one PostgreSQL database: cache invalidation between them and shared rate limits. */
  private Cluster cluster = new Cluster();

  /**
   * Whether to auto-configure Talkback.
   *
   * @return whether to auto-configure Talkback
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets: whether to auto-configure Talkback.
   *
   * @param enabled the new value
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Where the servlet is mounted; the JSON API, widget, fragments, feeds, moderation page and health are below it.
   *
   * @return where the servlet is mounted; the JSON API, widget, fragments, feeds, moderation page and health are below it
   */
  public String getPath() {
    return path;
  }

  /**
   * Sets: where the servlet is mounted; the JSON API, widget, fragments, feeds, moderation page and health are below it.
   *
   * @param path the new value
   */
  public void setPath(String path) {
    this.path = path;
  }

  /**
   * The server secret that keys IP hashes and signs form tokens: at least 16 characters, or base64:... of at least 16 bytes. Required; keep it the same across restarts and nodes.
   *
   * @return the server secret that keys IP hashes and signs form tokens: at least 16 characters, or base64:
   */
  public @Nullable String getSecret() {
    return secret;
  }

  /**
   * Sets: the server secret that keys IP hashes and signs form tokens: at least 16 characters, or base64:.
   *
   * @param secret the new value
   */
  public void setSecret(@Nullable String secret) {
    this.secret = secret;
  }

  /**
   * The mount point's absolute URL as browsers reach it (such as https://blog.example/comments), when a proxy changes the scheme, host or path.
   *
   * @return the mount point's absolute URL as browsers reach it (such as https://blog.example/comments), when a proxy changes the scheme, host or path
   */
  public @Nullable String getPublicUrl() {
    return publicUrl;
  }

  /**
   * Sets: the mount point's absolute URL as browsers reach it (such as https://blog.example/comments), when a proxy changes the scheme, host or path.
   *
   * @param publicUrl the new value
   */
  public void setPublicUrl(@Nullable String publicUrl) {
    this.publicUrl = publicUrl;
  }

  /**
   * Origins (https://host[:port]) allowed to embed the widget from another origin.
   *
   * @return origins (https://host[:port]) allowed to embed the widget from another origin
   */
  public List<String> getAllowedOrigins() {
    return allowedOrigins;
  }

  /**
   * Sets: origins (https://host[:port]) allowed to embed the widget from another origin.
   *
   * @param allowedOrigins the new value
   */
  public void setAllowedOrigins(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  /**
   * The site id of requests without a site parameter.
   *
   * @return the site id of requests without a site parameter
   */
  public String getSite() {
    return site;
  }

  /**
   * Sets: the site id of requests without a site parameter.
   *
   * @param site the new value
   */
  public void setSite(String site) {
    this.site = site;
  }

  /**
   * A bearer token that shows the details of the servlet's /health to monitoring.
   *
   * @return a bearer token that shows the details of the servlet's /health to monitoring
   */
  public @Nullable String getHealthToken() {
    return healthToken;
  }

  /**
   * Sets: a bearer token that shows the details of the servlet's /health to monitoring.
   *
   * @param healthToken the new value
   */
  public void setHealthToken(@Nullable String healthToken) {
    this.healthToken = healthToken;
  }

  /**
   * Which new comments wait for a moderator: NONE, ALL, FIRST_TIME (until an author has an approved comment) or LINKS (comments with links).
   *
   * @return which new comments wait for a moderator: NONE, ALL, FIRST_TIME (until an author has an approved comment) or LINKS (comments with links)
   */
  public ModerationMode getModeration() {
    return moderation;
  }

  /**
   * Sets: which new comments wait for a moderator: NONE, ALL, FIRST_TIME (until an author has an approved comment) or LINKS (comments with links).
   *
   * @param moderation the new value
   */
  public void setModeration(ModerationMode moderation) {
    this.moderation = moderation;
  }

  /**
   * The Spring Security authority (such as ROLE_ADMIN) whose users may moderate; nobody when unset.
   *
   * @return the Spring Security authority (such as ROLE_ADMIN) whose users may moderate; nobody when unset
   */
  public @Nullable String getModeratorAuthority() {
    return moderatorAuthority;
  }

  /**
   * Sets: the Spring Security authority (such as ROLE_ADMIN) whose users may moderate; nobody when unset.
   *
   * @param moderatorAuthority the new value
   */
  public void setModeratorAuthority(@Nullable String moderatorAuthority) {
    this.moderatorAuthority = moderatorAuthority;
  }

  /**
   * The largest request body accepted (at least 1KB); larger ones are answered 413.
   *
   * @return the largest request body accepted (at least 1KB); larger ones are answered 413
   */
  public DataSize getMaxBodySize() {
    return maxBodySize;
  }

  /**
   * Sets: the largest request body accepted (at least 1KB); larger ones are answered 413.
   *
   * @param maxBodySize the new value
   */
  public void setMaxBodySize(DataSize maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  /**
   * Rate limits per client and per thread.
   *
   * @return rate limits per client and per thread
   */
  public RateLimits getRateLimit() {
    return rateLimit;
  }

  /**
   * Sets: rate limits per client and per thread.
   *
   * @param rateLimit the new value
   */
  public void setRateLimit(RateLimits rateLimit) {
    this.rateLimit = rateLimit;
  }

  /**
   * The no-JS form's time trap.
   *
   * @return the no-JS form's time trap
   */
  public TimeTrap getTimeTrap() {
    return timeTrap;
  }

  /**
   * Sets: the no-JS form's time trap.
   *
   * @param timeTrap the new value
   */
  public void setTimeTrap(TimeTrap timeTrap) {
    this.timeTrap = timeTrap;
  }

  /**
   * The JDBI store on the application's DataSource.
   *
   * @return the JDBI store on the application's DataSource
   */
  public Store getStore() {
    return store;
  }

  /**
   * Sets: the JDBI store on the application's DataSource.
   *
   * @param store the new value
   */
  public void setStore(Store store) {
    this.store = store;
  }

  /**
   * The read-only fallback.
   *
   * @return the read-only fallback
   */
  public Fallback getFallback() {
    return fallback;
  }

  /**
   * Sets: the read-only fallback.
   *
   * @param fallback the new value
   */
  public void setFallback(Fallback fallback) {
    this.fallback = fallback;
  }

  /**
   * Several app nodes on one PostgreSQL database: cache invalidation between them and shared rate limits.
   *
   * @return the several-nodes settings
   */
  public Cluster getCluster() {
    return cluster;
  }

  /**
   * Sets: several app nodes on one PostgreSQL database.
   *
   * @param cluster the new value
   */
  public void setCluster(Cluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Several app nodes behind a load balancer on one PostgreSQL database (docs/spring-boot.md, "Several app
   * nodes"): each node's cache hears the others' changes over LISTEN/NOTIFY, and the rate limits are counted in
   * the database, the same for every node.
   */
  public static final class Cluster {
    /** Whether this node shares the database with other nodes: invalidates its cache on every change another node (or anyone) commits, over PostgreSQL LISTEN/NOTIFY, and keeps the rate limits in the database. Needs the JDBI store on PostgreSQL, or an InvalidationBus bean of the application's. */
    private boolean enabled;
    /** How often the listener connection is checked; a connection that fails the check is replaced and this node's whole cache is outdated. */
    private Duration heartbeat = Duration.ofSeconds(5);
    /** The longest pause between attempts to connect the listener again. */
    private Duration maxBackoff = Duration.ofSeconds(5);

    /** Defaults as documented on each property. */
    public Cluster() {}

    /**
     * Whether this node shares the database with other nodes.
     *
     * @return whether the invalidation bus and the shared rate limits are on
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets: whether this node shares the database with other nodes.
     *
     * @param enabled the new value
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * How often the listener connection is checked.
     *
     * @return the heartbeat
     */
    public Duration getHeartbeat() {
      return heartbeat;
    }

    /**
     * Sets: how often the listener connection is checked.
     *
     * @param heartbeat the new value
     */
    public void setHeartbeat(Duration heartbeat) {
      this.heartbeat = heartbeat;
    }

    /**
     * The longest pause between attempts to connect the listener again.
     *
     * @return the longest pause
     */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /**
     * Sets: the longest pause between attempts to connect the listener again.
     *
     * @param maxBackoff the new value
     */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }
  }

  /**
   * Token-bucket rate limits: {@code burst} requests at once, refilled evenly over {@code period}.
   */
  public static final class RateLimits {
    /** New comments per client (hashed IP address); 5 a minute by default. */
    private Limit postsPerClient = new Limit(5);
    /** New comments per thread, from everyone; 30 a minute by default. */
    private Limit postsPerThread = new Limit(30);
    /** Likes, edits and deletes per client; 60 a minute by default. */
    private Limit actionsPerClient = new Limit(60);

    /** Defaults as documented on each property. */
    public RateLimits() {}

    /**
     * New comments per client (hashed IP address); 5 a minute by default.
     *
     * @return new comments per client (hashed IP address); 5 a minute by default
     */
    public Limit getPostsPerClient() {
      return postsPerClient;
    }

    /**
     * Sets: new comments per client (hashed IP address); 5 a minute by default.
     *
     * @param postsPerClient the new value
     */
    public void setPostsPerClient(Limit postsPerClient) {
      this.postsPerClient = postsPerClient;
    }

    /**
     * New comments per thread, from everyone; 30 a minute by default.
     *
     * @return new comments per thread, from everyone; 30 a minute by default
     */
    public Limit getPostsPerThread() {
      return postsPerThread;
    }

    /**
     * Sets: new comments per thread, from everyone; 30 a minute by default.
     *
     * @param postsPerThread the new value
     */
    public void setPostsPerThread(Limit postsPerThread) {
      this.postsPerThread = postsPerThread;
    }

    /**
     * Likes, edits and deletes per client; 60 a minute by default.
     *
     * @return likes, edits and deletes per client; 60 a minute by default
     */
    public Limit getActionsPerClient() {
      return actionsPerClient;
    }

    /**
     * Sets: likes, edits and deletes per client; 60 a minute by default.
     *
     * @param actionsPerClient the new value
     */
    public void setActionsPerClient(Limit actionsPerClient) {
      this.actionsPerClient = actionsPerClient;
    }


    /** One token bucket. */
    public static final class Limit {
      /** How many requests a fresh bucket allows in a row (at least 1). */
      private int burst;
      /** How long the bucket takes to refill completely. */
      private Duration period = Duration.ofMinutes(1);

      /** A bucket of 5 a minute; the binder sets the real values. */
      public Limit() {
        this(5);
      }

      Limit(int burst) {
        this.burst = burst;
      }

      /**
       * How many requests a fresh bucket allows in a row.
       *
       * @return at least 1
       */
      public int getBurst() {
        return burst;
      }

      /**
       * Sets how many requests a fresh bucket allows in a row.
       *
       * @param burst at least 1
       */
      public void setBurst(int burst) {
        this.burst = burst;
      }

      /**
       * How long the bucket takes to refill completely.
       *
       * @return a positive duration
       */
      public Duration getPeriod() {
        return period;
      }

      /**
       * Sets how long the bucket takes to refill completely.
       *
       * @param period a positive duration
       */
      public void setPeriod(Duration period) {
        this.period = period;
      }
    }

  }
  /**
   * The no-JS form's time trap: a form posted faster than a person types, or long after it was served, is refused.
   */
  public static final class TimeTrap {
    /** The shortest time between serving the form and posting it. */
    private Duration min = Duration.ofSeconds(3);
    /** The longest time a served form stays valid. */
    private Duration maxAge = Duration.ofDays(1);

    /** Defaults as documented on each property. */
    public TimeTrap() {}

    /**
     * The shortest time between serving the form and posting it.
     *
     * @return the shortest time between serving the form and posting it
     */
    public Duration getMin() {
      return min;
    }

    /**
     * Sets: the shortest time between serving the form and posting it.
     *
     * @param min the new value
     */
    public void setMin(Duration min) {
      this.min = min;
    }

    /**
     * The longest time a served form stays valid.
     *
     * @return the longest time a served form stays valid
     */
    public Duration getMaxAge() {
      return maxAge;
    }

    /**
     * Sets: the longest time a served form stays valid.
     *
     * @param maxAge the new value
     */
    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }


  }
  /**
   * The JDBI store on the application's {@code DataSource} (when comments-jdbi is present and no {@code CommentStore} bean is defined).
   */
  public static final class Store {
    /** Prefix of Talkback's tables and of its own Flyway history table ({@code <prefix>schema_history}). */
    private String tablePrefix = "talkback_";
    /** Whether to create and upgrade Talkback's tables at startup, after Spring Boot's own database initialization (Flyway, Liquibase, SQL scripts). */
    private boolean migrate = true;
    /** The JDBC query timeout of every store call; the driver's default when unset. */
    private @Nullable Duration queryTimeout;

    /** Defaults as documented on each property. */
    public Store() {}

    /**
     * Prefix of Talkback's tables and of its own Flyway history table ({@code <prefix>schema_history}).
     *
     * @return prefix of Talkback's tables and of its own Flyway history table ({@code <prefix>schema_history})
     */
    public String getTablePrefix() {
      return tablePrefix;
    }

    /**
     * Sets: prefix of Talkback's tables and of its own Flyway history table ({@code <prefix>schema_history}).
     *
     * @param tablePrefix the new value
     */
    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }

    /**
     * Whether to create and upgrade Talkback's tables at startup, after Spring Boot's own database initialization (Flyway, Liquibase, SQL scripts).
     *
     * @return whether to create and upgrade Talkback's tables at startup, after Spring Boot's own database initialization (Flyway, Liquibase, SQL scripts)
     */
    public boolean isMigrate() {
      return migrate;
    }

    /**
     * Sets: whether to create and upgrade Talkback's tables at startup, after Spring Boot's own database initialization (Flyway, Liquibase, SQL scripts).
     *
     * @param migrate the new value
     */
    public void setMigrate(boolean migrate) {
      this.migrate = migrate;
    }

    /**
     * The JDBC query timeout of every store call; the driver's default when unset.
     *
     * @return the JDBC query timeout of every store call; the driver's default when unset
     */
    public @Nullable Duration getQueryTimeout() {
      return queryTimeout;
    }

    /**
     * Sets: the JDBC query timeout of every store call; the driver's default when unset.
     *
     * @param queryTimeout the new value
     */
    public void setQueryTimeout(@Nullable Duration queryTimeout) {
      this.queryTimeout = queryTimeout;
    }


  }
  /**
   * The read-only fallback: while the database is unreachable, reads come from replicas or the cache (marked stale), and new comments are queued in a spool or refused.
   */
  public static final class Fallback {
    /** Whether to wrap the store in the read-only fallback. */
    private boolean enabled = true;
    /** The write spool file: new comments are fsynced there and answered as queued while the database is down, then replayed. Without it they are refused with 503 and Retry-After. */
    private @Nullable Path spool;
    /** What happens to new comments while read-only: SPOOL (needs a spool) or REJECT; SPOOL when a spool is set, else REJECT. */
    private @Nullable WritePolicy writePolicy;
    /** The longest a read may wait for the database before the fallback answers. */
    private Duration readDeadline = Duration.ofSeconds(2);
    /** The longest a write may wait for the database. */
    private Duration writeDeadline = Duration.ofSeconds(5);
    /** How often the primary is probed while read-only. */
    private Duration probeInterval = Duration.ofSeconds(1);
    /** The Retry-After readers are told when a comment is refused while read-only. */
    private Duration retryAfter = Duration.ofSeconds(30);
    /** Read replicas, read in order while the primary is down. */
    private List<Replica> replicas = new ArrayList<>();

    /** Defaults as documented on each property. */
    public Fallback() {}

    /**
     * Whether to wrap the store in the read-only fallback.
     *
     * @return whether to wrap the store in the read-only fallback
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets: whether to wrap the store in the read-only fallback.
     *
     * @param enabled the new value
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * The write spool file: new comments are fsynced there and answered as queued while the database is down, then replayed. Without it they are refused with 503 and Retry-After.
     *
     * @return the write spool file: new comments are fsynced there and answered as queued while the database is down, then replayed
     */
    public @Nullable Path getSpool() {
      return spool;
    }

    /**
     * Sets: the write spool file: new comments are fsynced there and answered as queued while the database is down, then replayed.
     *
     * @param spool the new value
     */
    public void setSpool(@Nullable Path spool) {
      this.spool = spool;
    }

    /**
     * What happens to new comments while read-only: SPOOL (needs a spool) or REJECT; SPOOL when a spool is set, else REJECT.
     *
     * @return what happens to new comments while read-only: SPOOL (needs a spool) or REJECT; SPOOL when a spool is set, else REJECT
     */
    public @Nullable WritePolicy getWritePolicy() {
      return writePolicy;
    }

    /**
     * Sets: what happens to new comments while read-only: SPOOL (needs a spool) or REJECT; SPOOL when a spool is set, else REJECT.
     *
     * @param writePolicy the new value
     */
    public void setWritePolicy(@Nullable WritePolicy writePolicy) {
      this.writePolicy = writePolicy;
    }

    /**
     * The longest a read may wait for the database before the fallback answers.
     *
     * @return the longest a read may wait for the database before the fallback answers
     */
    public Duration getReadDeadline() {
      return readDeadline;
    }

    /**
     * Sets: the longest a read may wait for the database before the fallback answers.
     *
     * @param readDeadline the new value
     */
    public void setReadDeadline(Duration readDeadline) {
      this.readDeadline = readDeadline;
    }

    /**
     * The longest a write may wait for the database.
     *
     * @return the longest a write may wait for the database
     */
    public Duration getWriteDeadline() {
      return writeDeadline;
    }

    /**
     * Sets: the longest a write may wait for the database.
     *
     * @param writeDeadline the new value
     */
    public void setWriteDeadline(Duration writeDeadline) {
      this.writeDeadline = writeDeadline;
    }

    /**
     * How often the primary is probed while read-only.
     *
     * @return how often the primary is probed while read-only
     */
    public Duration getProbeInterval() {
      return probeInterval;
    }

    /**
     * Sets: how often the primary is probed while read-only.
     *
     * @param probeInterval the new value
     */
    public void setProbeInterval(Duration probeInterval) {
      this.probeInterval = probeInterval;
    }

    /**
     * The Retry-After readers are told when a comment is refused while read-only.
     *
     * @return the Retry-After readers are told when a comment is refused while read-only
     */
    public Duration getRetryAfter() {
      return retryAfter;
    }

    /**
     * Sets: the Retry-After readers are told when a comment is refused while read-only.
     *
     * @param retryAfter the new value
     */
    public void setRetryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
    }

    /**
     * Read replicas, read in order while the primary is down.
     *
     * @return read replicas, read in order while the primary is down
     */
    public List<Replica> getReplicas() {
      return replicas;
    }

    /**
     * Sets: read replicas, read in order while the primary is down.
     *
     * @param replicas the new value
     */
    public void setReplicas(List<Replica> replicas) {
      this.replicas = replicas;
    }

  /**
   * A read replica: read while the primary is down.
   */
  public static final class Replica {
    /** The name in health and logs; the URL when unset. */
    private @Nullable String name;
    /** The replica's JDBC URL. */
    private @Nullable String url;
    /** The user to connect as. */
    private @Nullable String username;
    /** The password. */
    private @Nullable String password;

    /** Defaults as documented on each property. */
    public Replica() {}

    /**
     * The name in health and logs; the URL when unset.
     *
     * @return the name in health and logs; the URL when unset
     */
    public @Nullable String getName() {
      return name;
    }

    /**
     * Sets: the name in health and logs; the URL when unset.
     *
     * @param name the new value
     */
    public void setName(@Nullable String name) {
      this.name = name;
    }

    /**
     * The replica's JDBC URL.
     *
     * @return the replica's JDBC URL
     */
    public @Nullable String getUrl() {
      return url;
    }

    /**
     * Sets: the replica's JDBC URL.
     *
     * @param url the new value
     */
    public void setUrl(@Nullable String url) {
      this.url = url;
    }

    /**
     * The user to connect as.
     *
     * @return the user to connect as
     */
    public @Nullable String getUsername() {
      return username;
    }

    /**
     * Sets: the user to connect as.
     *
     * @param username the new value
     */
    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    /**
     * The password.
     *
     * @return the password
     */
    public @Nullable String getPassword() {
      return password;
    }

    /**
     * Sets: the password.
     *
     * @param password the new value
     */
    public void setPassword(@Nullable String password) {
      this.password = password;
    }


  }
  }
}
