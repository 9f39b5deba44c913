package dev.talkback.benchmarks.jdbi;

import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.spi.InsertResult;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fills the benchmark database with {@link BenchData}: 10,000 threads of 100 comments (1,000,000 in all),
 * one {@code insertAll} per thread, and reports the import rate. Then {@link JdbiStoreBenchmark} reads and
 * writes it, and {@code drop} removes it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.talkback.benchmarks.jdbi.JdbiLoader load postgresql [writers] [rewrite]
 * java -cp benchmarks/target/benchmarks.jar dev.talkback.benchmarks.jdbi.JdbiLoader drop postgresql
 * </pre>
 *
 * {@code writers} (default 1) is how many threads call {@code insertAll} at once; {@code rewrite} turns on
 * pgjdbc's {@code reWriteBatchedInserts}.
 */
public final class JdbiLoader {
  private JdbiLoader() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: JdbiLoader load|drop postgresql|h2 [writers] [rewrite]");
      System.exit(2);
    }
    BenchDatabase db = BenchDatabase.of(args[1]);
    if (args[0].equals("drop")) {
      db.drop();
      System.out.println("dropped the " + db + " benchmark data");
      return;
    }
    int writers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    boolean rewrite = args.length > 3 && args[3].equals("rewrite");
    db.create();
    try (HikariDataSource pool = db.pool(rewrite)) {
      JdbiCommentStore store = db.store(pool);
      store.initialize();
      load(db, store, writers, rewrite);
      db.analyze(pool);
    }
  }

  private static void load(BenchDatabase db, JdbiCommentStore store, int writers, boolean rewrite)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    LongAdder created = new LongAdder();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    long start = System.nanoTime();
    List<Future<?>> done = new java.util.ArrayList<>();
    for (int w = 0; w < writers; w++) {
      done.add(pool.submit(() -> {
        for (int t = next.getAndIncrement(); t < BenchData.THREADS; t = next.getAndIncrement()) {
          List<InsertResult> results = store.insertAll(BenchData.thread(t), BenchData.comments(t));
          created.add(results.stream().filter(r -> r.outcome() == InsertResult.Outcome.CREATED).count());
          if (t % 1_000 == 999) {
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("%,d threads, %,d comments, %.1f s, %,.0f comments/s%n", t + 1, created.sum(), s,
                created.sum() / s);
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    long n = created.sum();
    if (n != (long) BenchData.THREADS * BenchData.PER_THREAD) {
      throw new IllegalStateException("created " + n + " comments, expected "
          + (long) BenchData.THREADS * BenchData.PER_THREAD);
    }
    System.out.printf("IMPORT %s writers=%d rewriteBatches=%s: %,d comments in %,d threads in %.1f s = %,.0f"
        + " comments/s%n", db, writers, rewrite, n, BenchData.THREADS, seconds, n / seconds);
  }
}
