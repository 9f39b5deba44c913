package dev.talkback.comments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.memory.InMemoryBlockStore;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.BlockStore;
import dev.talkback.comments.testing.FaultyStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comments posted while the database is down are queued in the spool with the checks that need the database
 * only guessed (from a replica, or not at all): they wait, and are checked again against the database once the
 * spool is replayed (issue 13).
 */
class OutageRecheckTest {
  private static final SiteId SITE = SiteId.DEFAULT;
  private static final ThreadKey POST = ThreadKey.of("posts/outage");
  private static final ThreadInfo THREAD = new ThreadInfo(SITE, POST, "Outage", null, false);
  private static final Duration DEADLINE = Duration.ofMillis(300);

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
  private final FaultyStore primary = new FaultyStore();
  private final InMemoryCommentStore staleReplica = new InMemoryCommentStore();
  private final FlakyBlocks blocks = new FlakyBlocks();
  private FallbackCommentStore store;
  private Comments comments;

  @AfterEach
  void close() {
    primary.recover();
    if (comments != null) {
      comments.close();
    }
  }

  private static Author author(String name) {
    return Author.named(name).withEmail(name.toLowerCase(java.util.Locale.ROOT) + "@example.org");
  }

  private static Comment stored(Author a, CommentStatus status) {
    return Comment.builder().id(CommentId.of(UUID.randomUUID())).site(SITE).thread(POST).author(a)
        .source("earlier").format(Format.PLAIN).html("<p>earlier</p>").status(status)
        .created(Instant.parse("2026-04-01T10:00:00Z")).build();
  }

  private PostResult post(Author a, String text) {
    return comments.post(NewComment.builder(POST).author(a).text(text).ipHash("ip-" + a.name()).build());
  }

  private CommentStatus statusOf(PostResult r) {
    return comments.find(SITE, r.comment().id()).orElseThrow().status();
  }

  @Test
  @DisplayName("after the replay a first-time author (whom a stale replica trusted) stays pending, a blocked"
      + " author's comment becomes spam, a trusted author's is published")
  void queuedComments_checkedAgainAfterReplay() throws Exception {
    // the database: Grace is trusted; Mallory's one approved comment was since marked as spam; Eve is blocked
    primary.insert(THREAD, stored(author("Grace"), CommentStatus.APPROVED));
    Comment mallorysOld = stored(author("Mallory"), CommentStatus.APPROVED);
    primary.insert(THREAD, mallorysOld.toBuilder().status(CommentStatus.SPAM).build());
    blocks.add(SITE, Block.email("eve@example.org"));
    // a replica that missed the last change: it still thinks Mallory has an approved comment
    staleReplica.insert(THREAD, mallorysOld);

    store = FallbackCommentStore.builder().primary(primary).replica(staleReplica)
        .spool(FileWriteSpool.open(dir.resolve("spool.log"))).readDeadline(DEADLINE).writeDeadline(DEADLINE)
        .probeInterval(Duration.ofMillis(50)).clock(clock).build();
    comments = Comments.builder().store(store).clock(clock).moderation(ModerationMode.FIRST_TIME).blockStore(blocks)
        .build();

    primary.failReads(true);
    primary.failWrites(true);
    await("the store is read-only", () -> {
      comments.threadInfo(SITE, POST);
      return store.mode() == StoreMode.READ_ONLY;
    });

    // the attack: a first-time author the stale replica trusts posts during the outage
    PostResult mallory = post(author("Mallory"), "buy my stuff");
    PostResult grace = post(author("Grace"), "back soon, I hope");
    PostResult newcomer = post(author("Newt"), "first time here");
    blocks.down.set(true);
    PostResult eve = post(author("Eve"), "blocked, but the blocklist cannot be read");
    blocks.down.set(false);
    for (PostResult r : new PostResult[] {mallory, grace, newcomer, eve}) {
      assertThat(r.outcome()).isEqualTo(PostResult.Outcome.QUEUED);
    }
    assertThat(mallory.moderationReason()).hasValueSatisfying(m -> assertThat(m).contains("checked again"));

    primary.recover();
    await("the spool is replayed and the store takes writes", () -> store.mode() == StoreMode.READ_WRITE
        && store.health().spoolDepth() == 0);
    comments.thread(SITE, POST, ThreadPageRequest.DEFAULT); // the next call after the replay runs the checks

    assertThat(statusOf(mallory)).as("still a first-time author").isEqualTo(CommentStatus.PENDING);
    assertThat(statusOf(newcomer)).isEqualTo(CommentStatus.PENDING);
    assertThat(statusOf(eve)).as("blocks checked again").isEqualTo(CommentStatus.SPAM);
    assertThat(statusOf(grace)).as("a trusted author passes").isEqualTo(CommentStatus.APPROVED);
    assertThat(comments.thread(SITE, POST, ThreadPageRequest.DEFAULT).comments())
        .extracting(n -> n.comment().source()).containsExactlyInAnyOrder("earlier", "back soon, I hope");
  }

  @Test
  @DisplayName("with moderation off, a comment queued during the outage is published only after the replay and"
      + " the checks")
  void moderationOff_publishedAfterChecks() throws Exception {
    store = FallbackCommentStore.builder().primary(primary).spool(FileWriteSpool.open(dir.resolve("spool.log")))
        .readDeadline(DEADLINE).writeDeadline(DEADLINE).probeInterval(Duration.ofMillis(50)).clock(clock).build();
    comments = Comments.builder().store(store).clock(clock).blockStore(blocks).build();
    primary.failReads(true);
    primary.failWrites(true);
    blocks.down.set(true);
    PostResult r = post(author("Ada"), "queued while down");
    assertThat(r.outcome()).isEqualTo(PostResult.Outcome.QUEUED);
    assertThat(r.comment().status()).isEqualTo(CommentStatus.PENDING);
    primary.recover();
    blocks.down.set(false);
    await("the spool is replayed", () -> store.mode() == StoreMode.READ_WRITE && store.health().spoolDepth() == 0);
    await("the comment is published after its checks", () -> comments.thread(SITE, POST, ThreadPageRequest.DEFAULT)
        .totalCount() == 1);
    assertThat(statusOf(r)).isEqualTo(CommentStatus.APPROVED);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  /** The site's blocks, in memory, unreachable on command (the block table of a database that is down). */
  private static final class FlakyBlocks implements BlockStore {
    final AtomicBoolean down = new AtomicBoolean();
    private final InMemoryBlockStore delegate = new InMemoryBlockStore();

    private void check() {
      if (down.get()) {
        throw new StoreUnavailableException("the block table cannot be reached", null);
      }
    }

    @Override
    public boolean add(SiteId site, Block block) {
      check();
      return delegate.add(site, block);
    }

    @Override
    public boolean remove(SiteId site, Block block) {
      check();
      return delegate.remove(site, block);
    }

    @Override
    public boolean anyBlocked(SiteId site, Collection<Block> candidates) {
      check();
      return delegate.anyBlocked(site, candidates);
    }

    @Override
    public java.util.List<Block> list(SiteId site) {
      check();
      return delegate.list(site);
    }
  }
}
