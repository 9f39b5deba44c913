package dev.talkback.comments.fallback;

import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.ErasureRequest;
import dev.talkback.comments.spi.SitePosition;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ReadOnlyException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.notification.SubscriptionRequest;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.StorableText;
import dev.talkback.comments.spi.StoreHealth;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CommentStore} that keeps comments readable, and new comments safe, while its primary database
 * is down: one primary, any number of read replicas, optional standbys that may be promoted, and a durable
 * {@link WriteSpool}.
 *
 * <pre>{@code
 * FallbackCommentStore store = FallbackCommentStore.builder()
 *     .primary(primaryStore, PostgresProbe.of(primaryDataSource))
 *     .replica(replicaStore)
 *     .standby(replicaAsPrimaryStore, PostgresProbe.of(replicaPrimaryDataSource))
 *     .spool(FileWriteSpool.open(Path.of("/var/lib/blog/talkback-spool.log")))
 *     .build();
 * Comments comments = Comments.builder().store(store).build();
 * }</pre>
 *
 * <h2>Modes</h2>
 * <ul>
 *   <li>{@link StoreMode#READ_WRITE}: reads and writes go to the primary.
 *   <li>{@link StoreMode#READ_ONLY}: the primary threw {@link StoreUnavailableException} or did not answer
 *       within its deadline. Reads go to the first healthy replica, without touching the primary again; with
 *       none, they throw {@link StoreUnavailableException} and {@code Comments} serves its cache, marked
 *       stale. New comments follow the {@link WritePolicy}: queued in the spool
 *       ({@link InsertResult.Outcome#QUEUED}) or refused with {@link ReadOnlyException}. Edits, likes,
 *       moderation and thread changes are refused with {@link ReadOnlyException} under either policy.
 * </ul>
 * Only {@link StoreUnavailableException} and a missed deadline switch modes; every other exception (a
 * constraint, a bug) passes through untouched. The call that discovers an outage gets the
 * {@link StoreUnavailableException} itself (whether its write happened is unknown) unless it is a new
 * comment and the policy is {@link WritePolicy#SPOOL}: that one is queued, and replaying it is harmless.
 *
 * <h2>Recovery</h2>
 * A background probe, every {@link FallbackCommentStoreBuilder#probeInterval} with jitter, started by
 * {@code build()} once the store is constructed, asks the primary and each standby
 * through its {@link PrimaryProbe} whether it takes writes and on which generation. The first writable
 * one on the highest generation ever seen becomes the primary: the old one back, or a promoted standby;
 * a writable database on a lower generation is stale and never used. Before switching back the store
 * replays the spool into it, oldest first, idempotently by comment id. A read-write primary that a probe
 * finds unreachable, read-only or stale switches the store to read-only without waiting for a failed call.
 *
 * <h2>Replication</h2>
 * With asynchronous replication a write the primary acknowledged may not have reached the replica that is
 * then promoted, and is lost. Unless turned off ({@code retainUntilReplicated(false)}), a store with standbys
 * whose probes report positions keeps every acknowledged comment in a second local journal until every
 * standby has replayed past it, and replays what is left into the new primary. Only new comments are kept so; edits, likes and moderation are not.
 *
 * <h2>Health and metrics</h2>
 * {@link #health()} reports the mode, since when and why, what a new comment meets now
 * ({@link StoreHealth#newComments()}), the spool depth, a failing spool disk ({@link StoreHealth#spoolError()},
 * never taken for the database refusing a comment), the last error (cleared by a recovery) and every
 * database with its role,
 * reachability, generation and whether it is stale. Every mode change is logged (WARN to read-only, INFO
 * back) and counted, and a {@link FallbackListener} hears mode changes, queued and replayed comments and
 * probe results.
 *
 * <h2>Threads</h2>
 * Store calls run on a call executor under their deadline, probe rounds on a scheduler; both can be
 * injected ({@link FallbackCommentStoreBuilder#callExecutor}, {@link FallbackCommentStoreBuilder#scheduler}),
 * so a test can run probe rounds one by one instead of waiting for them.
 *
 * <p>This class is threadsafe. {@link #close()} stops the probe, shuts down the threads the store made
 * itself and closes the spools; it does not close the stores, nor an injected executor or scheduler.
 */
public final class FallbackCommentStore implements CommentStore, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FallbackCommentStore.class);

  private final Settings settings;
  private final List<Node> candidates;
  private final List<Node> replicas;
  private final @Nullable WriteSpool spool;
  private final @Nullable RetainedWrites retained;
  private final ModeState state;
  private final Prober prober;
  private final ScheduledExecutorService scheduler;
  private final @Nullable ExecutorService ownedCallExecutor;
  private final boolean ownsScheduler;
  private volatile boolean closed;
  /** The kind of the last failure to queue a comment, logged once; null while queueing works. */
  private @Nullable String queueFailure;

  FallbackCommentStore(Settings settings, List<Node> candidates, List<Node> replicas, @Nullable WriteSpool spool,
      @Nullable WriteSpool retainedJournal, ScheduledExecutorService scheduler, boolean ownsScheduler,
      @Nullable ExecutorService ownedCallExecutor) {
    this.settings = settings;
    this.candidates = List.copyOf(candidates);
    this.replicas = List.copyOf(replicas);
    this.spool = spool;
    this.retained = retainedJournal == null ? null : new RetainedWrites(retainedJournal);
    this.scheduler = scheduler;
    this.ownsScheduler = ownsScheduler;
    this.ownedCallExecutor = ownedCallExecutor;
    String route = "Reads go to " + (replicas.isEmpty() ? "the cache only" : "replicas " + replicas)
        + "; new comments are " + (settings.policy() == WritePolicy.SPOOL && spool != null
            ? "queued in " + spool : "refused") + ".";
    this.state = new ModeState(this.candidates.get(0), settings, route);
    ReplicationTracker tracker =
        retained == null ? null : new ReplicationTracker(retained, this.candidates, settings);
    this.prober = new Prober(this.candidates, this.replicas, state,
        new Recovery(state, settings, spool, retained), tracker, settings, scheduler);
  }

  /** Called by the builder once the store is constructed: recovers a restart, then starts probing. */
  void start() {
    long waiting = spool == null ? 0 : spool.depth();
    long unreplicated = retained == null ? 0 : retained.journal().depth();
    boolean replayFirst = waiting > 0 || unreplicated > 0;
    if (replayFirst) {
      // A restart during an outage: nothing goes to the primary before the probe has replayed what waits.
      synchronized (state.lock) {
        state.primary().markDown(settings.clock().instant(), "not probed yet");
        state.switchMode(StoreMode.READ_ONLY, waiting + " comments waiting in the spool and " + unreplicated
            + " not known to be replicated, from before a restart; replaying them first");
      }
    }
    prober.start(replayFirst);
  }

  /**
   * A new builder.
   *
   * @return a builder with the defaults listed on its methods
   */
  public static FallbackCommentStoreBuilder builder() {
    return new FallbackCommentStoreBuilder();
  }

  /**
   * The current mode.
   *
   * @return read-write, or read-only while no writable primary is known
   */
  public StoreMode mode() {
    return state.mode();
  }

  // Reads: the primary while read-write, else the first healthy replica.

  @Override
  public Optional<Comment> find(SiteId site, CommentId id) {
    if (spool != null) {
      Optional<Comment> waiting = spool.find(site, id);
      if (waiting.isPresent()) {
        return waiting;
      }
    }
    return read("find", r -> r.find(site, id));
  }

  @Override
  public ThreadSlice thread(ThreadQuery query) {
    return read("thread", r -> r.thread(query));
  }

  @Override
  public Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
    return read("counts", r -> r.counts(site, threads));
  }

  @Override
  public List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    return read("byStatus", r -> r.byStatus(site, status, limit));
  }

  @Override
  public List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
    return read("byAuthor", r -> r.byAuthor(site, authorKey, limit));
  }

  @Override
  public boolean hasApproved(SiteId site, String authorKey) {
    return read("hasApproved", r -> r.hasApproved(site, authorKey));
  }

  @Override
  public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
    return read("threadInfo", r -> r.threadInfo(site, thread));
  }

  @Override
  public List<Comment> siteComments(SiteId site, @Nullable SitePosition after, int limit) {
    return read("siteComments", r -> r.siteComments(site, after, limit));
  }

  @Override
  public List<Comment> authorComments(SiteId site, AuthorMatch author, @Nullable SitePosition after, int limit) {
    return read("authorComments", r -> r.authorComments(site, author, after, limit));
  }

  @Override
  public List<ErasureRecord> erasures(SiteId site, int limit) {
    return read("erasures", r -> r.erasures(site, limit));
  }

  /** Passes the hint to the primary while it is writable; nothing while read-only. */
  @Override
  public void afterBulkLoad() {
    if (state.mode() == StoreMode.READ_WRITE) {
      write("afterBulkLoad", s -> {
        s.afterBulkLoad();
        return Boolean.TRUE;
      });
    }
  }

  /** Erases on the primary; refused while read-only (an erasure is not spooled). */
  @Override
  public ErasureRecord eraseAuthor(ErasureRequest request) {
    return write("eraseAuthor", s -> s.eraseAuthor(request));
  }

  private <T> T read(String what, Function<CommentReader, T> op) {
    Node p = state.primary();
    if (state.mode() == StoreMode.READ_WRITE) {
      try {
        return p.call(what, settings.readDeadline(), () -> op.apply(p.reader));
      } catch (StoreUnavailableException e) {
        state.primaryFailed(p, Node.message(e));
      }
    }
    StoreUnavailableException last = null;
    for (Node r : replicas) {
      if (!r.up()) {
        continue;
      }
      try {
        return r.call(what, settings.readDeadline(), () -> op.apply(r.reader));
      } catch (StoreUnavailableException e) {
        String error = Node.message(e);
        r.markDown(settings.clock().instant(), error);
        state.recordError(error);
        log.warn("Replica {} is unavailable, not reading from it until a probe finds it back: {}", r, error);
        last = e;
      }
    }
    throw new StoreUnavailableException(
        "no database can serve " + what + ": the primary " + state.primary() + " is unavailable ("
            + state.reason() + ") and " + (replicas.isEmpty() ? "no replica is configured" : "no replica answers"),
        last);
  }

  // Writes: the primary while read-write; while read-only new comments are queued or refused, the rest refused.

  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment) {
    return insert(thread, comment, SubscriptionRequest.NONE);
  }

  /**
   * {@inheritDoc}
   *
   * <p>While read-only with {@link WritePolicy#SPOOL}, the request is queued in the comment's spool entry,
   * and when the spool is replayed the subscriptions are recorded in the primary's notification store
   * ({@link CommentStore#notifications()}) with their confirmation mail, as
   * {@link dev.talkback.comments.notification.Notifications#subscribeToReplies} and {@code subscribeToThread}
   * would have on the day the comment was posted: a replay that runs twice (a crash before the spool noted
   * it) records nothing twice and asks for one confirmation.
   */
  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment, SubscriptionRequest subscription) {
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(subscription, "subscription");
    StorableText.check(thread, comment); // the database's refusal, before anything can be queued
    if (spool != null) {
      Optional<Comment> waiting = spool.find(comment.site(), comment.id());
      if (waiting.isPresent()) {
        return InsertResult.queued(waiting.get());
      }
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      Node p = state.primary();
      if (state.mode() == StoreMode.READ_WRITE) {
        try {
          InsertResult r = p.call("insert", settings.writeDeadline(), () -> p.store().insert(thread, comment));
          retain(thread, r);
          return r;
        } catch (StoreUnavailableException e) {
          state.primaryFailed(p, Node.message(e));
          if (settings.policy() == WritePolicy.REJECT) {
            throw e;
          }
        }
      }
      InsertResult spooled = insertReadOnly(thread, comment, subscription);
      if (spooled != null) {
        return spooled;
      }
      // the store switched back to read-write meanwhile: go to the new primary
    }
    throw new StoreUnavailableException("the primary kept changing while comment " + comment.id() + " was written",
        null);
  }

  /** Queues or refuses a new comment in read-only mode; null if the store is read-write again. */
  private @Nullable InsertResult insertReadOnly(ThreadInfo thread, Comment comment,
      SubscriptionRequest subscription) {
    WriteSpool s = spool;
    if (settings.policy() == WritePolicy.REJECT || s == null) {
      throw readOnly("New comments are paused while the comment database is unavailable", null);
    }
    synchronized (state.lock) {
      if (state.mode() == StoreMode.READ_WRITE) {
        return null;
      }
      try {
        WriteSpool.Entry e = s.append(thread, comment, subscription);
        if (subscription.any() && !e.subscription().any()) {
          log.warn("The write spool {} does not keep subscription requests: comment {} is queued, but its author's"
              + " wish to be mailed is lost", s, comment.id());
        }
        state.queued.incrementAndGet();
        settings.listener().queued(comment.id(), s.depth());
        queueFailure = null;
        return InsertResult.queued(e.comment());
      } catch (SpoolFullException | UncheckedIOException e) {
        String error = Node.message(e);
        state.recordError(error);
        // once per kind of failure, not once per reader: a full disk would otherwise log at request rate
        String kind = e.getClass().getName();
        if (!kind.equals(queueFailure)) {
          queueFailure = kind;
          log.error("Could not queue comment {} in the write spool (further failures like it are logged at"
              + " DEBUG until a comment is queued again): {}", comment.id(), error);
        } else {
          log.debug("Could not queue comment {} in the write spool: {}", comment.id(), error);
        }
        // the reader sees neither the spool's path nor the operating system's words: health() has them
        throw readOnly("New comments cannot be queued right now", e);
      }
    }
  }

  @Override
  public List<InsertResult> insertAll(ThreadInfo thread, List<Comment> comments) {
    Node p = state.primary();
    if (state.mode() == StoreMode.READ_WRITE) {
      try {
        List<InsertResult> results =
            p.call("insertAll", settings.writeDeadline(), () -> p.store().insertAll(thread, comments));
        results.forEach(r -> retain(thread, r));
        return results;
      } catch (StoreUnavailableException e) {
        state.primaryFailed(p, Node.message(e));
        if (settings.policy() == WritePolicy.REJECT) {
          throw e;
        }
      }
    }
    List<InsertResult> results = new ArrayList<>(comments.size());
    for (Comment c : comments) {
      results.add(insert(thread, c));
    }
    return results;
  }

  private void retain(ThreadInfo thread, InsertResult r) {
    if (retained != null && r.outcome() == InsertResult.Outcome.CREATED) {
      retained.retain(thread, r.comment());
    }
  }

  @Override
  public Comment update(Comment updated, long expectedVersion) {
    return write("update", s -> s.update(updated, expectedVersion));
  }

  @Override
  public int like(SiteId site, CommentId id, String clientKey) {
    return write("like", s -> s.like(site, id, clientKey));
  }

  @Override
  public void likeAll(SiteId site, CommentId id, List<String> clientKeys) {
    write("likeAll", s -> {
      s.likeAll(site, id, clientKeys);
      return Boolean.TRUE;
    });
  }

  @Override
  public void saveThread(ThreadInfo thread) {
    write("saveThread", s -> {
      s.saveThread(thread);
      return Boolean.TRUE;
    });
  }

  private <T> T write(String what, Function<CommentStore, T> op) {
    Node p = state.primary();
    if (state.mode() == StoreMode.READ_ONLY) {
      throw readOnly("Comments are read-only while the comment database is unavailable: edits, likes and"
          + " moderation wait until it is back", null);
    }
    try {
      return p.call(what, settings.writeDeadline(), () -> op.apply(p.store()));
    } catch (StoreUnavailableException e) {
      state.primaryFailed(p, Node.message(e));
      throw e;
    }
  }

  private ReadOnlyException readOnly(String message, @Nullable Throwable cause) {
    return new ReadOnlyException(message, settings.retryAfter(), cause);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Present if the first primary keeps an outbox. Each call goes to whichever node is the primary at that
   * moment, so a sender follows a failover; while no primary can be reached the calls fail with
   * {@link dev.talkback.comments.StoreUnavailableException}. A comment queued in the spool writes its events
   * when it is replayed into the primary.
   */
  @Override
  public Optional<NotificationStore> notifications() {
    if (candidates.get(0).store().notifications().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PrimaryNotifications(state::primary));
  }

  /**
   * How the store is doing: the mode, since when and why, what a new comment meets now, the spool depth,
   * the last error, and every database as {@link StoreHealth.Database} (the primary in use has role
   * {@link StoreHealth.Role#PRIMARY}, the other candidates {@link StoreHealth.Role#STANDBY}, replicas
   * {@link StoreHealth.Role#REPLICA}). Counters are in {@link StoreHealth#details()}, for operators.
   */
  @Override
  public StoreHealth health() {
    return HealthReport.of(state, settings, candidates, replicas, prober.highestGeneration(), spool, retained);
  }

  /**
   * Stops the probe, shuts down the threads the store made itself, and closes the spools. The stores stay
   * open, and an injected executor or scheduler keeps running. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    prober.stop();
    if (ownsScheduler) {
      shutdown(scheduler);
    }
    if (ownedCallExecutor != null) {
      ownedCallExecutor.shutdownNow();
    }
    synchronized (state.lock) {
      if (spool != null) {
        spool.close();
      }
      if (retained != null) {
        retained.journal().close();
      }
    }
  }

  private void shutdown(ExecutorService executor) {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(settings.probeDeadline().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        log.warn("The fallback probe did not stop within its deadline; closing the spools anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FallbackCommentStore{mode=" + state.mode() + ", primary=" + state.primary() + "}";
  }
}
