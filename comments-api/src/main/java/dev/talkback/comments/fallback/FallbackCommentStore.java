package dev.talkback.comments.fallback;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.ReadOnlyException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.StoreHealth;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * A background probe, every {@link Builder#probeInterval} with jitter, asks the primary and each standby
 * through its {@link PrimaryProbe} whether it takes writes and on which generation. The first writable
 * one on the highest generation ever seen becomes the primary: the old one back, or a promoted standby;
 * a writable database on a lower generation is stale and never used. Before switching back the store
 * replays the spool into it, oldest first, idempotently by comment id. A read-write primary that a probe
 * finds unreachable, read-only or stale switches the store to read-only without waiting for a failed call.
 *
 * <h2>Replication</h2>
 * With asynchronous replication a write the primary acknowledged may not have reached the replica that is
 * then promoted, and is lost. {@link Builder#retainUntilReplicated} keeps every acknowledged comment in a
 * second local journal until every standby has replayed past it, and replays what is left into the new
 * primary. Only new comments are kept so; edits, likes and moderation are not.
 *
 * <p>{@link #health()} reports the mode, since when and why, the spool depth, the last error and every
 * database seen; every mode change is logged (WARN to read-only, INFO back) and counted.
 *
 * <p>This class is threadsafe. {@link #close()} stops the probe and its threads and closes the spools; it
 * does not close the stores.
 */
public final class FallbackCommentStore implements CommentStore, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FallbackCommentStore.class);
  private static final ThreadKey PROBE_KEY = ThreadKey.of("talkback-probe");

  private final List<Node> candidates;
  private final List<Node> replicas;
  private final @Nullable WriteSpool spool;
  private final @Nullable RetainedWrites retained;
  private final WritePolicy policy;
  private final Duration readDeadline;
  private final Duration writeDeadline;
  private final Duration probeDeadline;
  private final Duration probeInterval;
  private final double probeJitter;
  private final Duration retryAfter;
  private final Clock clock;
  private final ScheduledExecutorService prober;

  private final Object modeLock = new Object();
  private volatile Node primary;
  private volatile StoreMode mode = StoreMode.READ_WRITE;
  private volatile @Nullable Instant since;
  private volatile @Nullable String reason;
  private volatile @Nullable String lastError;
  private volatile long highestGeneration;
  private final AtomicLong toReadOnly = new AtomicLong();
  private final AtomicLong toReadWrite = new AtomicLong();
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong replayed = new AtomicLong();
  private final AtomicLong probes = new AtomicLong();
  private volatile boolean closed;

  private FallbackCommentStore(Builder b) {
    this.candidates = List.copyOf(b.candidates);
    this.replicas = List.copyOf(b.replicas);
    this.spool = b.spool;
    this.retained = b.retained == null ? null : new RetainedWrites(b.retained);
    this.policy = b.policy;
    this.readDeadline = b.readDeadline;
    this.writeDeadline = b.writeDeadline;
    this.probeDeadline = b.probeDeadline != null ? b.probeDeadline : b.readDeadline;
    this.probeInterval = b.probeInterval;
    this.probeJitter = b.probeJitter;
    this.retryAfter = b.retryAfter;
    this.clock = b.clock;
    this.primary = candidates.get(0);
    this.prober =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "talkback-fallback-probe");
              t.setDaemon(true);
              return t;
            });
    long waiting = spool == null ? 0 : spool.depth();
    long unreplicated = retained == null ? 0 : retained.journal().depth();
    if (waiting > 0 || unreplicated > 0) {
      // A restart during an outage: nothing goes to the primary before the probe has replayed what waits.
      primary.markDown(clock.instant(), "not probed yet");
      switchMode(
          StoreMode.READ_ONLY,
          waiting + " comments waiting in the spool and " + unreplicated
              + " not known to be replicated, from before a restart; replaying them first");
      prober.execute(this::probeRound);
    }
    scheduleProbe();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The current mode. */
  public StoreMode mode() {
    return mode;
  }

  // ---------------------------------------------------------------------------------------------------
  // reads

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

  private <T> T read(String what, Function<CommentReader, T> op) {
    Node p = primary;
    if (mode == StoreMode.READ_WRITE) {
      try {
        return p.call(what, readDeadline, () -> op.apply(p.reader));
      } catch (StoreUnavailableException e) {
        primaryFailed(p, e);
      }
    }
    StoreUnavailableException last = null;
    for (Node r : replicas) {
      if (!r.up()) {
        continue;
      }
      try {
        return r.call(what, readDeadline, () -> op.apply(r.reader));
      } catch (StoreUnavailableException e) {
        r.markDown(clock.instant(), e.getMessage());
        lastError = e.getMessage();
        log.warn("Replica {} is unavailable, not reading from it until a probe finds it back: {}", r, e.getMessage());
        last = e;
      }
    }
    throw new StoreUnavailableException(
        "no database can serve " + what + ": the primary " + primary + " is unavailable ("
            + reason + ") and " + (replicas.isEmpty() ? "no replica is configured" : "no replica answers"),
        last);
  }

  // ---------------------------------------------------------------------------------------------------
  // writes

  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment) {
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(comment, "comment");
    if (spool != null) {
      Optional<Comment> waiting = spool.find(comment.site(), comment.id());
      if (waiting.isPresent()) {
        return InsertResult.queued(waiting.get());
      }
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      Node p = primary;
      if (mode == StoreMode.READ_WRITE) {
        try {
          InsertResult r = p.call("insert", writeDeadline, () -> p.store().insert(thread, comment));
          if (retained != null && r.outcome() == InsertResult.Outcome.CREATED) {
            retained.retain(thread, r.comment());
          }
          return r;
        } catch (StoreUnavailableException e) {
          primaryFailed(p, e);
          if (policy == WritePolicy.REJECT) {
            throw e;
          }
        }
      }
      InsertResult spooled = insertReadOnly(thread, comment);
      if (spooled != null) {
        return spooled;
      }
      // the store switched back to read-write meanwhile: go to the new primary
    }
    throw new StoreUnavailableException("the primary kept changing while comment " + comment.id() + " was written",
        null);
  }

  /** Queues or refuses a new comment in read-only mode; null if the store is read-write again. */
  private @Nullable InsertResult insertReadOnly(ThreadInfo thread, Comment comment) {
    if (policy == WritePolicy.REJECT || spool == null) {
      throw readOnly("New comments are paused while the comment database is unavailable; keep your text and"
          + " send it again later.", null);
    }
    synchronized (modeLock) {
      if (mode == StoreMode.READ_WRITE) {
        return null;
      }
      try {
        WriteSpool.Entry e = spool.append(thread, comment);
        queued.incrementAndGet();
        return InsertResult.queued(e.comment());
      } catch (SpoolFullException | UncheckedIOException e) {
        lastError = e.getMessage();
        log.error("Could not queue comment {} in the write spool: {}", comment.id(), e.getMessage());
        throw readOnly("New comments cannot be queued right now (" + e.getMessage() + "); keep your text and"
            + " send it again later.", e);
      }
    }
  }

  @Override
  public List<InsertResult> insertAll(ThreadInfo thread, List<Comment> comments) {
    Node p = primary;
    if (mode == StoreMode.READ_WRITE) {
      try {
        List<InsertResult> results =
            p.call("insertAll", writeDeadline, () -> p.store().insertAll(thread, comments));
        if (retained != null) {
          for (InsertResult r : results) {
            if (r.outcome() == InsertResult.Outcome.CREATED) {
              retained.retain(thread, r.comment());
            }
          }
        }
        return results;
      } catch (StoreUnavailableException e) {
        primaryFailed(p, e);
        if (policy == WritePolicy.REJECT) {
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

  @Override
  public Comment update(Comment updated, long expectedVersion) {
    return write("update", s -> s.update(updated, expectedVersion));
  }

  @Override
  public int like(SiteId site, CommentId id, String clientKey) {
    return write("like", s -> s.like(site, id, clientKey));
  }

  @Override
  public void saveThread(ThreadInfo thread) {
    write("saveThread", s -> {
      s.saveThread(thread);
      return null;
    });
  }

  private <T> T write(String what, Function<CommentStore, T> op) {
    Node p = primary;
    if (mode == StoreMode.READ_ONLY) {
      throw readOnly("Comments are read-only while the comment database is unavailable: edits, likes and"
          + " moderation wait until it is back.", null);
    }
    try {
      return p.call(what, writeDeadline, () -> op.apply(p.store()));
    } catch (StoreUnavailableException e) {
      primaryFailed(p, e);
      throw e;
    }
  }

  private ReadOnlyException readOnly(String message, @Nullable Throwable cause) {
    return new ReadOnlyException(message, retryAfter, cause);
  }

  // ---------------------------------------------------------------------------------------------------
  // modes

  private void primaryFailed(Node p, StoreUnavailableException e) {
    lastError = e.getMessage();
    synchronized (modeLock) {
      if (p != primary || mode == StoreMode.READ_ONLY) {
        return;
      }
      p.markDown(clock.instant(), e.getMessage());
      switchMode(StoreMode.READ_ONLY, "primary " + p + " is unavailable: " + e.getMessage());
    }
  }

  /** Call holding {@link #modeLock} (or from the constructor). */
  private void switchMode(StoreMode to, String why) {
    StoreMode from = mode;
    mode = to;
    since = clock.instant();
    reason = why;
    if (to == StoreMode.READ_ONLY) {
      toReadOnly.incrementAndGet();
      log.warn("Comments are now READ_ONLY (was {}): {}. Reads go to {}; new comments are {}.", from, why,
          replicas.isEmpty() ? "the cache only" : "replicas " + replicas,
          policy == WritePolicy.SPOOL && spool != null ? "queued in " + spool : "refused");
    } else {
      toReadWrite.incrementAndGet();
      log.info("Comments are READ_WRITE again: {}", why);
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // the probe

  private void scheduleProbe() {
    if (closed) {
      return;
    }
    double factor = 1 + probeJitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
    long delay = Math.max(1, (long) (probeInterval.toNanos() * factor));
    try {
      prober.schedule(
          () -> {
            probeRound();
            scheduleProbe();
          },
          delay, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  /** One round: replicas, then every primary candidate; switch, recover or track replication. */
  private void probeRound() {
    if (closed) {
      return;
    }
    probes.incrementAndGet();
    try {
      probeReplicas();
      Map<Node, Writability> seen = probeCandidates();
      Node best = choosePrimary(seen);
      if (mode == StoreMode.READ_WRITE) {
        Node p = primary;
        Writability w = seen.get(p);
        if (w == null || !w.writable() || p.stale()) {
          String why =
              w == null ? "its probe failed: " + p.describe()
                  : !w.writable() ? "it no longer takes writes (" + w.detail() + ")"
                  : "it is stale: generation " + w.generation() + " < " + highestGeneration;
          primaryFailed(p, new StoreUnavailableException(why, null));
        } else {
          trackReplication(p);
          return;
        }
      }
      if (best != null) {
        recover(best);
      }
    } catch (RuntimeException | Error e) {
      log.error("The fallback probe failed; it will run again", e);
    }
  }

  private void probeReplicas() {
    for (Node r : replicas) {
      if (r.up()) {
        continue;
      }
      try {
        r.call("a probe read", probeDeadline, () -> r.reader.threadInfo(SiteId.DEFAULT, PROBE_KEY));
        r.markUp();
        log.info("Replica {} answers again", r);
      } catch (RuntimeException e) {
        r.recordError(e.getMessage());
      }
    }
  }

  private Map<Node, Writability> probeCandidates() {
    Map<Node, Writability> seen = new LinkedHashMap<>();
    // all at once, so a frozen database costs the round one deadline, not one per database
    Map<Node, Future<Writability>> started = new LinkedHashMap<>();
    long deadline = System.nanoTime() + probeDeadline.toNanos();
    for (Node c : candidates) {
      PrimaryProbe probe = Objects.requireNonNull(c.probe);
      try {
        started.put(c, c.start("a probe", probe::probe));
      } catch (StoreUnavailableException e) {
        started.put(c, CompletableFuture.failedFuture(e));
      }
    }
    for (Node c : candidates) {
      try {
        Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
        Writability w = c.await("a probe", left, started.get(c));
        seen.put(c, Objects.requireNonNull(w, "a PrimaryProbe returned null"));
        highestGeneration = Math.max(highestGeneration, w.generation());
        c.markUp();
      } catch (RuntimeException e) {
        // keeps what was last seen, stale included: a stale primary that stops answering is still stale
        c.markDown(clock.instant(), e.getMessage());
      }
    }
    for (Map.Entry<Node, Writability> e : seen.entrySet()) {
      Writability w = e.getValue();
      boolean stale = w.writable() && w.generation() > 0 && w.generation() < highestGeneration;
      if (stale && !e.getKey().stale()) {
        log.error("{} takes writes on generation {} but generation {} exists: it is a stale primary (a replica"
            + " was promoted after it failed). Talkback will not use it; fence it or rebuild it as a replica.",
            e.getKey(), w.generation(), highestGeneration);
      }
      e.getKey().seen(w, stale);
    }
    return seen;
  }

  /** The current primary if it is fine, else the first writable candidate on the highest generation. */
  private @Nullable Node choosePrimary(Map<Node, Writability> seen) {
    Node p = primary;
    Writability current = seen.get(p);
    if (current != null && current.writable() && !p.stale()) {
      return p;
    }
    Node best = null;
    long bestGeneration = -1;
    for (Map.Entry<Node, Writability> e : seen.entrySet()) {
      if (e.getValue().writable() && !e.getKey().stale() && e.getValue().generation() > bestGeneration) {
        best = e.getKey();
        bestGeneration = e.getValue().generation();
      }
    }
    return best;
  }

  /** Replays what waits into {@code next}, then makes it the primary, read-write. */
  private void recover(Node next) {
    if (retained != null && retained.journal().depth() > 0) {
      Replayer.Result r = Replayer.replay("replication journal", retained.journal(), next, writeDeadline, 0);
      replayed.addAndGet(r.stored());
      if (!r.complete()) {
        lastError = r.error();
        return;
      }
      retained.reset();
      log.info("Replayed {} acknowledged comments that may not have reached the replica into {}", r.stored(), next);
    }
    if (spool != null) {
      // Drain without holding writers back, then the last few under the lock so none slips in between.
      Replayer.Result r = Replayer.replay("write spool", spool, next, writeDeadline, 16);
      replayed.addAndGet(r.stored());
      if (!r.complete()) {
        lastError = r.error();
        return;
      }
    }
    synchronized (modeLock) {
      if (spool != null) {
        Replayer.Result r = Replayer.replay("write spool", spool, next, writeDeadline, 0);
        replayed.addAndGet(r.stored());
        if (!r.complete()) {
          lastError = r.error();
          return;
        }
      }
      Node old = primary;
      primary = next;
      next.markUp();
      Writability w = next.lastSeen();
      String what =
          next == old ? "primary " + next + " takes writes again"
              : "new primary " + next + " (was " + old + ")";
      switchMode(StoreMode.READ_WRITE, what + (w != null && !w.detail().isEmpty() ? ": " + w.detail() : "")
          + (spool != null ? "; the write spool is replayed" : ""));
    }
  }

  private void trackReplication(Node p) {
    if (retained == null || retained.journal().depth() == 0 || p.probe == null) {
      return;
    }
    long sequence = retained.lastSequence();
    try {
      OptionalLong written = p.call("its write position", probeDeadline, p.probe::writePosition);
      if (written.isPresent()) {
        retained.stamp(sequence, written.getAsLong());
      }
      long min = Long.MAX_VALUE;
      boolean any = false;
      for (Node c : candidates) {
        if (c == p || c.probe == null) {
          continue;
        }
        PrimaryProbe probe = c.probe;
        OptionalLong replay = c.call("its replay position", probeDeadline, probe::replayPosition);
        if (replay.isEmpty()) {
          return; // a standby that cannot tell keeps everything: safe
        }
        min = Math.min(min, replay.getAsLong());
        any = true;
      }
      if (any) {
        retained.release(OptionalLong.of(min));
      }
    } catch (RuntimeException e) {
      log.debug("Could not track replication this round: {}", e.getMessage());
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // health

  @Override
  public StoreHealth health() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("primary", primary.name);
    for (Node c : candidates) {
      details.put("db." + c.name, c.describe());
    }
    for (Node r : replicas) {
      details.put("db." + r.name, r.describe());
    }
    details.put("writePolicy", policy.name());
    details.put("modeChanges", String.valueOf(toReadOnly.get() + toReadWrite.get()));
    details.put("modeChanges.toReadOnly", String.valueOf(toReadOnly.get()));
    details.put("modeChanges.toReadWrite", String.valueOf(toReadWrite.get()));
    details.put("queued", String.valueOf(queued.get()));
    details.put("replayed", String.valueOf(replayed.get()));
    details.put("probes", String.valueOf(probes.get()));
    if (highestGeneration > 0) {
      details.put("highestGeneration", String.valueOf(highestGeneration));
    }
    if (spool != null) {
      details.put("spool", spool.toString());
      details.put("spool.setAside", String.valueOf(spool.setAsideCount()));
    }
    if (retained != null) {
      details.put("replicationJournal.depth", String.valueOf(retained.journal().depth()));
      details.put("replicationJournal.failures", String.valueOf(retained.failures()));
    }
    return new StoreHealth(mode, since, reason, spool == null ? 0 : spool.depth(), lastError, details);
  }

  /** Stops the probe and the call threads, and closes the spools. The stores stay open. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    prober.shutdownNow();
    try {
      prober.awaitTermination(probeDeadline.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    candidates.forEach(Node::shutdown);
    replicas.forEach(Node::shutdown);
    synchronized (modeLock) {
      if (spool != null) {
        spool.close();
      }
      if (retained != null) {
        retained.journal().close();
      }
    }
  }

  @Override
  public String toString() {
    return "FallbackCommentStore{mode=" + mode + ", primary=" + primary + "}";
  }

  /**
   * Builds a {@link FallbackCommentStore}. Each setter checks its argument at once, {@link #build()} the
   * combination. Not thread-safe.
   */
  public static final class Builder {
    private final List<Node> candidates = new ArrayList<>();
    private final List<Node> replicas = new ArrayList<>();
    private final List<NodeSpec> specs = new ArrayList<>();
    private @Nullable WriteSpool spool;
    private @Nullable WriteSpool retained;
    private WritePolicy policy = WritePolicy.SPOOL;
    private Duration readDeadline = Duration.ofSeconds(2);
    private Duration writeDeadline = Duration.ofSeconds(5);
    private @Nullable Duration probeDeadline;
    private Duration probeInterval = Duration.ofSeconds(1);
    private double probeJitter = 0.2;
    private Duration retryAfter = Duration.ofSeconds(30);
    private int maxCallsInFlight = 64;
    private Clock clock = Clock.systemUTC();
    private boolean hasPrimary;

    private Builder() {}

    /**
     * The primary, probed by {@link PrimaryProbe#reachability}: enough for one database without standbys.
     */
    public Builder primary(CommentStore store) {
      return primary(store, PrimaryProbe.reachability(store));
    }

    /** The primary and the probe that asks it whether it takes writes. Required, once. */
    public Builder primary(CommentStore store, PrimaryProbe probe) {
      return primary("primary", store, probe);
    }

    /** The primary, with the name {@code health()} shows for it. */
    public Builder primary(String name, CommentStore store, PrimaryProbe probe) {
      if (hasPrimary) {
        throw new IllegalStateException("the primary is already set; add other databases as standby or replica");
      }
      hasPrimary = true;
      specs.add(0, new NodeSpec(true, name(name), Objects.requireNonNull(store, "store"),
          Objects.requireNonNull(probe, "probe")));
      return this;
    }

    /**
     * A read replica: where reads go while the store is read-only, in the order added. A replica that
     * fails is skipped until a probe read finds it back.
     */
    public Builder replica(CommentReader reader) {
      return replica("replica-" + (count(false) + 1), reader);
    }

    /** A read replica, with the name {@code health()} shows for it. */
    public Builder replica(String name, CommentReader reader) {
      specs.add(new NodeSpec(false, name(name), Objects.requireNonNull(reader, "reader"), null));
      return this;
    }

    /**
     * A standby: a database that may be promoted to primary (a replica seen through a connection that
     * writes). It is never written to until its probe finds it writable on the highest generation seen.
     * Add the same database as a {@link #replica} too, through a read-only connection, to read from it.
     */
    public Builder standby(CommentStore store, PrimaryProbe probe) {
      return standby("standby-" + (count(true) - (hasPrimary ? 1 : 0) + 1), store, probe);
    }

    /** A standby, with the name {@code health()} shows for it. */
    public Builder standby(String name, CommentStore store, PrimaryProbe probe) {
      specs.add(new NodeSpec(true, name(name), Objects.requireNonNull(store, "store"),
          Objects.requireNonNull(probe, "probe")));
      return this;
    }

    /** The spool for {@link WritePolicy#SPOOL}: required with that policy. The store closes it. */
    public Builder spool(WriteSpool spool) {
      this.spool = Objects.requireNonNull(spool, "spool");
      return this;
    }

    /** What to do with new comments while read-only. Default {@link WritePolicy#SPOOL}. */
    public Builder writePolicy(WritePolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Keeps every comment the primary acknowledged in {@code journal} until every standby's
     * {@link PrimaryProbe#replayPosition()} has passed it, and replays what is left into a promoted standby
     * before using it. Costs one local {@code fsync} per new comment and one position query per probe
     * round. Needs a standby whose probe reports positions (PostgreSQL). The store closes the journal.
     *
     * @param journal a spool of its own, not the one given to {@link #spool}
     */
    public Builder retainUntilReplicated(WriteSpool journal) {
      this.retained = Objects.requireNonNull(journal, "journal");
      return this;
    }

    /** How long a read may take before the database counts as unavailable. Default 2 s. */
    public Builder readDeadline(Duration deadline) {
      this.readDeadline = positive(deadline, "readDeadline");
      return this;
    }

    /** How long a write may take before the database counts as unavailable. Default 5 s. */
    public Builder writeDeadline(Duration deadline) {
      this.writeDeadline = positive(deadline, "writeDeadline");
      return this;
    }

    /** How long a probe may take. Default: the read deadline. */
    public Builder probeDeadline(Duration deadline) {
      this.probeDeadline = positive(deadline, "probeDeadline");
      return this;
    }

    /** How often the background probe runs, before jitter. Default 1 s. */
    public Builder probeInterval(Duration interval) {
      this.probeInterval = positive(interval, "probeInterval");
      return this;
    }

    /**
     * How much each probe interval varies at random, as a fraction of it (0 to 0.9), so that many nodes
     * do not probe in step. Default 0.2.
     */
    public Builder probeJitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 0.9)) {
        throw new IllegalArgumentException("probeJitter must be between 0 and 0.9: " + jitter);
      }
      this.probeJitter = jitter;
      return this;
    }

    /** The hint given with {@link ReadOnlyException} (HTTP {@code Retry-After}). Default 30 s. */
    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = positive(retryAfter, "retryAfter");
      return this;
    }

    /**
     * How many calls to one database may be in flight at once; beyond that (its calls hang) it counts as
     * unavailable at once. Default 64.
     */
    public Builder maxCallsInFlight(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxCallsInFlight must be positive: " + max);
      }
      this.maxCallsInFlight = max;
      return this;
    }

    /** The clock for {@code health()}'s instants. Default: the system clock, UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the store and starts its probe.
     *
     * @throws IllegalStateException if no primary is set, or the policy is SPOOL without a spool, or
     *     replication tracking has no standby
     */
    public FallbackCommentStore build() {
      if (!hasPrimary) {
        throw new IllegalStateException("a primary is required: builder.primary(store, probe)");
      }
      if (policy == WritePolicy.SPOOL && spool == null) {
        throw new IllegalStateException("WritePolicy.SPOOL needs a spool: builder.spool(FileWriteSpool.open(path)),"
            + " or choose writePolicy(WritePolicy.REJECT)");
      }
      if (retained != null && retained == spool) {
        throw new IllegalStateException("retainUntilReplicated needs a journal of its own, not the write spool");
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      for (NodeSpec n : specs) {
        if (!names.add(n.name())) {
          throw new IllegalStateException("two databases are named '" + n.name() + "'; names must be unique");
        }
      }
      long standbys = count(true) - 1;
      if (retained != null && standbys == 0) {
        throw new IllegalStateException("retainUntilReplicated needs a standby whose probe reports its replay"
            + " position: builder.standby(store, probe)");
      }
      candidates.clear();
      replicas.clear();
      for (NodeSpec n : specs) {
        Node node = new Node(n.name(), n.reader(), n.probe(), maxCallsInFlight);
        (n.candidate() ? candidates : replicas).add(node);
      }
      return new FallbackCommentStore(this);
    }

    private long count(boolean candidate) {
      return specs.stream().filter(n -> n.candidate() == candidate).count();
    }

    private static String name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("a database name must not be blank");
      }
      return name;
    }

    private record NodeSpec(boolean candidate, String name, CommentReader reader, @Nullable PrimaryProbe probe) {}

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }
  }
}
