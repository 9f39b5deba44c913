package dev.talkback.comments.jdbi;

import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.ErasureRequest;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentsException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.internal.Engine;
import dev.talkback.comments.jdbi.internal.Failures;
import dev.talkback.comments.spi.BlockStore;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.spi.RateLimitStore;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.SitePosition;
import dev.talkback.comments.spi.StoreHealth;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CommentStore} in a SQL database through Jdbi: PostgreSQL (first-class), MariaDB, MySQL, or
 * embedded H2.
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(config);   // the host's pool: the store never closes it
 * CommentStore store = JdbiCommentStore.builder(pool)
 *     .tablePrefix("tb_")        // tables tb_comments, tb_threads, ...; default "talkback_"
 *     .build();                  // dialect detected, schema migrated on first use
 * }</pre>
 *
 * <p><b>Schema.</b> With {@link Builder#migrate(boolean) migrate(true)} (the default) the store creates and
 * upgrades its tables with Flyway, keeping its history in {@code <prefix>schema_history}, apart from the
 * host's own Flyway. With {@code migrate(false)} the host applies the SQL files of
 * {@link Dialect#migrationsLocation()} itself.
 *
 * <p><b>Connecting.</b> {@link Builder#build()} does not touch the database, so a blog starts while its
 * database is down. The first call (or {@link #initialize()}, to fail fast at startup) connects, detects
 * the dialect and migrates; if that fails, the next call tries again.
 *
 * <p><b>Failures.</b> A database that cannot be reached or does not answer in time (connection refused,
 * socket, login or statement timeout, an administrator shutdown, a read-only primary) makes every method
 * throw {@link StoreUnavailableException} with the driver's exception as its cause. Anything else (a
 * constraint, a SQL error) is thrown as Jdbi reports it. Set timeouts on the driver or pool (see
 * {@code docs/jdbi.md}) so a hung server costs a bounded wait.
 *
 * <p><b>Consistency.</b> Each write is one transaction: a comment and its thread's approved count change
 * together; an insert is idempotent by comment id on every dialect; {@link #update} checks the version
 * under a row lock. Instants are kept to the microsecond (finer ones are truncated).
 *
 * <p><b>Blocks.</b> {@link #blockStore()} keeps each site's blocklist in {@code <prefix>blocks} of the same
 * database, for {@code Comments.builder().blockStore(...)}: blocks survive restarts and are the same on
 * every node.
 *
 * <p>Thread-safe; one instance per database and table prefix is enough for a whole application.
 */
public final class JdbiCommentStore implements CommentStore {
  private final Jdbi jdbi;
  private final @Nullable DataSource dataSource;
  private final @Nullable Dialect dialect;
  private final String tablePrefix;
  private final boolean migrate;
  private final Duration queryTimeout;
  private final Duration networkTimeout;
  private final Clock clock;
  private final BlockStore blockStore;
  private final RateLimitStore rateLimits;
  private final boolean notifications;
  private final @Nullable NotificationStore notificationStore;

  private volatile @Nullable Engine engine;
  private volatile @Nullable Instant downSince;
  private final AtomicReference<@Nullable CompletableFuture<Engine>> starting = new AtomicReference<>();

  private JdbiCommentStore(Builder b) {
    this.jdbi = b.jdbi;
    this.dataSource = b.dataSource;
    this.dialect = b.dialect;
    this.tablePrefix = b.tablePrefix;
    this.migrate = b.migrate;
    this.queryTimeout = b.queryTimeout;
    this.networkTimeout = b.networkTimeout;
    this.clock = b.clock;
    this.blockStore = new JdbiBlockStore(this);
    this.rateLimits = new JdbiRateLimitStore(this);
    this.notifications = b.notifications;
    this.notificationStore = b.notifications ? new JdbiNotificationStore(this) : null;
  }

  /**
   * A builder of a store on the host's {@link DataSource} (normally a connection pool such as HikariCP). The
   * store borrows connections and returns them; it never closes the data source.
   *
   * @param dataSource where the store takes its connections
   * @return a builder with the defaults
   */
  public static Builder builder(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new Builder(Jdbi.create(dataSource), dataSource);
  }

  /**
   * A builder of a store on the host's {@link Jdbi}. The store configures only the handles it opens (named
   * parameters, no templating), never the {@code Jdbi} itself.
   *
   * @param jdbi the host's Jdbi, whose connections the store borrows
   * @return a builder with the defaults
   */
  public static Builder builder(Jdbi jdbi) {
    return new Builder(Objects.requireNonNull(jdbi, "jdbi"), null);
  }

  /**
   * Connects now, detects the dialect and applies pending migrations (or, with {@code migrate(false)},
   * checks that the tables exist). Calling it is optional: the first call of any other method does the
   * same. Call it at startup to fail fast on a wrong URL, password or schema. Does nothing once done.
   *
   * @return the dialect in use
   * @throws StoreUnavailableException if the database cannot be reached
   * @throws IllegalStateException if the database is not supported, or {@code migrate(false)} and the
   *     tables are missing, or the connection names no place for the tables (a MariaDB or MySQL URL without a
   *     database; a PostgreSQL {@code currentSchema} in capitals without quotes, which PostgreSQL folds to
   *     lower case): the message says what to write instead
   */
  public Dialect initialize() {
    return call(Engine::dialect);
  }

  /**
   * The table prefix: the store's tables are {@code <prefix>comments}, {@code <prefix>threads}, ...
   *
   * @return the prefix, possibly empty
   */
  public String tablePrefix() {
    return tablePrefix;
  }

  /**
   * The sites' blocklists, kept in {@code <prefix>blocks} of this store's database: the
   * {@link BlockStore} to give {@code Comments.builder().blockStore(...)}. Blocks survive restarts and are
   * the same on every node that uses this database; a block on one site never matches on another.
   *
   * <p>It shares this store's connections, dialect, migrations and failure handling: it does not connect
   * until its first call (which starts this store, if no call has yet), and a database that cannot be
   * reached or does not answer in time makes its methods throw {@link StoreUnavailableException}. A value
   * that no database can keep (a NUL character or an unpaired surrogate) is refused by {@code add} with an
   * {@link IllegalArgumentException}, and never matches.
   *
   * @return the block store; the same instance on every call. Thread-safe.
   */
  public BlockStore blockStore() {
    return blockStore;
  }

  /**
   * Token buckets for rate limits shared by every node on this database, in {@code <prefix>rate_buckets}
   * (schema version 6): the {@link RateLimitStore} to give the servlet ({@code
   * CommentsServlet.builder(comments).rateLimitStore(store.rateLimits())}), so that a client's limit holds
   * however the load balancer spreads its requests. Each take is one short transaction on one row; bucket
   * names are stored as their SHA-256. Like {@link #blockStore()} it shares this store's connections,
   * migrations and failure handling: an unreachable database makes {@code take} throw
   * {@link StoreUnavailableException} (the servlet then limits in memory until it is back).
   *
   * @return the rate limit store; the same instance on every call. Thread-safe.
   */
  public RateLimitStore rateLimits() {
    return rateLimits;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Present if the store was built with {@link Builder#notifications(boolean) notifications(true)}: the
   * outbox, subscriptions and link nonces live in {@code <prefix>outbox}, {@code <prefix>subscriptions} and
   * {@code <prefix>link_nonces} of this database (schema version 3), and every insert that creates a comment
   * and every update that changes its text or status writes its events in its own transaction, into the
   * staging table {@code <prefix>outbox_new} (schema version 7), which each {@code claim} first empties into
   * the outbox (docs/notifications.md). Several nodes on one database move and claim messages with row locks
   * ({@code FOR UPDATE SKIP LOCKED}) and a lease column, so no two hold the same message at once. Failures are
   * sorted as this store's are.
   *
   * @return the notification store (the same instance on every call), or empty
   */
  @Override
  public Optional<NotificationStore> notifications() {
    return Optional.ofNullable(notificationStore);
  }

  @Override
  public Optional<Comment> find(SiteId site, CommentId id) {
    return call(e -> e.find(site, id));
  }

  @Override
  public ThreadSlice thread(ThreadQuery query) {
    return call(e -> e.thread(query));
  }

  @Override
  public Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
    return call(e -> e.counts(site, threads));
  }

  @Override
  public List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    return call(e -> e.byStatus(site, status, limit));
  }

  @Override
  public List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
    return call(e -> e.byAuthor(site, authorKey, limit));
  }

  @Override
  public boolean hasApproved(SiteId site, String authorKey) {
    return call(e -> e.hasApproved(site, authorKey));
  }

  @Override
  public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
    return call(e -> e.threadInfo(site, thread));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Idempotent on every dialect, also against a concurrent insert of the same id: PostgreSQL skips a
   * stored id ({@code ON CONFLICT DO NOTHING}); MariaDB, MySQL and H2 look the id up inside the insert's
   * transaction, and of two concurrent inserts the second fails on the key and runs again.
   */
  @Override
  public List<Comment> siteComments(SiteId site, @Nullable SitePosition after, int limit) {
    return call(e -> e.siteComments(site, after, limit));
  }

  @Override
  public List<Comment> authorComments(SiteId site, AuthorMatch author, @Nullable SitePosition after, int limit) {
    return call(e -> e.authorComments(site, author, after, limit));
  }

  @Override
  public List<ErasureRecord> erasures(SiteId site, int limit) {
    return call(e -> e.erasures(site, limit));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: {@code ANALYZE} of the store's tables (PostgreSQL, H2) or {@code ANALYZE TABLE} (MariaDB,
   * MySQL). The store also does it by itself after every 50,000 comments {@link #insertAll} created.
   */
  @Override
  public void afterBulkLoad() {
    call(e -> {
      e.afterBulkLoad();
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here in one transaction, log row included.
   */
  @Override
  public ErasureRecord eraseAuthor(ErasureRequest request) {
    return call(e -> e.eraseAuthor(request));
  }

  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment) {
    return call(e -> e.insert(thread, comment));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Runs one transaction per 1,000 comments, each with one JDBC batch insert (and, except on
   * PostgreSQL, one lookup of the ids already stored). If it fails part way, the comments of the chunks before are stored; calling it again
   * with the same comments stores the rest (the stored ones come back {@code EXISTING}).
   */
  @Override
  public List<InsertResult> insertAll(ThreadInfo thread, List<Comment> comments) {
    return call(e -> e.insertAll(thread, comments));
  }

  @Override
  public Comment update(Comment updated, long expectedVersion) {
    return call(e -> e.update(updated, expectedVersion));
  }

  /** {@inheritDoc} The client key is 1 to 255 characters. */
  @Override
  public int like(SiteId site, CommentId id, String clientKey) {
    return call(e -> e.like(site, id, clientKey));
  }

  /** {@inheritDoc} In one transaction: one query for the likes the comment has, one batch for the new ones. */
  @Override
  public void likeAll(SiteId site, CommentId id, List<String> clientKeys) {
    call(e -> {
      e.likeAll(site, id, clientKeys);
      return null;
    });
  }

  @Override
  public void saveThread(ThreadInfo thread) {
    call(e -> {
      e.saveThread(thread);
      return null;
    });
  }

  /**
   * Whether the database answers now: each call borrows a connection and checks it ({@code
   * Connection.isValid}, within the query timeout or five seconds). Reachable, the store is {@link
   * StoreMode#READ_WRITE}; unreachable, it is {@link StoreMode#READ_ONLY} with new comments refused, its one
   * database down since the first failed check, and the driver's error. Inside a {@code FallbackCommentStore}
   * the fallback store's own health is what {@code Comments.health()} reports.
   *
   * @return the database's state now
   */
  @Override
  public StoreHealth health() {
    int seconds = queryTimeout.isZero() ? 5 : (int) Math.max(1, Math.min(60, queryTimeout.toSeconds()));
    try {
      boolean valid = jdbi.withHandle(h -> h.getConnection().isValid(seconds));
      if (!valid) {
        throw new SQLException("the connection did not answer within " + seconds + "s");
      }
      downSince = null;
      return StoreHealth.builder(StoreMode.READ_WRITE)
          .database(new StoreHealth.Database(database(), StoreHealth.Role.PRIMARY, null, true, false, 0, "", null))
          .build();
    } catch (SQLException | RuntimeException e) {
      Instant since = downSince;
      if (since == null) {
        since = clock.instant();
        downSince = since;
      }
      String error = rootMessage(e);
      return StoreHealth.builder(StoreMode.READ_ONLY).since(since)
          .reason(database() + " cannot be reached: " + error)
          .newComments(StoreHealth.NewComments.REFUSED).lastError(error)
          .database(new StoreHealth.Database(database(), StoreHealth.Role.PRIMARY, since, false, false, 0, "", error))
          .build();
    }
  }

  @Override
  public String toString() {
    Engine e = engine;
    return "JdbiCommentStore{dialect=" + (e != null ? e.dialect() : dialect != null ? dialect : "not yet detected")
        + ", tablePrefix='" + tablePrefix + "'}";
  }

  /** Runs {@code op} on the started engine; a failure to reach the database becomes StoreUnavailable. */
  <T extends @Nullable Object> T call(Function<Engine, T> op) {
    try {
      return op.apply(engine());
    } catch (CommentsException e) {
      throw e;
    } catch (RuntimeException e) {
      if (Failures.isUnavailable(e)) {
        throw new StoreUnavailableException(database() + " cannot be reached or did not answer in time: "
            + rootMessage(e), e);
      }
      throw e;
    }
  }

  /**
   * The started engine. The first caller starts it; callers arriving meanwhile wait for that start rather
   * than start their own; a failed start is forgotten so the next call tries again.
   */
  private Engine engine() {
    Engine e = engine;
    if (e != null) {
      return e;
    }
    CompletableFuture<Engine> mine = new CompletableFuture<>();
    CompletableFuture<Engine> running = starting.compareAndExchange(null, mine);
    if (running == null) {
      try {
        Engine started = Engine.start(jdbi, dataSource, dialect, tablePrefix, migrate, queryTimeout, networkTimeout,
            clock, notifications);
        engine = started;
        mine.complete(started);
        return started;
      } catch (RuntimeException | Error t) {
        mine.completeExceptionally(t);
        throw t;
      } finally {
        starting.set(null);
      }
    }
    try {
      return running.join();
    } catch (CompletionException ce) {
      Throwable cause = ce.getCause();
      if (cause instanceof RuntimeException failure) {
        throw failure;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw ce;
    }
  }

  private String database() {
    Engine e = engine;
    Dialect d = e != null ? e.dialect() : dialect;
    if (d == null) {
      return "the database";
    }
    return switch (d) {
      case POSTGRESQL -> "PostgreSQL";
      case MARIADB -> "MariaDB";
      case MYSQL -> "MySQL";
      case H2 -> "H2";
    };
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /**
   * Configures a {@link JdbiCommentStore}. Each setter checks its argument at once; {@link #build()} does
   * not connect. Not thread-safe.
   */
  public static final class Builder {
    private static final Pattern PREFIX = Pattern.compile("|[a-z][a-z0-9_]{0,23}");

    private final Jdbi jdbi;
    private final @Nullable DataSource dataSource;
    private String tablePrefix = "talkback_";
    private @Nullable Dialect dialect;
    private boolean migrate = true;
    private Duration queryTimeout = Duration.ZERO;
    private Duration networkTimeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private boolean notifications;

    private Builder(Jdbi jdbi, @Nullable DataSource dataSource) {
      this.jdbi = jdbi;
      this.dataSource = dataSource;
    }

    /**
     * The prefix of every table, index and constraint name, and of the Flyway history table
     * ({@code <prefix>schema_history}). Default {@code "talkback_"}. Lower-case letters, digits and
     * underscores, starting with a letter, at most 24 characters; empty for none (in a schema of its own).
     *
     * @param tablePrefix the prefix
     * @return this builder
     * @throws IllegalArgumentException if the prefix is not of that form
     */
    public Builder tablePrefix(String tablePrefix) {
      Objects.requireNonNull(tablePrefix, "tablePrefix");
      if (!PREFIX.matcher(tablePrefix).matches()) {
        throw new IllegalArgumentException("table prefix must be empty or up to 24 lower-case letters, digits and"
            + " underscores starting with a letter, such as \"tb_\": '" + tablePrefix + "'");
      }
      this.tablePrefix = tablePrefix;
      return this;
    }

    /**
     * The database's dialect, instead of detecting it from the connection's metadata.
     *
     * @param dialect the dialect
     * @return this builder
     */
    public Builder dialect(Dialect dialect) {
      this.dialect = Objects.requireNonNull(dialect, "dialect");
      return this;
    }

    /**
     * Whether the store creates and upgrades its tables with Flyway (default {@code true}). With
     * {@code false} the host applies the SQL files of {@link Dialect#migrationsLocation()} itself, and the
     * store only checks that its tables exist.
     *
     * @param migrate whether to run Flyway
     * @return this builder
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * A timeout for each statement, through JDBC's {@code Statement.setQueryTimeout} (whole seconds;
     * shorter ones round up to one second). Default none: rely on the driver's socket timeout. A statement
     * that times out throws {@link StoreUnavailableException}.
     *
     * @param queryTimeout the timeout; {@link Duration#ZERO} for none
     * @return this builder
     * @throws IllegalArgumentException if the timeout is negative or too long
     */
    public Builder queryTimeout(Duration queryTimeout) {
      Objects.requireNonNull(queryTimeout, "queryTimeout");
      if (queryTimeout.isNegative()) {
        throw new IllegalArgumentException("query timeout must not be negative: " + queryTimeout);
      }
      if (queryTimeout.toSeconds() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("query timeout is too long: " + queryTimeout);
      }
      this.queryTimeout = queryTimeout;
      return this;
    }

    /**
     * The longest a store call waits on its connection's socket for the database to answer, set on every
     * connection it borrows with {@link java.sql.Connection#setNetworkTimeout(java.util.concurrent.Executor, int)} (the pool restores its own value
     * when the connection goes back). Default 30 s; {@link Duration#ZERO} leaves the driver's setting.
     *
     * <p>Why: a connection the network left half-open (a peer that vanished without closing, a firewall
     * that dropped the flow) never answers; without a socket timeout the call waits forever and holds its
     * pool slot, and a pool full of such connections keeps the store unavailable after the database is
     * back. With it, the call fails as unavailable, the driver closes the connection and the pool opens a
     * fresh one, so the store recovers on its own. Keep it above your slowest statement. Drivers without
     * sockets (embedded H2) ignore it.
     *
     * @param networkTimeout the timeout, at least 1 ms; {@link Duration#ZERO} for the driver's own
     * @return this builder
     * @throws IllegalArgumentException if the timeout is negative or below a millisecond
     */
    public Builder networkTimeout(Duration networkTimeout) {
      Objects.requireNonNull(networkTimeout, "networkTimeout");
      if (networkTimeout.isNegative() || (!networkTimeout.isZero() && networkTimeout.toMillis() < 1)) {
        throw new IllegalArgumentException("network timeout must be zero or at least 1 ms: " + networkTimeout);
      }
      this.networkTimeout = networkTimeout;
      return this;
    }

    /**
     * The clock that stamps when a block was added ({@code created_us} of {@code <prefix>blocks}). Default
     * {@link Clock#systemUTC()}. Comments carry their own instants and do not use it.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Whether the store keeps an outbox and subscriptions ({@link JdbiCommentStore#notifications()}), and
     * writes the outbox events of every comment change in the change's transaction. Default false: without a
     * sender (such as {@code comments-notify}) nobody would empty the outbox.
     *
     * @param notifications true to keep them
     * @return this builder
     */
    public Builder notifications(boolean notifications) {
      this.notifications = notifications;
      return this;
    }

    /**
     * The store. Does not connect: see {@link JdbiCommentStore#initialize()}.
     *
     * @return a new store
     */
    public JdbiCommentStore build() {
      return new JdbiCommentStore(this);
    }
  }
}
