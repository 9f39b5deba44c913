package dev.talkback.benchmarks;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPage;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A thread read through {@link Comments} when the page is cached: the cost a blog pays per page view.
 * 50 comments (25 top-level, 25 replies). Target: under 1 µs. For comparison, the same read with the
 * cache disabled: what every page view would cost without it (store query and tree assembly).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CachedThreadReadBenchmark {
  private static final ThreadKey KEY = ThreadKey.of("posts/benchmark");

  private Comments comments;
  private Comments uncached;

  @Setup
  public void setUp() {
    InMemoryCommentStore store = new InMemoryCommentStore();
    comments = Comments.builder().store(store).build();
    uncached = Comments.builder().store(store).cacheMaximumWeight(0).build();
    for (int i = 0; i < 25; i++) {
      PostResult root = comments.post(NewComment.builder(KEY).author(Author.named("reader " + i))
          .text("A top-level comment number " + i + " with a few words in it.").build());
      comments.post(NewComment.builder(KEY).author(Author.named("writer")).replyTo(root.comment().id())
          .text("A reply to comment " + i + ".").build());
    }
    ThreadPage page = comments.thread(SiteId.DEFAULT, KEY, ThreadPageRequest.DEFAULT);
    if (page.totalCount() != 50) {
      throw new IllegalStateException("expected 50 comments, got " + page.totalCount());
    }
  }

  @TearDown
  public void tearDown() {
    comments.close();
    uncached.close();
  }

  @Benchmark
  public ThreadPage cachedRead() {
    return comments.thread(SiteId.DEFAULT, KEY, ThreadPageRequest.DEFAULT);
  }

  @Benchmark
  public ThreadPage uncachedRead() {
    return uncached.thread(SiteId.DEFAULT, KEY, ThreadPageRequest.DEFAULT);
  }
}
