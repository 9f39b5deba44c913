package dev.talkback.comments.fallback;

import static dev.talkback.comments.fallback.Fixtures.SITE;
import static dev.talkback.comments.fallback.Fixtures.THREAD;
import static dev.talkback.comments.fallback.Fixtures.comment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notification.SubscriptionRequest;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.testing.FaultyStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader's opt-in ("email me replies", "all new comments") made while the primary is down travels in the
 * comment's spool entry and is recorded when the spool is replayed, on the in-memory store; spools written
 * before entries could carry one still replay.
 */
class QueuedSubscriptionsTest {
  private static final Clock CLOCK = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
  private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");
  @TempDir Path dir;

  @Test
  @DisplayName("the spool keeps a comment's subscription request in its entry, across a reopen")
  void append_withSubscription_keptAcrossReopen() {
    Path file = dir.resolve("spool.log");
    Comment a = comment("a");
    Comment b = comment("b");
    try (FileWriteSpool spool = FileWriteSpool.open(file)) {
      assertThat(spool.append(THREAD, a, new SubscriptionRequest(true, false)).subscription())
          .isEqualTo(new SubscriptionRequest(true, false));
      assertThat(spool.append(THREAD, b).subscription()).isEqualTo(SubscriptionRequest.NONE);
    }
    try (FileWriteSpool spool = FileWriteSpool.open(file)) {
      List<WriteSpool.Entry> entries = spool.peek(10);
      assertThat(entries).extracting(WriteSpool.Entry::subscription)
          .containsExactly(new SubscriptionRequest(true, false), SubscriptionRequest.NONE);
      assertThat(entries.get(0).comment()).isEqualTo(a);
    }
  }

  @Test
  @DisplayName("an entry without a request is still written as version 1, which the previous release reads")
  void append_withoutSubscription_writesVersion1() throws Exception {
    Path file = dir.resolve("spool.log");
    try (FileWriteSpool spool = FileWriteSpool.open(file)) {
      spool.append(THREAD, comment("plain"));
      spool.append(THREAD, comment("opt-in"), new SubscriptionRequest(false, true));
    }
    byte[] bytes = Files.readAllBytes(file);
    int first = SpoolFormat.HEADER.length;
    assertThat(bytes[first + 9]).as("the first entry's version byte").isEqualTo(SpoolCodec.VERSION);
    int length = java.nio.ByteBuffer.wrap(bytes).getInt(first + 5);
    int second = first + SpoolFormat.FRAME_OVERHEAD + length;
    assertThat(bytes[second + 9]).as("the second entry's version byte").isEqualTo(SpoolCodec.VERSION_WITH_SUBSCRIPTION);
  }

  @Test
  @DisplayName("an opt-in queued while read-only is subscribed at replay, with one confirmation, even if the replay runs twice")
  void queuedOptIn_replayedTwice_oneSubscriptionEachAndOneConfirmation() throws Exception {
    InMemoryCommentStore memory = InMemoryCommentStore.withNotifications(CLOCK);
    FaultyStore primary = new FaultyStore(memory);
    NotificationStore outbox = memory.notifications().orElseThrow();
    Path file = dir.resolve("spool.log");
    Path copy = dir.resolve("spool-before-replay.log");
    Comment c = comment("tell me about replies");
    try (FallbackCommentStore store = fallback(primary, file)) {
      primary.failWrites(true);
      primary.failReads(true);
      assertThat(store.insert(THREAD, c, new SubscriptionRequest(true, true)).outcome())
          .isEqualTo(InsertResult.Outcome.QUEUED);
      assertThat(outbox.backlog()).isZero();
      // what the disk holds if the process dies after the replay stored everything but before the spool
      // recorded that: the whole entry is replayed once more
      Files.copy(file, copy);
      primary.recover();
      await(() -> store.mode() == StoreMode.READ_WRITE && store.health().spoolDepth() == 0);
    }
    assertThat(outbox.backlog()).as("the comment's event and one confirmation request").isEqualTo(2);

    Files.copy(copy, file, StandardCopyOption.REPLACE_EXISTING);
    try (FallbackCommentStore again = fallback(primary, file)) {
      await(() -> again.mode() == StoreMode.READ_WRITE && again.health().spoolDepth() == 0);
    }
    assertThat(outbox.backlog()).as("nothing new from the second replay").isEqualTo(2);

    List<OutboxMessage> due = outbox.claim("test", LATER, Duration.ofMinutes(1), 10);
    assertThat(due).extracting(OutboxMessage::kind).containsExactlyInAnyOrder(
        OutboxMessage.Kind.COMMENT_POSTED, OutboxMessage.Kind.CONFIRMATION_MAIL);
    OutboxMessage confirmation = due.stream().filter(m -> m.kind() == OutboxMessage.Kind.CONFIRMATION_MAIL)
        .findFirst().orElseThrow();
    assertThat(confirmation.dedupeKey()).as("the day the comment was posted, not the replay's")
        .endsWith(":" + Fixtures.T0.getEpochSecond() / 86_400);
    String target = Objects.requireNonNull(confirmation.target());
    assertThat(outbox.subscription(SITE, target)).get()
        .satisfies(s -> assertThat(s.email()).isEqualTo("ada@example.org"))
        .satisfies(s -> assertThat(s.created()).isEqualTo(c.created()));
    assertThat(outbox.confirm(SITE, target, LATER)).as("the replies and the thread subscription").isEqualTo(2);
    assertThat(outbox.subscribers(SITE, c.id(), THREAD.key())).extracting(s -> s.scope().name())
        .containsExactlyInAnyOrder("REPLIES", "THREAD");
  }

  @Test
  @DisplayName("a spool written by the previous release (version 1 entries) opens and replays")
  void spoolOfPreviousRelease_replays() throws Exception {
    Path file = dir.resolve("spool.log");
    try (InputStream in = QueuedSubscriptionsTest.class.getResourceAsStream("spool-v1.log")) {
      Files.copy(Objects.requireNonNull(in, "spool-v1.log"), file);
    }
    InMemoryCommentStore memory = InMemoryCommentStore.withNotifications(CLOCK);
    CommentId top = CommentId.of(UUID.fromString("0190f000-0000-7000-8000-000000000001"));
    CommentId reply = CommentId.of(UUID.fromString("0190f000-0000-7000-8000-000000000002"));
    try (FileWriteSpool spool = FileWriteSpool.open(file)) {
      assertThat(spool.peek(10)).extracting(e -> e.comment().id()).containsExactly(top, reply);
      assertThat(spool.peek(10)).extracting(WriteSpool.Entry::subscription).containsOnly(SubscriptionRequest.NONE);
    }
    try (FallbackCommentStore store = fallback(new FaultyStore(memory), file)) {
      await(() -> store.mode() == StoreMode.READ_WRITE && store.health().spoolDepth() == 0);
      assertThat(store.find(SITE, reply)).get().satisfies(r -> assertThat(r.parentId()).contains(top));
    }
    List<OutboxMessage> events = memory.notifications().orElseThrow()
        .claim("test", LATER, Duration.ofMinutes(1), 10);
    assertThat(events).extracting(OutboxMessage::commentId).containsExactlyInAnyOrder(top, reply);
  }

  /**
   * Deadlines well above a loaded machine's pauses: a replayed insert that outlived a short one would still
   * finish (and write its event) in the background after the retry found the comment stored.
   */
  private static FallbackCommentStore fallback(FaultyStore primary, Path file) {
    return FallbackCommentStore.builder().primary(primary).spool(FileWriteSpool.open(file))
        .readDeadline(Duration.ofSeconds(5)).writeDeadline(Duration.ofSeconds(5))
        .probeInterval(Duration.ofMillis(50)).clock(CLOCK).build();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(5);
    }
  }
}
