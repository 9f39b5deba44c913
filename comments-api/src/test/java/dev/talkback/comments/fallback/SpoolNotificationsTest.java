package dev.talkback.comments.fallback;

import static dev.talkback.comments.fallback.Fixtures.SITE;
import static dev.talkback.comments.fallback.Fixtures.THREAD;
import static dev.talkback.comments.fallback.Fixtures.comment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.testing.FaultyStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comments queued in the spool while the primary is down write their notification events when replayed. */
class SpoolNotificationsTest {
  private static final Clock CLOCK = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
  @TempDir Path dir;

  @Test
  void queuedComments_makeTheirEventsOnReplay_exactlyOnce() throws InterruptedException {
    FaultyStore primary = new FaultyStore(InMemoryCommentStore.withNotifications(CLOCK));
    try (FallbackCommentStore store = FallbackCommentStore.builder().primary(primary)
        .spool(FileWriteSpool.open(dir.resolve("spool.log"))).readDeadline(Duration.ofMillis(300))
        .writeDeadline(Duration.ofMillis(300)).probeInterval(Duration.ofMillis(50)).clock(CLOCK).build()) {
      NotificationStore outbox = store.notifications().orElseThrow();
      primary.failWrites(true);
      primary.failReads(true);
      List<Comment> queued = List.of(comment("a"), comment("b"));
      queued.forEach(c -> assertThat(store.insert(THREAD, c).outcome()).isEqualTo(InsertResult.Outcome.QUEUED));
      assertThat(outbox.backlog()).as("nothing stored, so no events yet").isZero();

      primary.recover();
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (store.mode() != StoreMode.READ_WRITE) {
        if (System.nanoTime() > end) {
          throw new AssertionError("not read-write again");
        }
        Thread.sleep(5);
      }

      List<OutboxMessage> events = outbox.claim("test", Instant.parse("2100-01-01T00:00:00Z"), Duration.ofMinutes(1),
          100);
      assertThat(events).extracting(OutboxMessage::kind).containsOnly(OutboxMessage.Kind.COMMENT_POSTED);
      assertThat(events).extracting(OutboxMessage::commentId)
          .containsExactlyInAnyOrderElementsOf(queued.stream().map(Comment::id).toList());
      assertThat(events).allMatch(m -> m.site().equals(SITE));
    }
  }
}
