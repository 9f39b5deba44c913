package dev.talkback.comments.jdbi.failover;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FallbackCommentStoreBuilder;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.spi.StoreHealth;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.ThreadQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outage drill: a real PostgreSQL primary and streaming replica (started here, see {@link PgCluster}),
 * readers and writers running the whole time through a {@link FallbackCommentStore}, and then:
 *
 * <ol>
 *   <li>replication stalls for a moment (the replica's stream goes through a NetCrusher proxy, frozen
 *       {@link #LAG} before the fault), so the primary acknowledges writes the replica does not have;
 *   <li>the fault: scenario {@link Scenario#CRASH} stops the primary as a crash would; {@link Scenario#FREEZE}
 *       SIGSTOPs it (TCP still accepts, nothing answers);
 *   <li>the replica is promoted ({@code pg_ctl promote});
 *   <li>the old primary comes back frozen, then thawed, still writable on the old timeline: a stale primary
 *       that must not be used.
 * </ol>
 *
 * Every operation is recorded and checked at the end by {@link DrillResult}. Run it with
 * {@code OutageDrillTest}, or {@link #main} for a report without assertions.
 */
public final class OutageDrill {
  private static final Logger log = LoggerFactory.getLogger(OutageDrill.class);

  static final Duration READ_DEADLINE = Duration.ofSeconds(1);
  static final Duration WRITE_DEADLINE = Duration.ofSeconds(2);
  static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
  static final Duration WARM_UP = Duration.ofSeconds(3);
  static final Duration LAG = Duration.ofMillis(1500);
  static final Duration BEFORE_PROMOTION = Duration.ofSeconds(4);
  static final Duration STALE_FROZEN = Duration.ofSeconds(2);
  static final Duration AFTER = Duration.ofSeconds(3);
  static final int WRITERS = 3;
  static final int READERS = 3;

  static final SiteId SITE = SiteId.DEFAULT;
  static final ThreadInfo THREAD = ThreadInfo.of(SITE, ThreadKey.of("outage-drill"), "The outage drill");

  /** What happens to the primary. */
  enum Scenario {
    /** {@code pg_ctl stop -m immediate}: every PostgreSQL process exits at once, connections are refused. */
    CRASH,
    /** SIGSTOP to every PostgreSQL process: connections hang, nothing is refused. */
    FREEZE
  }

  private OutageDrill() {}

  /** Runs every scenario in both modes and prints the report. */
  public static void main(String[] args) throws Exception {
    Path bin = PgCluster.installedBin().orElseThrow(() ->
        new IllegalStateException("no PostgreSQL under /usr/lib/postgresql/*/bin"));
    List<DrillResult> results = new ArrayList<>();
    for (Scenario s : Scenario.values()) {
      for (boolean retain : new boolean[] {false, true}) {
        results.add(run(bin, s, retain));
      }
    }
    Path dir = DrillResult.write(results, Path.of("target", "outage-drill"));
    System.out.println(DrillResult.table(results));
    System.out.println("Report: " + dir.toAbsolutePath());
    boolean ok = results.stream().allMatch(r -> r.problems().isEmpty());
    results.forEach(r -> r.problems().forEach(p -> System.out.println("PROBLEM " + r.name() + ": " + p)));
    System.exit(ok ? 0 : 1);
  }

  /** One drill: a fresh cluster, one scenario, the default mode or retainUntilReplicated. */
  static DrillResult run(Path bin, Scenario scenario, boolean retain) throws Exception {
    String name = scenario.name().toLowerCase() + (retain ? "+retain" : "");
    long t0 = System.nanoTime();
    progress(name, "starting a primary and a replica", t0);
    List<AutoCloseable> closeLast = new ArrayList<>();
    NioReactor reactor = new NioReactor();
    TcpCrusher[] replication = new TcpCrusher[1];
    PgCluster cluster = PgCluster.start(bin, primaryPort -> {
      try {
        replication[0] = TcpCrusherBuilder.builder().withReactor(reactor)
            .withBindAddress("127.0.0.1", PgCluster.freePort())
            .withConnectAddress("127.0.0.1", primaryPort)
            .buildAndOpen();
        return replication[0].getBindAddress().getPort();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    Path spoolDir = Files.createTempDirectory("talkback-drill-spool-");
    try {
      HikariDataSource primaryPool = pool(cluster.primary(), "targetServerType=primary", 8, closeLast);
      HikariDataSource standbyPool = pool(cluster.replica(), "targetServerType=primary", 0, closeLast);
      HikariDataSource replicaPool = pool(cluster.replica(), "targetServerType=any", 8, closeLast);
      JdbiCommentStore primaryStore = JdbiCommentStore.builder(primaryPool).build();
      primaryStore.initialize(); // migrates the primary; the schema reaches the replica by streaming
      JdbiCommentStore replicaReader = JdbiCommentStore.builder(replicaPool).migrate(false).build();
      awaitReplicaSchema(replicaReader);
      JdbiCommentStore standbyStore = JdbiCommentStore.builder(standbyPool).migrate(false).build();

      FallbackCommentStoreBuilder b = FallbackCommentStore.builder()
          .primary("pg-a", primaryStore, PostgresProbe.of(direct(cluster.primary())))
          .standby("pg-b", standbyStore, PostgresProbe.of(direct(cluster.replica())))
          .replica("pg-b-read", replicaReader)
          .spool(FileWriteSpool.open(spoolDir.resolve("spool.log")))
          .readDeadline(READ_DEADLINE)
          .writeDeadline(WRITE_DEADLINE)
          .probeDeadline(READ_DEADLINE)
          .probeInterval(PROBE_INTERVAL);
      if (retain) {
        b.retainUntilReplicated(FileWriteSpool.open(spoolDir.resolve("replication.log")));
      }
      progress(name, "cluster up, drilling", t0);
      DrillResult result;
      try (FallbackCommentStore store = b.build()) {
        result = drive(name, scenario, cluster, replication[0], store);
      }
      result.verify(ids(cluster.replica()), countRows(cluster.replica()));
      progress(name, "done: " + result.summary(), t0);
      return result;
    } catch (Exception | Error e) {
      log.error("Outage drill {} failed; server logs:\n{}", name, cluster.logs());
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
      replication[0].close();
      reactor.close();
      cluster.close();
      try (Stream<Path> files = Files.walk(spoolDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static DrillResult drive(
      String name, Scenario scenario, PgCluster cluster, TcpCrusher replication, FallbackCommentStore store)
      throws Exception {
    DrillResult r = new DrillResult(name, READ_DEADLINE);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = load(r, store, running);
    threads.add(daemon("drill-monitor", () -> {
      while (running.get()) {
        StoreHealth h = store.health();
        r.sample(store.mode(), h.primary().map(StoreHealth.Database::name).orElse(null), h.spoolDepth(),
            h.details().getOrDefault("replicationJournal.depth", "0"));
        pause(10);
      }
    }));
    threads.forEach(Thread::start);

    sleep(WARM_UP.minus(LAG));
    r.mark("replicationStalled");
    replication.freeze(); // the replica stops receiving WAL: the primary acknowledges what it does not have
    sleep(LAG);
    r.mark("fault");
    if (scenario == Scenario.CRASH) {
      cluster.primary().crash();
    } else {
      cluster.primary().freeze();
    }
    log.info("Drill: primary {} ({})", scenario == Scenario.CRASH ? "crashed" : "frozen", cluster.primary());
    sleep(BEFORE_PROMOTION);
    r.mark("promote");
    cluster.replica().promote();
    r.mark("promoted");
    log.info("Drill: replica promoted");
    awaitNewPrimary(r, Duration.ofSeconds(15));
    if (scenario == Scenario.CRASH) {
      cluster.primary().start();
      cluster.primary().freeze();
    }
    r.mark("staleFrozen");
    sleep(STALE_FROZEN);
    cluster.primary().thaw();
    r.mark("staleThawed");
    log.info("Drill: the old primary is back, thawed, on the old timeline");
    sleep(AFTER);
    r.staleSeen(store.health().databases().stream().filter(d -> d.name().equals("pg-a")).findFirst().orElse(null));
    running.set(false);
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(30).toMillis());
    }
    r.mark("end");
    r.finalHealth(store.health());
    return r;
  }

  /**
   * The drill's readers and writers ({@link #WRITERS} and {@link #READERS} threads, not started yet), each
   * recording every call in {@code r} until {@code running} turns false. Writers post new comments; readers
   * read a thread page, counts, and a comment by id.
   */
  static List<Thread> load(DrillResult r, CommentStore store, AtomicBoolean running) {
    List<Thread> threads = new ArrayList<>();
    ConcurrentLinkedQueue<CommentId> known = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < WRITERS; i++) {
      threads.add(daemon("drill-writer-" + i, () -> {
        while (running.get()) {
          Comment c = comment();
          long t0 = r.now();
          try {
            InsertResult res = store.insert(THREAD, c);
            r.write(c.id(), t0, r.now(), res.outcome() == InsertResult.Outcome.QUEUED ? "queued" : "ok", null);
            known.add(c.id());
          } catch (RuntimeException e) {
            r.write(c.id(), t0, r.now(), "failed", e.toString());
          }
          pause(15);
        }
      }));
    }
    ThreadQuery page = new ThreadQuery(SITE, THREAD.key(), CommentSort.NEWEST, null, 20, Set.of(CommentStatus.APPROVED));
    for (int i = 0; i < READERS; i++) {
      int kind = i;
      threads.add(daemon("drill-reader-" + i, () -> {
        while (running.get()) {
          long t0 = r.now();
          try {
            switch (kind) {
              case 0:
                store.thread(page);
                break;
              case 1:
                store.counts(SITE, List.of(THREAD.key()));
                break;
              default:
                CommentId id = known.peek();
                if (id != null) {
                  store.find(SITE, id);
                } else {
                  store.threadInfo(SITE, THREAD.key());
                }
            }
            r.read(t0, r.now(), null);
          } catch (RuntimeException e) {
            r.read(t0, r.now(), e.toString());
          }
          pause(5);
        }
      }));
    }
    return threads;
  }

  private static void awaitNewPrimary(DrillResult r, Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (!r.readWriteOnNewPrimary() && System.nanoTime() < end) {
      Thread.sleep(10);
    }
  }

  static Comment comment() {
    CommentId id = CommentId.of(UUID.randomUUID());
    String text = "drill comment " + id;
    return Comment.builder().id(id).site(SITE).thread(THREAD.key()).author(Author.named("Drill"))
        .source(text).html("<p>" + text + "</p>").status(CommentStatus.APPROVED)
        .created(Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS)).build();
  }

  private static void awaitReplicaSchema(JdbiCommentStore replica) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        replica.initialize();
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  /** A pool with the fail-fast driver settings; {@code minimumIdle} 0 for a standby that refuses until promoted. */
  private static HikariDataSource pool(PgCluster.Server s, String extra, int minimumIdle, List<AutoCloseable> closers) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(s.jdbcUrl(DrillDataSources.FAIL_FAST + "&" + extra));
    c.setUsername("postgres");
    c.setMaximumPoolSize(10);
    c.setMinimumIdle(minimumIdle);
    c.setConnectionTimeout(1500);
    c.setValidationTimeout(500);
    c.setInitializationFailTimeout(-1);
    c.setPoolName("drill-" + s.name + "-" + extra.replace("targetServerType=", ""));
    HikariDataSource ds = new HikariDataSource(c);
    closers.add(ds);
    return ds;
  }

  /** A plain data source (a new connection each time), for probes and checks. */
  static PGSimpleDataSource direct(PgCluster.Server s) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(s.jdbcUrl(DrillDataSources.FAIL_FAST));
    ds.setUser("postgres");
    return ds;
  }

  private static Set<UUID> ids(PgCluster.Server s) throws Exception {
    Set<UUID> ids = new java.util.HashSet<>();
    try (Connection c = direct(s).getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM talkback_comments")) {
      while (rs.next()) {
        ids.add(rs.getObject(1, UUID.class));
      }
    }
    return ids;
  }

  private static long[] countRows(PgCluster.Server s) throws Exception {
    try (Connection c = direct(s).getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT id) FROM talkback_comments")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private static void progress(String name, String what, long t0) {
    System.out.printf("[outage drill %s, %.1f s] %s%n", name, (System.nanoTime() - t0) / 1e9, what);
  }

  static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis + ThreadLocalRandom.current().nextInt(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }
}
