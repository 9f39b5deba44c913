package dev.talkback.comments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.memory.InMemoryBlockStore;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.BlockStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Blocks are kept per site and checked on every post and every edit. */
class BlocksTest {
  private static final SiteId SITE_A = SiteId.of("blog-a");
  private static final SiteId SITE_B = SiteId.of("blog-b");
  private static final ThreadKey POST = ThreadKey.of("posts/hello");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
  private final InMemoryCommentStore store = new InMemoryCommentStore();
  private final FlakyBlockStore blocks = new FlakyBlockStore(new InMemoryBlockStore());
  private final Comments comments = Comments.builder().store(store).clock(clock).blockStore(blocks).build();

  private static NewComment.Builder byMallory(SiteId site, String text) {
    return NewComment.builder(POST).site(site).threadTitle("Hello")
        .author(Author.named("Mallory").withEmail("mallory@example.org")).text(text).ipHash("ip-of-mallory");
  }

  @Nested
  @DisplayName("A block on one site")
  class PerSite {
    @Test
    void block_onSiteADoesNotBlockTheSameAuthorOnSiteB() {
      PostResult onA = comments.post(byMallory(SITE_A, "first on A").build());
      comments.moderation().blockAuthorOf(SITE_A, onA.comment().id());

      assertThatThrownBy(() -> comments.post(byMallory(SITE_A, "again on A").build()))
          .isInstanceOf(CommentRejectedException.class);
      PostResult onB = comments.post(byMallory(SITE_B, "welcome on B").build());
      assertThat(onB.outcome()).isEqualTo(PostResult.Outcome.PUBLISHED);
      assertThat(comments.moderation().blocks(SITE_B)).isEmpty();
    }

    @Test
    void blockAuthorOf_blocksKeyEmailAndIpHashOfTheCommentsSite() {
      PostResult onA = comments.post(byMallory(SITE_A, "hi").build());
      List<Block> added = comments.moderation().blockAuthorOf(SITE_A, onA.comment().id());

      assertThat(added).containsExactlyInAnyOrder(Block.authorKey("email:mallory@example.org"),
          Block.email("mallory@example.org"), Block.ipHash("ip-of-mallory"));
      assertThat(comments.moderation().blocks(SITE_A)).containsExactlyInAnyOrderElementsOf(added);
    }

    @Test
    void blockAuthorOf_commentOfAnotherSiteIsNotFound() {
      PostResult onB = comments.post(byMallory(SITE_B, "hi").build());
      assertThatThrownBy(() -> comments.moderation().blockAuthorOf(SITE_A, onB.comment().id()))
          .isInstanceOf(CommentNotFoundException.class);
      assertThat(comments.moderation().blocks(SITE_A)).isEmpty();
      assertThat(comments.moderation().blocks(SITE_B)).isEmpty();
    }

    @Test
    void block_byIpHashAloneRefusesAnotherNameFromThatAddress() {
      comments.moderation().block(SITE_A, Block.ipHash("ip-of-mallory"));
      assertThatThrownBy(() -> comments.post(NewComment.builder(POST).site(SITE_A).author(Author.named("Eve"))
          .text("not me").ipHash("ip-of-mallory").build())).isInstanceOf(CommentRejectedException.class);
      assertThat(store.size()).isZero();
    }

    @Test
    void unblock_letsTheAuthorPostAgain() {
      assertThat(comments.moderation().block(SITE_A, Block.email("MALLORY@example.org"))).isTrue();
      assertThat(comments.moderation().block(SITE_A, Block.email("mallory@example.org"))).isFalse();
      assertThatThrownBy(() -> comments.post(byMallory(SITE_A, "blocked").build()))
          .isInstanceOf(CommentRejectedException.class);

      assertThat(comments.moderation().unblock(SITE_A, Block.email("mallory@example.org"))).isTrue();
      assertThat(comments.post(byMallory(SITE_A, "back").build()).outcome()).isEqualTo(PostResult.Outcome.PUBLISHED);
    }

    @Test
    void builder_eachCommentsHasItsOwnDefaultBlockStore() {
      CommentsBuilder builder = Comments.builder().store(store);
      Comments one = builder.build();
      Comments two = builder.build();
      one.moderation().block(SITE_A, Block.email("mallory@example.org"));
      assertThat(two.moderation().blocks(SITE_A)).isEmpty();
    }
  }

  @Nested
  @DisplayName("A blocked author's edits")
  class Edits {
    @Test
    void edit_byABlockedAuthorIsRefusedAndChangesNothing() {
      Comments moderated = Comments.builder().store(store).clock(clock).blockStore(blocks)
          .moderation(ModerationMode.ALL).build();
      PostResult r = moderated.post(byMallory(SITE_A, "harmless").build());
      moderated.moderation().approve(SITE_A, r.comment().id());
      moderated.moderation().blockAuthorOf(SITE_A, r.comment().id());
      clock.advance(Duration.ofMinutes(1));

      assertThatThrownBy(() -> moderated.edit(SITE_A, r.comment().id(), r.editToken().orElseThrow(), "spam now"))
          .isInstanceOfSatisfying(CommentRejectedException.class, e -> assertThat(e.code()).isEqualTo("rejected"));
      Comment stored = store.find(SITE_A, r.comment().id()).orElseThrow();
      assertThat(stored.source()).isEqualTo("harmless");
      assertThat(stored.status()).isEqualTo(CommentStatus.APPROVED);
      assertThat(moderated.moderation().pending(SITE_A, 10)).isEmpty();
    }

    @Test
    void edit_blockOnAnotherSiteDoesNotRefuseIt() {
      PostResult r = comments.post(byMallory(SITE_A, "typo").build());
      comments.moderation().block(SITE_B, Block.email("mallory@example.org"));
      assertThat(comments.edit(SITE_A, r.comment().id(), r.editToken().orElseThrow(), "fixed").source())
          .isEqualTo("fixed");
    }

    @Test
    void delete_byABlockedAuthorIsAllowed() {
      PostResult r = comments.post(byMallory(SITE_A, "regret").build());
      comments.moderation().blockAuthorOf(SITE_A, r.comment().id());
      assertThat(comments.delete(SITE_A, r.comment().id(), r.editToken().orElseThrow()).status())
          .isEqualTo(CommentStatus.DELETED);
    }
  }

  @Nested
  @DisplayName("When the block store cannot be reached")
  class Unavailable {
    @Test
    void post_isKeptButWaitsForAModerator() {
      blocks.down.set(true);
      PostResult r = comments.post(byMallory(SITE_A, "while the blocks are unreadable").build());

      assertThat(r.outcome()).isEqualTo(PostResult.Outcome.PENDING);
      assertThat(r.moderationReason()).isPresent();
      assertThat(store.find(SITE_A, r.comment().id())).isPresent();
    }

    @Test
    void edit_failsRatherThanTrustingTheAuthor() {
      PostResult r = comments.post(byMallory(SITE_A, "typo").build());
      blocks.down.set(true);
      assertThatThrownBy(() -> comments.edit(SITE_A, r.comment().id(), r.editToken().orElseThrow(), "fixed"))
          .isInstanceOf(StoreUnavailableException.class);
      assertThat(store.find(SITE_A, r.comment().id()).orElseThrow().source()).isEqualTo("typo");
    }
  }

  /** A real block store whose storage can be taken away. */
  private static final class FlakyBlockStore implements BlockStore {
    final AtomicBoolean down = new AtomicBoolean();
    private final BlockStore delegate;

    FlakyBlockStore(BlockStore delegate) {
      this.delegate = delegate;
    }

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
    public List<Block> list(SiteId site) {
      check();
      return delegate.list(site);
    }
  }
}
