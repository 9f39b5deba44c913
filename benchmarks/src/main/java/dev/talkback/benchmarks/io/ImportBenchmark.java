package dev.talkback.benchmarks.io;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.Comment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.ImportFormat;
import dev.talkback.comments.io.ImportProgress;
import dev.talkback.comments.io.ImportReport;
import dev.talkback.comments.io.Importer;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.SitePosition;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The import's speed next to the store's own {@code insertAll}, on the same comments, side by side under the
 * same load:
 *
 * <ol>
 *   <li>a Disqus export of N comments from {@link DisqusExportGenerator} (deterministic);
 *   <li>{@code memory}: the {@link Importer} into an {@link InMemoryCommentStore} (read, check, sanitize,
 *       resolve; no database), whose comments are then the input of the next step;
 *   <li>{@code insertAll}: those comments stored into PostgreSQL with {@code insertAll}, one call per
 *       thread, from W writer threads (the store's own rate: nothing to parse or sanitize);
 *   <li>{@code import}: the {@link Importer} into PostgreSQL (another schema) with parallelism W, what
 *       {@code talkback.jar import} does.
 * </ol>
 *
 * With a third argument R the last two phases alternate R times (each into an emptied schema), and the end
 * prints the import's rate over {@code insertAll}'s run by run, so the two are compared under the same load
 * and the same warmth: the first run in a JVM pays for its JIT compilation (the JVM's CPU a comment falls
 * from about 150 µs in the first 100,000 comments to about 50 in the fifth run), so run 1 is what a one-off
 * {@code talkback.jar import} of that size sees, the later runs what a long import settles at.
 *
 * Each phase prints its wall time, its rate, the process's CPU seconds and the load average, since the
 * machine may be shared. The schemas {@code talkback_io_insertall} and {@code talkback_io_import} are
 * dropped and created on every run.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.talkback.benchmarks.io.ImportBenchmark [COMMENTS] [WRITERS] [IMPORT_RUNS]
 * </pre>
 *
 * PostgreSQL from {@code -Dtalkback.bench.pg.url} (default {@code jdbc:postgresql://127.0.0.1:5432/test}),
 * {@code .pg.user} ({@code postgres}), {@code .pg.password} (empty).
 */
public final class ImportBenchmark {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ImportBenchmark() {}

  /**
   * Runs the phases.
   *
   * @param args the number of comments (default 100,000), of writers (default 2) and of runs of the last two
   *     phases (default 1)
   * @throws Exception if a phase fails
   */
  public static void main(String[] args) throws Exception {
    long n = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 100_000;
    int writers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int importRuns = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    if (importRuns < 1) {
      throw new IllegalArgumentException("IMPORT_RUNS must be at least 1: " + importRuns);
    }
    String url = System.getProperty("talkback.bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = System.getProperty("talkback.bench.pg.user", "postgres");
    String password = System.getProperty("talkback.bench.pg.password", "");
    Path file = Files.createTempFile("talkback-disqus-", ".xml");
    try {
      try (var w = Files.newBufferedWriter(file)) {
        DisqusExportGenerator.write(n, w);
      }
      System.out.printf("file: %,d comments, %,d bytes; %d writers; %d processors%n", n, Files.size(file), writers,
          Runtime.getRuntime().availableProcessors());

      InMemoryCommentStore memory = new InMemoryCommentStore();
      Phase p = Phase.start("memory (Importer into the in-memory store)", null);
      ImportReport inMemory = Importer.builder().store(memory).parallelism(writers).build()
          .importFile(ImportFormat.DISQUS, file);
      p.end(inMemory.comments());

      Map<ThreadKey, List<Comment>> byThread = new LinkedHashMap<>();
      List<Comment> page = memory.siteComments(SiteId.DEFAULT, null, 10_000);
      while (!page.isEmpty()) {
        for (Comment c : page) {
          byThread.computeIfAbsent(c.thread(), k -> new ArrayList<>()).add(c);
        }
        page = memory.siteComments(SiteId.DEFAULT, SitePosition.of(page.get(page.size() - 1)), 10_000);
      }
      List<Map.Entry<ThreadKey, List<Comment>>> threads = new ArrayList<>(byThread.entrySet());
      for (Map.Entry<ThreadKey, List<Comment>> e : threads) {
        // parents before replies, as the importer orders them
        e.setValue(parentsFirst(e.getValue()));
      }

      double[] storeRates = new double[importRuns];
      double[] importRates = new double[importRuns];
      for (int run = 1; run <= importRuns; run++) {
        String of = importRuns > 1 ? ", run " + run + " of " + importRuns : "";
        storeRates[run - 1] = insertAll(url, user, password, writers, threads, inMemory.comments(), of);
        importRates[run - 1] = importOnce(url, user, password, writers, file, inMemory.comments(), of);
      }
      if (importRuns > 1) {
        StringBuilder ratios = new StringBuilder();
        for (int i = 0; i < importRuns; i++) {
          ratios.append(i == 0 ? "" : ", ").append(String.format("%.3f", importRates[i] / storeRates[i]));
        }
        System.out.println("import / insertAll, run by run (run 1 is the cold one): " + ratios);
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Stores the comments with {@code insertAll}, one call per thread, from W writers; returns the rate. */
  private static double insertAll(String url, String user, String password, int writers,
      List<Map.Entry<ThreadKey, List<Comment>>> threads, long comments, String of) throws Exception {
    try (Schema schema = Schema.fresh(url, user, password, "talkback_io_insertall", writers + 1)) {
      JdbiCommentStore store = schema.store();
      Phase p = Phase.start("insertAll (the store alone, " + writers + " writers, one call per thread)" + of,
          new Backends(url, user, password, backendName("talkback_io_insertall")));
      AtomicInteger next = new AtomicInteger();
      ExecutorService ex = Executors.newFixedThreadPool(writers);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        done.add(ex.submit(() -> {
          for (int t = next.getAndIncrement(); t < threads.size(); t = next.getAndIncrement()) {
            Map.Entry<ThreadKey, List<Comment>> e = threads.get(t);
            store.insertAll(ThreadInfo.of(SiteId.DEFAULT, e.getKey(), ""), e.getValue());
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      ex.shutdown();
      return p.end(comments);
    }
  }

  /** Imports the file with the {@link Importer} into an emptied schema; returns the rate. */
  private static double importOnce(String url, String user, String password, int writers, Path file,
      long expected, String of) throws Exception {
    try (Schema schema = Schema.fresh(url, user, password, "talkback_io_import", writers + 1)) {
      JdbiCommentStore store = schema.store();
      Phase p = Phase.start("import (Importer into PostgreSQL, parallelism " + writers + ")" + of,
          new Backends(url, user, password, backendName("talkback_io_import")));
      long start = System.nanoTime();
      AtomicLong lastRead = new AtomicLong(start);
      ImportReport report = Importer.builder().store(store).parallelism(writers)
          .progress((phase, done, total) -> {
            if (phase == ImportProgress.Phase.READING) {
              lastRead.set(System.nanoTime());
            }
          })
          .build().importFile(ImportFormat.DISQUS, file);
      long end = System.nanoTime();
      double rate = p.end(report.comments());
      System.out.printf("%-70s first pass (read, render, spool) %.1f s, second pass (resolve, store) %.1f s%n", "",
          (lastRead.get() - start) / 1e9, (end - lastRead.get()) / 1e9);
      if (report.created() != expected) {
        throw new IllegalStateException("the import created " + report.created() + " comments, expected " + expected);
      }
      return rate;
    }
  }

  private static List<Comment> parentsFirst(List<Comment> comments) {
    Map<Object, Comment> byId = new LinkedHashMap<>();
    for (Comment c : comments) {
      byId.put(c.id(), c);
    }
    List<Comment> out = new ArrayList<>(comments.size());
    java.util.Set<Object> placed = new java.util.HashSet<>();
    while (out.size() < comments.size()) {
      for (Comment c : comments) {
        if (!placed.contains(c.id()) && (c.parentId().isEmpty() || placed.contains(c.parentId().get())
            || !byId.containsKey(c.parentId().get()))) {
          placed.add(c.id());
          out.add(c);
        }
      }
    }
    return out;
  }

  /** A schema dropped and created again, with a pool and an initialized store on it; closing closes the pool. */
  private record Schema(HikariDataSource pool, JdbiCommentStore store) implements AutoCloseable {
    static Schema fresh(String url, String user, String password, String name, int connections) throws Exception {
      recreate(url, user, password, name);
      HikariDataSource pool = ImportBenchmark.pool(url, user, password, name, connections);
      JdbiCommentStore store = JdbiCommentStore.builder(pool).build();
      store.initialize();
      return new Schema(pool, store);
    }

    @Override
    public void close() {
      pool.close();
    }
  }

  private static void recreate(String url, String user, String password, String schema) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    }
  }

  private static HikariDataSource pool(String url, String user, String password, String schema, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.addDataSourceProperty("currentSchema", schema);
    config.addDataSourceProperty("ApplicationName", backendName(schema));
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  private static String backendName(String schema) {
    return "talkback-bench-" + schema + "-" + ProcessHandle.current().pid();
  }

  /**
   * The CPU time of the PostgreSQL server processes serving one pool (found by the pool's application
   * name in {@code pg_stat_activity}, read from {@code /proc/<pid>/stat}): the database's share of the work,
   * which competes for the same cores when the server runs on this machine. Zero if it cannot be read.
   */
  private record Backends(String url, String user, String password, String application) {
    Map<Long, Double> cpuSeconds() {
      Map<Long, Double> cpu = new LinkedHashMap<>();
      try (Connection c = DriverManager.getConnection(url, user, password);
          PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
        ps.setString(1, application);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long pid = rs.getLong(1);
            Path stat = Path.of("/proc/" + pid + "/stat");
            if (Files.isReadable(stat)) {
              String line = Files.readString(stat);
              String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ", -1);
              cpu.put(pid, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0); // utime + stime, in ticks
            }
          }
        }
      } catch (Exception e) {
        System.out.println("(cannot read the database's CPU time: " + e + ")");
      }
      return cpu;
    }

    /**
     * The server's WAL so far ({@code pg_stat_wal}, PostgreSQL 14 and later: the whole server's, so the
     * machine must be otherwise idle): records, full-page images and bytes; null if it cannot be read. Full-page
     * images are written for the first change of each page after a checkpoint, which is where much of the
     * database's CPU a comment goes in the runs a checkpoint falls into.
     */
    @Nullable Wal wal() {
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT wal_records, wal_fpi, wal_bytes FROM pg_stat_wal")) {
        rs.next();
        return new Wal(rs.getLong(1), rs.getLong(2), rs.getLong(3));
      } catch (Exception e) {
        return null;
      }
    }
  }

  /** The server's WAL counters at one moment. */
  private record Wal(long records, long fullPages, long bytes) {}

  /** Wall time, process CPU time, database CPU time and load average of one phase. */
  private record Phase(String name, long startNanos, long startCpu, double startLoad, @Nullable Backends db,
      Map<Long, Double> startDb, @Nullable Wal startWal) {
    static Phase start(String name, @Nullable Backends db) {
      return new Phase(name, System.nanoTime(), OS.getProcessCpuTime(), OS.getSystemLoadAverage(), db,
          db == null ? Map.of() : db.cpuSeconds(), db == null ? null : db.wal());
    }

    double end(long comments) {
      double wall = (System.nanoTime() - startNanos) / 1e9;
      double cpu = (OS.getProcessCpuTime() - startCpu) / 1e9;
      System.out.printf("%-70s %,9d comments %7.1f s %,8.0f comments/s  JVM CPU %6.1f s (%,.0f comments per"
          + " CPU-second)  load %.1f -> %.1f%n", name, comments, wall, comments / wall, cpu, comments / cpu,
          startLoad, OS.getSystemLoadAverage());
      if (db != null) {
        double dbCpu = 0;
        for (Map.Entry<Long, Double> e : db.cpuSeconds().entrySet()) {
          dbCpu += e.getValue() - startDb.getOrDefault(e.getKey(), 0.0);
        }
        double perComment = (cpu + dbCpu) / comments * 1e6;
        System.out.printf("%-70s PostgreSQL CPU %6.1f s; JVM + PostgreSQL %5.1f us a comment, so at most %,8.0f"
            + " comments/s on 2 idle cores%n", "", dbCpu, perComment, 2e6 / perComment);
        Wal wal = db.wal();
        if (wal != null && startWal != null) {
          System.out.printf("%-70s WAL %,.0f bytes, %.1f records and %.2f full-page images a comment%n", "",
              (wal.bytes() - startWal.bytes()) / (double) comments,
              (wal.records() - startWal.records()) / (double) comments,
              (wal.fullPages() - startWal.fullPages()) / (double) comments);
        }
      }
      return comments / wall;
    }
  }
}
