package dev.talkback.benchmarks.notify;

import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
 * Posting throughput with the notification outbox on and off (issue 10: "on within 10% of off"): {@code
 * Comments.post} of a 300-character comment with an author's address into one of 100 threads, by four
 * writers, through the JDBI store built with {@code notifications(true)} or {@code (false)}, on an empty
 * schema per trial. With the outbox on, each post also writes its {@code COMMENT_POSTED} event row in the same
 * transaction; no sender runs (it works outside the request, on its own schedule).
 *
 * <p>Run on and off in separate, alternating invocations on a shared machine (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class NotificationPostingBenchmark {
  private static final String TEXT = "I tried this on my own blog and it worked, mostly. The part about caching "
      + "surprised me: a stale page is better than no page when the database is away. Two questions, though: "
      + "how does it behave with 10k comments on one post, and does the replay keep the timestamps?";

  /** The database: postgresql or h2. */
  @Param({"postgresql", "h2"})
  public String db;

  /** The outbox: on or off. */
  @Param({"off", "on"})
  public String notifications;

  private HikariDataSource pool;
  private Comments comments;

  /** An empty schema, the store and the service. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    pool = NotifyBenchDb.fresh(db);
    JdbiCommentStore store = JdbiCommentStore.builder(pool).notifications(notifications.equals("on")).build();
    store.initialize();
    comments = Comments.builder().store(store).build();
  }

  /** Closes the service and the pool. */
  @TearDown(Level.Trial)
  public void close() {
    comments.close();
    pool.close();
  }

  /**
   * One new comment by four writers at once.
   *
   * @return the result
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  public PostResult post() {
    return comments.post(randomComment());
  }

  /** A 300-character comment with an author's address, into one of 100 threads. */
  static NewComment randomComment() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int thread = random.nextInt(100);
    return NewComment.builder(ThreadKey.of("posts/notify-bench-" + thread))
        .threadTitle("Benchmark post " + thread)
        .threadUrl("https://blog.example/notify-bench-" + thread)
        .author(Author.named("Reader " + random.nextInt(1000)).withEmail("reader" + random.nextInt(1000)
            + "@example.org"))
        .text(TEXT)
        .build();
  }
}
