package dev.talkback.comments.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.testkit.Await;
import dev.talkback.comments.testkit.FaultInjectingStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TalkbackMetricsTest {
  @TempDir
  Path dir;

  private static NewComment comment(String text) {
    return NewComment.builder(ThreadKey.of("hello")).threadTitle("Hello").author(Author.named("Ada")).text(text).build();
  }

  @Test
  void withoutSpring_postsReadsModeChangesSpoolAndReplay() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicReference<Comments> ref = new AtomicReference<>();
    TalkbackMetrics metrics = new TalkbackMetrics(ref::get);
    FaultInjectingStore db = new FaultInjectingStore(new InMemoryCommentStore());
    FallbackCommentStore store = FallbackCommentStore.builder().primary(db)
        .spool(FileWriteSpool.open(dir.resolve("spool"))).readDeadline(Duration.ofMillis(500))
        .writeDeadline(Duration.ofMillis(500)).probeInterval(Duration.ofMillis(100)).listener(metrics).build();
    try (Comments comments = Comments.builder().store(store).listener(metrics).build()) {
      ref.set(comments);
      metrics.bindTo(registry);
      comments.post(comment("one"));
      ThreadPageRequest first = ThreadPageRequest.first(CommentSort.OLDEST, 10);
      comments.thread(SiteId.DEFAULT, ThreadKey.of("hello"), first);
      comments.thread(SiteId.DEFAULT, ThreadKey.of("hello"), first);
      assertThat(registry.get("talkback.comments.posted").tag("status", "approved").counter().count()).isEqualTo(1);
      assertThat(registry.get("talkback.cache.requests").tag("result", "hit").functionCounter().count())
          .isGreaterThanOrEqualTo(1);

      db.failReads(true);
      db.failWrites(true);
      comments.post(comment("queued"));
      assertThat(registry.get("talkback.fallback.mode.changes").tag("to", "read_only").counter().count()).isEqualTo(1);
      assertThat(registry.get("talkback.fallback.queued").counter().count()).isEqualTo(1);
      assertThat(registry.get("talkback.fallback.spool.depth").gauge().value()).isEqualTo(1);
      assertThat(registry.get("talkback.store.read_only").gauge().value()).isEqualTo(1);

      db.recover();
      Await.until(Duration.ofSeconds(20), "replayed",
          () -> registry.find("talkback.fallback.replayed").tag("result", "stored").counter() != null
              && registry.get("talkback.fallback.replayed").tag("result", "stored").counter().count() == 1);
      Await.until(Duration.ofSeconds(20), "read-write", () -> registry.get("talkback.store.read_only").gauge().value() == 0);
      assertThat(registry.get("talkback.fallback.mode.changes").tag("to", "read_write").counter().count()).isEqualTo(1);
    } finally {
      store.close();
    }
  }

  @Test
  void starter_registersTheBinder_commentsHearThroughIt() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TalkbackAutoConfiguration.class))
        .withBean(InMemoryCommentStore.class)
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(TalkbackMetrics.class);
          SimpleMeterRegistry registry = new SimpleMeterRegistry();
          context.getBean(TalkbackMetrics.class).bindTo(registry);
          context.getBean(Comments.class).post(comment("counted"));
          assertThat(registry.get("talkback.comments.posted").tag("status", "approved").counter().count())
              .isEqualTo(1);
          assertThat(registry.get("talkback.store.read_only").gauge().value()).isZero();
        });
  }
}
