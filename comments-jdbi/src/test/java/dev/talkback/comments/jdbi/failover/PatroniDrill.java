package dev.talkback.comments.jdbi.failover;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FallbackCommentStoreBuilder;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.failover.PatroniCluster.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Patroni failover drill, with Haloscan's topology: etcd and four Patroni-managed PostgreSQL servers
 * (a leader and three streaming replicas, see {@link PatroniCluster}), Talkback's
 * {@link FallbackCommentStore} in front of them with readers and writers running the whole time
 * ({@link OutageDrill#load}), and three faults in a row, no human in the loop:
 *
 * <ol>
 *   <li>{@link Fault#DISK_LOST}: the leader's Patroni and PostgreSQL are killed with SIGKILL and its data
 *       directory removed. Patroni promotes a replica when the leader key expires.
 *   <li>{@link Fault#FROZEN}: the new leader's machine hangs (SIGSTOP to Patroni and PostgreSQL). Patroni
 *       promotes another replica.
 *   <li>{@link Fault#RETURNED}: the frozen machine wakes up (SIGCONT) as the primary on the old timeline.
 *       Patroni demotes it; Talkback must not write to it in between.
 * </ol>
 *
 * Talkback is wired as docs/operations.md tells an operator to: every node a primary candidate through
 * its own single-host pool ({@code targetServerType=primary}) and a {@link PostgresProbe}, so that the
 * timeline decides which one is the primary, and the replicas read through one pgjdbc multi-host URL
 * ({@code targetServerType=preferSecondary}). Nobody tells Talkback that anything happened.
 *
 * <p>{@link PatroniDrillResult} checks every operation against the final primary and the returning old
 * primary's data. Run it with {@code PatroniFailoverDrillTest}, or {@link #main} for a report without
 * assertions.
 */
public final class PatroniDrill {
  private static final Logger log = LoggerFactory.getLogger(PatroniDrill.class);

  static final int NODES = 4;
  static final Duration READ_DEADLINE = OutageDrill.READ_DEADLINE;
  static final Duration WRITE_DEADLINE = OutageDrill.WRITE_DEADLINE;
  static final Duration PROBE_INTERVAL = OutageDrill.PROBE_INTERVAL;
  static final Duration PROBE_DEADLINE = READ_DEADLINE;
  static final Duration WARM_UP = Duration.ofSeconds(3);
  static final Duration SETTLE = Duration.ofSeconds(3);
  /** How long Patroni may take to promote or demote before the drill gives up on it. */
  static final Duration PATRONI_LIMIT = Duration.ofSeconds(60);
  /** How long after Patroni's promotion Talkback may take before the drill stops waiting for it. */
  static final Duration TALKBACK_LIMIT = Duration.ofSeconds(20);

  /** The faults, in the order the drill applies them. */
  enum Fault {
    /** The leader killed with SIGKILL, its data directory removed: a disk failure. */
    DISK_LOST("the primary killed (SIGKILL), its data directory removed"),
    /** The leader's Patroni and PostgreSQL stopped with SIGSTOP: a hung machine. */
    FROZEN("the primary frozen (SIGSTOP to Patroni and PostgreSQL)"),
    /** The frozen leader continued with SIGCONT after a replica was promoted. */
    RETURNED("the frozen old primary back (SIGCONT) after a replica was promoted");

    final String description;

    Fault(String description) {
      this.description = description;
    }
  }

  private PatroniDrill() {}

  /** Runs the drill and prints the report; exits 1 if a check failed. */
  public static void main(String[] args) throws Exception {
    Path bin = PgCluster.installedBin().orElseThrow(() ->
        new IllegalStateException("no PostgreSQL under /usr/lib/postgresql/*/bin"));
    PatroniDrillResult r = run(bin);
    Path dir = r.write(Path.of("target", "patroni-drill"));
    System.out.println(r.table());
    System.out.println("Report: " + dir.toAbsolutePath());
    r.problems().forEach(p -> System.out.println("PROBLEM " + p));
    System.exit(r.problems().isEmpty() ? 0 : 1);
  }

  /** One drill: a fresh cluster, the three faults in a row. */
  static PatroniDrillResult run(Path bin) throws Exception {
    long t0 = System.nanoTime();
    progress("starting etcd and " + NODES + " Patroni nodes", t0);
    List<AutoCloseable> closeLast = new ArrayList<>();
    Path spoolDir = Files.createTempDirectory("talkback-patroni-spool-");
    PatroniCluster cluster = PatroniCluster.start(bin, NODES, Duration.ofSeconds(150));
    try {
      long clusterUp = System.nanoTime();
      Node leader = cluster.writable().orElseThrow();
      progress("cluster up, leader " + leader + "; migrating and wiring Talkback", t0);
      JdbiCommentStore.builder(leader.direct()).build().initialize();
      awaitSchemaEverywhere(cluster);

      DrillResult ops = new DrillResult("patroni", READ_DEADLINE);
      PatroniDrillResult result = new PatroniDrillResult(ops, cluster.nodes().size(),
          Duration.ofNanos(clusterUp - t0));
      FallbackCommentStoreBuilder b = FallbackCommentStore.builder();
      for (Node n : cluster.nodes()) {
        HikariDataSource pool = pool(n.jdbcUrl(DrillDataSources.FAIL_FAST + "&targetServerType=primary"),
            n.name, 0, closeLast);
        JdbiCommentStore store = JdbiCommentStore.builder(pool).migrate(false).build();
        PostgresProbe probe = PostgresProbe.of(probeSource(n));
        if (n == cluster.nodes().get(0)) {
          b.primary(n.name, store, probe);
        } else {
          b.standby(n.name, store, probe);
        }
      }
      String replicaUrl = "jdbc:postgresql://" + cluster.hosts() + "/postgres?" + DrillDataSources.FAIL_FAST
          + "&targetServerType=preferSecondary";
      b.replica("replicas", JdbiCommentStore.builder(pool(replicaUrl, "replicas", 4, closeLast))
          .migrate(false).build());
      // and each node as a reader of its own, after it: a read that times out marks a whole reader down, and
      // the multi-host pool may hold a connection to the node that just died or froze
      for (Node n : cluster.nodes()) {
        b.replica(n.name + "-read", JdbiCommentStore.builder(pool(n.jdbcUrl(DrillDataSources.FAIL_FAST),
            n.name + "-read", 0, closeLast)).migrate(false).build());
      }
      b.spool(FileWriteSpool.open(spoolDir.resolve("spool.log")))
          .retainUntilReplicated(FileWriteSpool.open(spoolDir.resolve("replication.log")))
          .readDeadline(READ_DEADLINE)
          .writeDeadline(WRITE_DEADLINE)
          .probeDeadline(PROBE_DEADLINE)
          .probeInterval(PROBE_INTERVAL)
          .listener(result.listener());
      try (FallbackCommentStore store = b.build()) {
        drive(cluster, store, result, t0);
        result.finalHealth(store.health());
      }
      verify(cluster, result);
      progress("done: " + result.summary(), t0);
      return result;
    } catch (Exception | Error e) {
      log.error("Patroni drill failed; logs:\n{}", cluster.logs());
      throw e;
    } finally {
      Collections.reverse(closeLast);
      for (AutoCloseable c : closeLast) {
        try {
          c.close();
        } catch (Exception e) {
          log.debug("close", e);
        }
      }
      cluster.close();
      try (Stream<Path> files = Files.walk(spoolDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void drive(PatroniCluster cluster, FallbackCommentStore store, PatroniDrillResult r, long t0)
      throws Exception {
    DrillResult ops = r.ops();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = OutageDrill.load(ops, store, running);
    threads.forEach(Thread::start);
    try {
      // Talkback starts on pg0 whichever node Patroni made the leader, and finds the leader itself
      Node leader = cluster.writable().orElseThrow();
      boolean found = await(TALKBACK_LIMIT, () -> r.readWriteOn(leader.name, 0));
      r.startedOn(leader.name);
      progress("Talkback " + (found ? "is read-write on " + leader : "did not find the leader " + leader), t0);
      Thread.sleep(WARM_UP.toMillis());

      for (Fault f : new Fault[] {Fault.DISK_LOST, Fault.FROZEN}) {
        // the fault comes once the cluster is whole again: the replicas streaming from the current primary
        if (!await(PATRONI_LIMIT, cluster::healthy)) {
          throw new IllegalStateException("the cluster did not settle before " + f.description + " within "
              + PATRONI_LIMIT.toSeconds() + " s: " + cluster.states());
        }
        progress("cluster settled: " + cluster.states(), t0);
        Node victim = cluster.writable().orElseThrow(() -> new IllegalStateException("no single leader: "
            + cluster.states()));
        PatroniDrillResult.Phase phase = r.begin(f, victim.name, System.currentTimeMillis());
        if (f == Fault.DISK_LOST) {
          victim.kill();
          phase.faultDone(ops.now());
          victim.removeData();
        } else {
          victim.freeze();
          phase.faultDone(ops.now());
        }
        progress(f.description + ": " + victim, t0);
        Optional<Node> promoted = awaitPromotion(cluster, victim);
        if (promoted.isEmpty()) {
          phase.problem("Patroni promoted no replica within " + PATRONI_LIMIT.toSeconds() + " s");
          break;
        }
        long seen = ops.now();
        // Patroni's own record of the promotion; the drill's polling may see it later on a loaded machine
        Optional<Long> recorded = Optional.empty();
        for (int i = 0; i < 50 && recorded.isEmpty(); i++) { // Patroni writes the history a loop or two later
          recorded = promoted.get().lastPromotionMillis().filter(wall -> wall >= phase.faultWallMillis);
          if (recorded.isEmpty()) {
            Thread.sleep(100);
          }
        }
        phase.promoted(promoted.get().name,
            recorded.map(wall -> Math.min(seen, phase.faultAt + wall - phase.faultWallMillis)).orElse(seen));
        // the polling above is not Talkback's: its probe may well have been first
        progress("Patroni promoted " + promoted.get() + " after " + (phase.promotedAt - phase.faultAt) + " ms ("
            + (recorded.isPresent() ? "its history" : "seen by polling") + ")", t0);
        await(TALKBACK_LIMIT, () -> r.readWriteOn(promoted.get().name, phase.faultAt));
        progress("Talkback read-write on " + promoted.get() + " after " + (r.firstReadWriteOn(promoted.get().name,
            phase.faultAt) - phase.faultAt) + " ms", t0);
        Thread.sleep(SETTLE.toMillis());
      }

      PatroniDrillResult.Phase frozen = r.phase(Fault.FROZEN);
      if (frozen != null && frozen.newLeader != null) {
        Node old = cluster.node(frozen.victim);
        PatroniDrillResult.Phase phase = r.begin(Fault.RETURNED, old.name, System.currentTimeMillis());
        phase.promoted(frozen.newLeader, phase.faultAt); // nothing to promote: the leader stays
        old.thaw();
        phase.faultDone(ops.now());
        progress(Fault.RETURNED.description + ": " + old, t0);
        await(PATRONI_LIMIT, () -> !old.inRecovery().equals(Optional.of(false)));
        phase.stoppedWriting(ops.now());
        boolean demoted = await(PATRONI_LIMIT, () -> old.inRecovery().equals(Optional.of(true)));
        if (demoted) {
          phase.demoted(ops.now());
          progress("Patroni demoted " + old + " after " + (ops.now() - phase.faultAt) + " ms", t0);
        } else {
          phase.problem("Patroni did not demote the returning old primary within " + PATRONI_LIMIT.toSeconds() + " s");
        }
        Thread.sleep(SETTLE.toMillis());
      }
    } finally {
      running.set(false);
      for (Thread t : threads) {
        t.join(Duration.ofSeconds(30).toMillis());
      }
    }
    r.end(ops.now());
    // what was queued during the last fault is replayed before the check
    await(TALKBACK_LIMIT, () -> store.mode() == StoreMode.READ_WRITE && store.health().spoolDepth() == 0);
    r.closing(ops.now());
  }

  /** The first node other than {@code victim} that PostgreSQL says takes writes. */
  private static Optional<Node> awaitPromotion(PatroniCluster cluster, Node victim) throws InterruptedException {
    long end = System.nanoTime() + PATRONI_LIMIT.toNanos();
    while (System.nanoTime() < end) {
      for (Node n : cluster.nodes()) {
        if (n != victim && n.inRecovery().equals(Optional.of(false))) {
          return Optional.of(n);
        }
      }
      Thread.sleep(20);
    }
    return Optional.empty();
  }

  /** Reads the final primary and the returning old primary, and hands both to the result to check. */
  private static void verify(PatroniCluster cluster, PatroniDrillResult r) throws Exception {
    await(Duration.ofSeconds(30), () -> cluster.writable().isPresent());
    Node primary = cluster.writable().orElseThrow(() -> new IllegalStateException("no single leader at the end: "
        + cluster.states() + (r.problems().isEmpty() ? "" : "; problems: " + r.problems())));
    r.finalPrimary(primary.name, commits(primary, 0));
    PatroniDrillResult.Phase returned = r.phase(Fault.RETURNED);
    if (returned != null) {
      Node old = cluster.node(returned.victim);
      await(Duration.ofSeconds(30), () -> old.inRecovery().isPresent());
      // every row the old primary committed after it was frozen: only what it took after waking up
      r.oldPrimaryCommits(commits(old, r.phase(Fault.FROZEN).faultWallMillis));
    }
    r.check();
  }

  /** Each comment's id and commit time (epoch microseconds) on {@code n}, committed after {@code sinceMillis}. */
  private static Map<UUID, Long> commits(Node n, long sinceMillis) throws Exception {
    Map<UUID, Long> rows = new HashMap<>();
    try (Connection c = n.direct().getConnection();
        PreparedStatement st = c.prepareStatement("SELECT id, (extract(epoch FROM pg_xact_commit_timestamp(xmin))"
            + " * 1000000)::bigint FROM talkback_comments"
            + " WHERE pg_xact_commit_timestamp(xmin) >= to_timestamp(? / 1000.0)")) {
      st.setLong(1, sinceMillis);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          if (rows.put(rs.getObject(1, UUID.class), rs.getLong(2)) != null) {
            throw new IllegalStateException("comment " + rs.getObject(1) + " is stored twice on " + n);
          }
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) - count(DISTINCT id) FROM talkback_comments")) {
        rs.next();
        if (rs.getLong(1) != 0) {
          throw new IllegalStateException(rs.getLong(1) + " duplicate rows on " + n);
        }
      }
    }
    return rows;
  }

  private static void awaitSchemaEverywhere(PatroniCluster cluster) throws InterruptedException {
    for (Node n : cluster.nodes()) {
      boolean ok = await(Duration.ofSeconds(30), () -> {
        try (Connection c = n.direct().getConnection();
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT to_regclass('talkback_comments') IS NOT NULL")) {
          rs.next();
          return rs.getBoolean(1);
        } catch (java.sql.SQLException e) {
          return false;
        }
      });
      if (!ok) {
        throw new IllegalStateException("the schema did not reach " + n);
      }
    }
  }

  /** Polls {@code condition} every 10 ms until it holds or {@code max} passes; whether it held. */
  private static boolean await(Duration max, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /** A pool with the fail-fast driver settings (docs/fallback.md). */
  private static HikariDataSource pool(String url, String name, int minimumIdle, List<AutoCloseable> closers) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    c.setUsername("postgres");
    c.setMaximumPoolSize(8);
    c.setMinimumIdle(minimumIdle);
    c.setConnectionTimeout(1500);
    c.setValidationTimeout(500);
    c.setInitializationFailTimeout(-1);
    c.setPoolName("patroni-drill-" + name);
    HikariDataSource ds = new HikariDataSource(c);
    closers.add(ds);
    return ds;
  }

  /** The probe's data source: a new connection each time, so a probe never waits behind a stuck pool. */
  private static PGSimpleDataSource probeSource(Node n) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(n.jdbcUrl(DrillDataSources.FAIL_FAST));
    ds.setUser("postgres");
    return ds;
  }

  static void progress(String what, long t0) {
    System.out.printf("[patroni drill, %.1f s] %s%n", (System.nanoTime() - t0) / 1e9, what);
  }
}
