package dev.talkback.comments.fallback;

import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.CommentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link FallbackCommentStore}: {@link FallbackCommentStore#builder()}. Each setter checks its
 * argument at once, {@link #build()} the combination; the store's settings are then fixed. Not threadsafe.
 */
public final class FallbackCommentStoreBuilder {
  private static final Logger log = LoggerFactory.getLogger(FallbackCommentStoreBuilder.class);
  private final List<NodeSpec> specs = new ArrayList<>();
  private @Nullable WriteSpool spool;
  private @Nullable WriteSpool retained;
  /** Null: the default (keep until replicated when every standby's probe reports positions). */
  private @Nullable Boolean retain;
  private WritePolicy policy = WritePolicy.SPOOL;
  private Duration readDeadline = Duration.ofSeconds(2);
  private Duration writeDeadline = Duration.ofSeconds(5);
  private @Nullable Duration probeDeadline;
  private Duration probeInterval = Duration.ofSeconds(1);
  private double probeJitter = 0.2;
  private Duration retryAfter = Duration.ofSeconds(30);
  private int maxCallsInFlight = 64;
  private Clock clock = Clock.systemUTC();
  private FallbackListener listener = new FallbackListener() {};
  private @Nullable Executor callExecutor;
  private @Nullable ScheduledExecutorService scheduler;
  private boolean hasPrimary;

  FallbackCommentStoreBuilder() {}

  /**
   * The primary, probed by {@link PrimaryProbe#reachability}: enough for one database without standbys.
   *
   * @param store the primary
   * @return this builder
   */
  public FallbackCommentStoreBuilder primary(CommentStore store) {
    return primary(store, PrimaryProbe.reachability(store));
  }

  /**
   * The primary and the probe that asks it whether it takes writes. Required, once.
   *
   * @param store the primary
   * @param probe its probe
   * @return this builder
   */
  public FallbackCommentStoreBuilder primary(CommentStore store, PrimaryProbe probe) {
    return primary("primary", store, probe);
  }

  /**
   * The primary, with the name {@code health()} shows for it.
   *
   * @param name unique among the databases
   * @param store the primary
   * @param probe its probe
   * @return this builder
   * @throws IllegalStateException if a primary is already set
   */
  public FallbackCommentStoreBuilder primary(String name, CommentStore store, PrimaryProbe probe) {
    if (hasPrimary) {
      throw new IllegalStateException("the primary is already set; add other databases as standby or replica");
    }
    hasPrimary = true;
    specs.add(0, new NodeSpec(true, name(name), Objects.requireNonNull(store, "store"),
        Objects.requireNonNull(probe, "probe")));
    return this;
  }

  /**
   * A read replica: where reads go while the store is read-only, in the order added. A replica that fails
   * is skipped until a probe read finds it back.
   *
   * @param reader the replica
   * @return this builder
   */
  public FallbackCommentStoreBuilder replica(CommentReader reader) {
    return replica("replica-" + (count(false) + 1), reader);
  }

  /**
   * A read replica, with the name {@code health()} shows for it.
   *
   * @param name unique among the databases
   * @param reader the replica
   * @return this builder
   */
  public FallbackCommentStoreBuilder replica(String name, CommentReader reader) {
    specs.add(new NodeSpec(false, name(name), Objects.requireNonNull(reader, "reader"), null));
    return this;
  }

  /**
   * A standby: a database that may be promoted to primary (a replica seen through a connection that writes).
   * It is never written to until its probe finds it writable on the highest generation seen. Add the same
   * database as a {@link #replica} too, through a read-only connection, to read from it.
   *
   * @param store the standby, seen through a connection that may write
   * @param probe its probe
   * @return this builder
   */
  public FallbackCommentStoreBuilder standby(CommentStore store, PrimaryProbe probe) {
    return standby("standby-" + (count(true) - (hasPrimary ? 1 : 0) + 1), store, probe);
  }

  /**
   * A standby, with the name {@code health()} shows for it.
   *
   * @param name unique among the databases
   * @param store the standby
   * @param probe its probe
   * @return this builder
   */
  public FallbackCommentStoreBuilder standby(String name, CommentStore store, PrimaryProbe probe) {
    specs.add(new NodeSpec(true, name(name), Objects.requireNonNull(store, "store"),
        Objects.requireNonNull(probe, "probe")));
    return this;
  }

  /**
   * The spool for {@link WritePolicy#SPOOL}: required with that policy. The store closes it.
   *
   * @param spool a durable spool, usually {@link FileWriteSpool#open}
   * @return this builder
   */
  public FallbackCommentStoreBuilder spool(WriteSpool spool) {
    this.spool = Objects.requireNonNull(spool, "spool");
    return this;
  }

  /**
   * What to do with new comments while read-only. Default {@link WritePolicy#SPOOL}.
   *
   * @param policy queue or refuse
   * @return this builder
   */
  public FallbackCommentStoreBuilder writePolicy(WritePolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Keeps every comment the primary acknowledged in {@code journal} until every standby's
   * {@link PrimaryProbe#replayPosition()} has passed it, and replays what is left into a promoted standby
   * before using it. Costs one local {@code fsync} per new comment and one position query per probe round.
   * Needs a standby whose probe reports positions (PostgreSQL). The store closes the journal.
   *
   * <p>With standbys whose probes report positions this is on by default, with a journal next to the
   * spool; this method chooses the journal.
   *
   * @param journal a spool of its own, not the one given to {@link #spool}
   * @return this builder
   */
  public FallbackCommentStoreBuilder retainUntilReplicated(WriteSpool journal) {
    this.retained = Objects.requireNonNull(journal, "journal");
    this.retain = Boolean.TRUE;
    return this;
  }

  /**
   * Whether to keep acknowledged comments until every standby has replayed them (see
   * {@link #retainUntilReplicated(WriteSpool)}).
   *
   * <p><b>Default: on</b> when standbys are configured and every standby's probe
   * {@linkplain PrimaryProbe#reportsPositions() reports positions} (PostgreSQL), with the journal in
   * {@code <spool file>.replication} next to a {@link FileWriteSpool}. {@code false} is the explicit choice
   * to lose, on a failover with asynchronous replication, the comments the old primary acknowledged but had
   * not shipped yet (the outage drill measures about 250 per failover under load); it saves one local
   * {@code fsync} per new comment and one position query per standby per probe round.
   *
   * @param retain true to keep them (the journal next to the spool, unless one is given), false not to
   * @return this builder
   */
  public FallbackCommentStoreBuilder retainUntilReplicated(boolean retain) {
    this.retain = retain;
    if (!retain) {
      this.retained = null;
    }
    return this;
  }

  /**
   * How long a read may take before the database counts as unavailable. Default 2 s.
   *
   * @param deadline positive
   * @return this builder
   */
  public FallbackCommentStoreBuilder readDeadline(Duration deadline) {
    this.readDeadline = positive(deadline, "readDeadline");
    return this;
  }

  /**
   * How long a write may take before the database counts as unavailable. Default 5 s.
   *
   * @param deadline positive
   * @return this builder
   */
  public FallbackCommentStoreBuilder writeDeadline(Duration deadline) {
    this.writeDeadline = positive(deadline, "writeDeadline");
    return this;
  }

  /**
   * How long a probe may take. Default: the read deadline.
   *
   * @param deadline positive
   * @return this builder
   */
  public FallbackCommentStoreBuilder probeDeadline(Duration deadline) {
    this.probeDeadline = positive(deadline, "probeDeadline");
    return this;
  }

  /**
   * How often the background probe runs, before jitter. Default 1 s.
   *
   * @param interval positive
   * @return this builder
   */
  public FallbackCommentStoreBuilder probeInterval(Duration interval) {
    this.probeInterval = positive(interval, "probeInterval");
    return this;
  }

  /**
   * How much each probe interval varies at random, as a fraction of it, so that many nodes do not probe in
   * step. Default 0.2.
   *
   * @param jitter from 0 to 0.9
   * @return this builder
   */
  public FallbackCommentStoreBuilder probeJitter(double jitter) {
    if (!(jitter >= 0 && jitter <= 0.9)) {
      throw new IllegalArgumentException("probeJitter must be between 0 and 0.9: " + jitter);
    }
    this.probeJitter = jitter;
    return this;
  }

  /**
   * The hint given with {@link dev.talkback.comments.ReadOnlyException} (HTTP {@code Retry-After}).
   * Default 30 s.
   *
   * @param retryAfter positive
   * @return this builder
   */
  public FallbackCommentStoreBuilder retryAfter(Duration retryAfter) {
    this.retryAfter = positive(retryAfter, "retryAfter");
    return this;
  }

  /**
   * How many calls to one database may be in flight at once; beyond that (its calls hang) it counts as
   * unavailable at once. Default 64.
   *
   * @param max positive
   * @return this builder
   */
  public FallbackCommentStoreBuilder maxCallsInFlight(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxCallsInFlight must be positive: " + max);
    }
    this.maxCallsInFlight = max;
    return this;
  }

  /**
   * The clock for {@code health()}'s instants and for the confirmation requests of subscriptions recorded when
   * the spool is replayed. Default: the system clock, UTC. Deadlines are waits on the
   * calls themselves and use real time; probe timing is the {@link #scheduler}'s.
   *
   * @param clock the clock
   * @return this builder
   */
  public FallbackCommentStoreBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Hears mode changes, queued and replayed comments and probe results, for metrics. Default: hears nothing.
   *
   * @param listener a threadsafe listener; what it throws is logged and ignored
   * @return this builder
   */
  public FallbackCommentStoreBuilder listener(FallbackListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Where store calls and probes run so that the caller can stop waiting at a deadline. It must run each
   * task on a thread other than the caller's and should not queue (a queued call waits out its deadline).
   * Default: a cached pool of daemon threads, shut down by {@link FallbackCommentStore#close()}; an
   * executor given here is not shut down by the store.
   *
   * @param executor the call executor
   * @return this builder
   */
  public FallbackCommentStoreBuilder callExecutor(Executor executor) {
    this.callExecutor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /**
   * Where probe rounds run, one at a time: the store schedules each round after the previous one, every
   * {@link #probeInterval} with jitter, starting when {@link #build()} returns. A test can pass a scheduler
   * it drives by hand and run rounds one by one. Default: one daemon thread, shut down by
   * {@link FallbackCommentStore#close()}; a scheduler given here is not shut down by the store.
   *
   * @param scheduler the scheduler
   * @return this builder
   */
  public FallbackCommentStoreBuilder scheduler(ScheduledExecutorService scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /**
   * Builds the store, then starts its probe.
   *
   * @return a running store; close it to stop its threads
   * @throws IllegalStateException if no primary is set, or the policy is SPOOL without a spool, or
   *     replication tracking has no standby, or two databases share a name
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
    Set<String> names = new HashSet<>();
    for (NodeSpec n : specs) {
      if (!names.add(n.name())) {
        throw new IllegalStateException("two databases are named '" + n.name() + "'; names must be unique");
      }
    }
    if (Boolean.TRUE.equals(retain) && count(true) == 1) {
      throw new IllegalStateException("retainUntilReplicated needs a standby whose probe reports its replay"
          + " position: builder.standby(store, probe)");
    }
    WriteSpool journal = Boolean.FALSE.equals(retain) ? null : retained;
    if (journal == null && !Boolean.FALSE.equals(retain) && count(true) > 1) {
      journal = defaultJournal();
    }
    Settings settings = new Settings(policy, readDeadline, writeDeadline,
        probeDeadline != null ? probeDeadline : readDeadline, probeInterval, probeJitter, retryAfter, clock,
        new SafeListener(listener));
    ExecutorService ownedCalls = callExecutor == null ? Executors.newCachedThreadPool(daemon("call")) : null;
    Executor calls = callExecutor != null ? callExecutor : Objects.requireNonNull(ownedCalls);
    ScheduledExecutorService probes = scheduler != null ? scheduler
        : Executors.newSingleThreadScheduledExecutor(daemon("probe"));
    List<Node> candidates = new ArrayList<>();
    List<Node> replicas = new ArrayList<>();
    for (NodeSpec n : specs) {
      (n.candidate() ? candidates : replicas).add(new Node(n.name(), n.reader(), n.probe(), calls, maxCallsInFlight));
    }
    FallbackCommentStore store = new FallbackCommentStore(settings, candidates, replicas, spool, journal, probes,
        scheduler == null, ownedCalls);
    store.start();
    return store;
  }

  /**
   * The journal that keeps acknowledged comments until replicated by default, or null (with a WARN) when a
   * standby's probe cannot tell how far it has replayed.
   */
  private @Nullable WriteSpool defaultJournal() {
    boolean positions = specs.stream().skip(1).filter(NodeSpec::candidate)
        .allMatch(n -> {
          PrimaryProbe probe = n.probe();
          return probe != null && probe.reportsPositions();
        });
    if (!positions) {
      if (retain == null) {
        log.warn("The standbys' probes report no replication positions (MariaDB's cannot): comments the primary"
            + " acknowledged but had not yet shipped are lost if a standby is promoted. Use synchronous"
            + " replication for that, and say so with retainUntilReplicated(false).");
        return null;
      }
      throw new IllegalStateException("retainUntilReplicated needs standbys whose probes report replication"
          + " positions (PostgresProbe does); these do not, so nothing could ever be released");
    }
    if (spool instanceof FileWriteSpool f) {
      return FileWriteSpool.open(f.file().resolveSibling(f.file().getFileName() + ".replication"));
    }
    throw new IllegalStateException("with standbys, acknowledged comments are kept until replicated, in a journal"
        + " next to a FileWriteSpool; this store has " + (spool == null ? "no spool" : "a spool of another kind")
        + ": give one with retainUntilReplicated(journal), or turn it off with retainUntilReplicated(false),"
        + " accepting that comments acknowledged just before a failover can be lost");
  }

  private static java.util.concurrent.ThreadFactory daemon(String role) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "talkback-fallback-" + role + (role.equals("probe") ? "" : "-" + n.incrementAndGet()));
      t.setDaemon(true);
      return t;
    };
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

  private static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
    return d;
  }

  private record NodeSpec(boolean candidate, String name, CommentReader reader, @Nullable PrimaryProbe probe) {}
}
