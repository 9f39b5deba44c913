package dev.talkback.benchmarks.notify;

import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.Comments;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Posting with the outbox on and off <em>at the same time</em>: one JMH group, two writer threads posting
 * through a store with {@code notifications(false)} and two through one with {@code notifications(true)}, each
 * store on its own empty schema (or H2 file). Both sides meet the same machine load at the same moment, which
 * separate runs on a shared machine cannot promise; JMH reports each side's throughput, and their ratio is the
 * outbox's cost. The comments are those of {@link NotificationPostingBenchmark}.
 */
@State(Scope.Group)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 5, time = 10)
public class PairedPostingBenchmark {
  /** The database: postgresql or h2. */
  @Param({"postgresql", "h2"})
  public String db;

  private HikariDataSource offPool;
  private HikariDataSource onPool;
  private Comments off;
  private Comments on;

  /** Two empty schemas, two stores, two services. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    offPool = NotifyBenchDb.fresh(db, "_off");
    onPool = NotifyBenchDb.fresh(db, "_on");
    JdbiCommentStore offStore = JdbiCommentStore.builder(offPool).notifications(false).build();
    JdbiCommentStore onStore = JdbiCommentStore.builder(onPool).notifications(true).build();
    offStore.initialize();
    onStore.initialize();
    off = Comments.builder().store(offStore).build();
    on = Comments.builder().store(onStore).build();
  }

  /** Closes both. */
  @TearDown(Level.Trial)
  public void close() {
    off.close();
    on.close();
    offPool.close();
    onPool.close();
  }

  /**
   * A post with the outbox off.
   *
   * @return the result
   */
  @Benchmark
  @Group("pair")
  @GroupThreads(2)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public PostResult outboxOff() {
    return off.post(NotificationPostingBenchmark.randomComment());
  }

  /**
   * A post with the outbox on.
   *
   * @return the result
   */
  @Benchmark
  @Group("pair")
  @GroupThreads(2)
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public PostResult outboxOn() {
    return on.post(NotificationPostingBenchmark.randomComment());
  }
}
