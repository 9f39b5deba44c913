package dev.talkback.benchmarks.jdbi;

import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JDBI store's hot paths on the data {@link JdbiLoader} loaded (1,000,000 comments in 10,000 threads):
 * a thread page, counts for a blog index page, and inserts. Run {@code JdbiLoader load postgresql} (and
 * {@code load h2}) first; see docs/benchmarks-jdbi.md.
 *
 * <p>Latencies are JMH's {@code SampleTime} mode, which reports percentiles (p50, p99, ...) of single
 * calls; the sustained insert rate is {@code Throughput} with four writer threads.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class JdbiStoreBenchmark {
  private static final Set<CommentStatus> VISIBLE = Set.of(CommentStatus.APPROVED, CommentStatus.DELETED);

  @Param({"postgresql", "h2"})
  public String db;

  private HikariDataSource pool;
  private JdbiCommentStore store;
  private final AtomicLong clock = new AtomicLong();

  @Setup(Level.Trial)
  public void open() {
    BenchDatabase database = BenchDatabase.of(db);
    pool = database.pool(false);
    store = database.store(pool);
    store.initialize();
    Map<ThreadKey, Integer> probe = store.counts(BenchData.SITE, List.of(BenchData.threadKey(BenchData.THREADS - 1)));
    if (probe.values().iterator().next() == 0) {
      throw new IllegalStateException("no benchmark data in " + db + ": run JdbiLoader load " + db + " first");
    }
    clock.set(Instant.parse("2030-01-01T00:00:00Z").toEpochMilli());
  }

  @TearDown(Level.Trial)
  public void close() {
    pool.close();
  }

  /** The first page of 50 top-level comments of a random thread, oldest first, with all their replies. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ThreadSlice readPage() {
    ThreadKey thread = BenchData.threadKey(ThreadLocalRandom.current().nextInt(BenchData.THREADS));
    return store.thread(new ThreadQuery(BenchData.SITE, thread, CommentSort.OLDEST, null, 50, VISIBLE));
  }

  /** The approved counts of 50 random threads, as a blog's index page asks for them. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Map<ThreadKey, Integer> counts50() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<ThreadKey> keys = new ArrayList<>(50);
    for (int i = 0; i < 50; i++) {
      keys.add(BenchData.threadKey(random.nextInt(BenchData.THREADS)));
    }
    return store.counts(BenchData.SITE, keys);
  }

  /** One new comment into a random existing thread: one transaction, one caller at a time. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public InsertResult insertOne() {
    return insertRandom();
  }

  /** New comments into random threads from four writers at once: the sustained rate. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  public InsertResult insertSustained() {
    return insertRandom();
  }

  private InsertResult insertRandom() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    ThreadInfo thread = BenchData.thread(random.nextInt(BenchData.THREADS));
    Comment c = BenchData.comment(thread, Instant.ofEpochMilli(clock.incrementAndGet()), new Random(random.nextLong()));
    return store.insert(thread, c);
  }
}
