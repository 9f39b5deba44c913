package dev.talkback.comments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.memory.InMemoryCommentStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ModerationAndSettingsTest {
  private static final SiteId SITE = SiteId.DEFAULT;
  private static final ThreadKey POST = ThreadKey.of("posts/hello");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
  private final InMemoryCommentStore store = new InMemoryCommentStore();
  private final Comments comments = Comments.builder().store(store).clock(clock)
      .moderation(ModerationMode.ALL).editWindow(Duration.ofMinutes(7)).maxDepth(3)
      .contentPolicy(ContentPolicy.builder().excerptLength(12).build()).build();

  private PostResult post(String author, String text) {
    return comments.post(NewComment.builder(POST).author(Author.named(author).withUserId(author)).text(text).build());
  }

  @Nested
  @DisplayName("The moderation view")
  class View {
    @Test
    void moderation_isOneViewPerComments() {
      assertThat(comments.moderation()).isSameAs(comments.moderation());
    }

    @Test
    void pending_listsTheQueueNewestFirstAndApproveEmptiesIt() {
      PostResult first = post("ada", "one");
      clock.advance(Duration.ofSeconds(1));
      PostResult second = post("bo", "two");
      assertThat(comments.moderation().pending(SITE, 10)).extracting(Comment::id)
          .containsExactly(second.comment().id(), first.comment().id());

      comments.moderation().approve(SITE, first.comment().id());
      assertThat(comments.moderation().pending(SITE, 10)).extracting(Comment::id)
          .containsExactly(second.comment().id());
      assertThat(comments.counts(SITE, java.util.List.of(POST))).containsEntry(POST, 1);
    }

    @Test
    void remove_deletesWhateverTheEditWindowAndApproveAgainIsIdempotent() {
      PostResult r = post("ada", "bye");
      clock.advance(Duration.ofHours(1));
      assertThat(comments.moderation().remove(SITE, r.comment().id()).status()).isEqualTo(CommentStatus.DELETED);
      Comment restored = comments.moderation().restore(SITE, r.comment().id());
      assertThat(comments.moderation().approve(SITE, r.comment().id())).isEqualTo(restored);
    }

    @Test
    void byAuthor_findsEveryStatusOfOneAuthor() {
      PostResult a = post("ada", "mine");
      post("bo", "theirs");
      comments.moderation().markSpam(SITE, a.comment().id());
      assertThat(comments.moderation().byAuthor(SITE, "user:ada", 10)).extracting(Comment::id)
          .containsExactly(a.comment().id());
    }

    @Test
    void byStatus_limitOutOfRangeIsAProgrammingError() {
      assertThatThrownBy(() -> comments.moderation().byStatus(SITE, CommentStatus.SPAM, 0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> comments.moderation().pending(SITE, 1001))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  @DisplayName("The settings")
  class Settings {
    @Test
    void settings_tellWhatTheBuilderWasGiven() {
      CommentsSettings s = comments.settings();
      assertThat(s.clock()).isSameAs(clock);
      assertThat(s.editWindow()).isEqualTo(Duration.ofMinutes(7));
      assertThat(s.moderationMode()).isEqualTo(ModerationMode.ALL);
      assertThat(s.maxDepth()).isEqualTo(3);
      assertThat(s.contentPolicy().excerptLength()).isEqualTo(12);
    }

    @Test
    void editableUntil_isCreationPlusTheWindow() {
      PostResult r = post("ada", "mine");
      assertThat(comments.settings().editableUntil(r.comment()))
          .isEqualTo(r.comment().created().plus(Duration.ofMinutes(7)));
    }

    @Test
    void excerpt_followsThePolicyLength() {
      PostResult r = post("ada", "The quick brown fox jumps");
      assertThat(comments.settings().contentPolicy().excerpt(r.comment())).isEqualTo("The quick…");
    }
  }
}
