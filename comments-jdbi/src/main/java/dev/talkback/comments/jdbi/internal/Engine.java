package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.ErasureRequest;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.spi.BlockStore;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.spi.RateLimitStore;
import dev.talkback.comments.spi.SitePosition;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.jspecify.annotations.Nullable;

/**
 * The store once its database is known and its tables are in place: a plain {@link CommentStore} whose
 * failures are Jdbi's exceptions, untranslated ({@code JdbiCommentStore} sorts them with {@link Failures}).
 */
public final class Engine implements CommentStore {
  private final Dialect dialect;
  private final Reads reads;
  private final Writes writes;
  private final Blocks blocks;
  private final Db db;
  private final H2Durability durability;
  private final @Nullable Outbox outbox;
  private final Erasures erasures;
  private final Statistics statistics;
  private final RateBuckets rateBuckets;

  private Engine(Dialect dialect, Db db, String prefix, Clock clock, H2Durability durability, boolean notifications) {
    this.dialect = dialect;
    this.db = db;
    this.durability = durability;
    Sql sql = new Sql(dialect, prefix);
    CommentRows rows = new CommentRows(dialect == Dialect.POSTGRESQL || dialect == Dialect.H2
        ? IdCodec.NATIVE_UUID : IdCodec.CHAR36);
    this.reads = new Reads(db, sql, rows);
    this.outbox = notifications ? new Outbox(db, dialect, prefix) : null;
    this.statistics = new Statistics(db, dialect, sql);
    this.writes = new Writes(db, sql, rows, reads, outbox, clock, statistics);
    this.blocks = new Blocks(db, dialect, prefix, clock);
    this.erasures = new Erasures(db, sql, rows, reads, writes);
    this.rateBuckets = new RateBuckets(db, prefix, clock);
  }

  /**
   * Connects, detects the dialect unless given, and applies pending migrations ({@code migrate}) or checks
   * that the tables exist.
   *
   * @param jdbi where the store opens its handles
   * @param dataSource where Flyway takes its connections; {@code null} to take them from {@code jdbi}
   * @param dialect the database's dialect, or {@code null} to detect it
   * @param prefix the table prefix
   * @param migrate whether to apply pending migrations, rather than only check that the tables exist
   * @param queryTimeout the timeout of each statement; zero for none
   * @param networkTimeout the longest wait for the database on a connection's socket; zero for the driver's
   * @param clock what stamps the time a block was added and an event happened
   * @param notifications whether writes also write their outbox events
   * @return the started engine
   * @throws IllegalStateException if the database is not supported, or the tables are missing and
   *     {@code migrate} is off, or an H2 database delays its commits and the user may not change that
   */
  public static Engine start(Jdbi jdbi, @Nullable DataSource dataSource, @Nullable Dialect dialect, String prefix,
      boolean migrate, Duration queryTimeout, Duration networkTimeout, Clock clock, boolean notifications) {
    Db db = new Db(jdbi, queryTimeout, networkTimeout);
    Dialect d = dialect != null ? dialect : db.read(h -> {
      try {
        return Dialects.detect(h.getConnection().getMetaData());
      } catch (SQLException e) {
        throw new ConnectionException(e);
      }
    });
    if (migrate) {
      Migrations.migrate(dataSource != null ? dataSource : new HandleDataSource(jdbi), d, prefix);
    } else {
      Sql sql = new Sql(d, prefix);
      probe(db, sql.probe(), sql.comments, d, prefix);
      probe(db, Blocks.probe(prefix), Blocks.table(prefix), d, prefix);
      if (notifications) {
        probe(db, Outbox.probe(prefix), Outbox.table(prefix), d, prefix);
        probe(db, Outbox.probeStaging(prefix), Outbox.stagingTable(prefix), d, prefix);
      }
    }
    // H2 delays writing commits to its file by default: a comment answered as stored must be on disk
    H2Durability durability = d == Dialect.H2 ? H2Durability.ensure(db) : H2Durability.NONE;
    return new Engine(d, db, prefix, clock, durability, notifications);
  }

  /** Checks that a table applied by hand can be read, and otherwise says which SQL to apply. */
  private static void probe(Db db, String probe, String table, Dialect d, String prefix) {
    try {
      db.read(h -> h.createQuery(probe).mapTo(Integer.class).list());
    } catch (StatementException e) {
      if (Failures.isUnavailable(e)) {
        throw e;
      }
      throw new IllegalStateException("table " + table + " cannot be read (" + e.getMessage()
          + "); apply the SQL in " + d.migrationsLocation() + " with prefix '" + prefix
          + "' (see docs/jdbi.md), or build the store with migrate(true)", e);
    }
  }

  /**
   * The dialect in use.
   *
   * @return the dialect, given or detected
   */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * The sites' blocks, in the same database.
   *
   * @return the block store, whose failures are Jdbi's exceptions
   */
  public BlockStore blocks() {
    return blocks;
  }

  /**
   * The rate limits' token buckets, in the same database (schema version 6).
   *
   * @return the buckets, whose failures are Jdbi's exceptions
   */
  public RateLimitStore rateBuckets() {
    return rateBuckets;
  }

  /**
   * The outbox and subscriptions, in the same database.
   *
   * @return the notification store, whose failures are Jdbi's exceptions; empty unless the store was built
   *     with notifications
   */
  @Override
  public Optional<NotificationStore> notifications() {
    return Optional.ofNullable(outbox);
  }

  @Override
  public Optional<Comment> find(SiteId site, CommentId id) {
    return reads.find(site, id);
  }

  @Override
  public ThreadSlice thread(ThreadQuery query) {
    return reads.thread(query);
  }

  @Override
  public Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
    return reads.counts(site, threads);
  }

  @Override
  public List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    return reads.byStatus(site, status, limit);
  }

  @Override
  public List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
    return reads.byAuthor(site, authorKey, limit);
  }

  @Override
  public boolean hasApproved(SiteId site, String authorKey) {
    return reads.hasApproved(site, authorKey);
  }

  @Override
  public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
    return reads.threadInfo(site, thread);
  }

  @Override
  public List<Comment> siteComments(SiteId site, @Nullable SitePosition after, int limit) {
    return reads.siteComments(site, after, limit);
  }

  @Override
  public List<Comment> authorComments(SiteId site, AuthorMatch author, @Nullable SitePosition after, int limit) {
    return reads.authorComments(site, author, after, limit);
  }

  @Override
  public List<ErasureRecord> erasures(SiteId site, int limit) {
    return reads.erasures(site, limit);
  }

  @Override
  public void afterBulkLoad() {
    statistics.afterBulkLoad();
  }

  @Override
  public ErasureRecord eraseAuthor(ErasureRequest request) {
    return erasures.erase(request);
  }

  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment) {
    InsertResult r = writes.insertAll(thread, List.of(Objects.requireNonNull(comment, "comment"))).get(0);
    durability.sync(db);
    return r;
  }

  @Override
  public List<InsertResult> insertAll(ThreadInfo thread, List<Comment> comments) {
    List<InsertResult> r = writes.insertAll(thread, comments);
    durability.sync(db);
    return r;
  }

  @Override
  public Comment update(Comment updated, long expectedVersion) {
    Comment c = writes.update(updated, expectedVersion);
    durability.sync(db);
    return c;
  }

  @Override
  public int like(SiteId site, CommentId id, String clientKey) {
    return writes.like(site, id, clientKey);
  }

  @Override
  public void likeAll(SiteId site, CommentId id, List<String> clientKeys) {
    writes.likeAll(site, id, clientKeys);
  }

  @Override
  public void saveThread(ThreadInfo thread) {
    writes.saveThread(thread);
  }
}
