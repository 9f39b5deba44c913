package dev.talkback.comments.testkit;

import static dev.talkback.comments.testkit.ContractContext.APPROVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.ThreadKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Liking a comment: one like per client; unknown comments; {@code TOP} order follows likes.
 *
 * <p>A group of {@link CommentStoreContract} (tag {@code contract-likes}). Its tests are default methods
 * that take a {@link ContractContext}: implement this interface in a {@code @Nested} class of a
 * {@link StoreFixture} to run the group alone.
 */
@Tag("contract")
@Tag("contract-likes")
@DisplayName("Liking a comment")
@ExtendWith(ContractExtension.class)
public interface LikesContract {

  /**
   * A client's second like changes nothing; another client's like counts.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a client's second like changes nothing; another client's like counts")
  default void like_isIdempotentPerClient(ContractContext kit) {
    Comment c = kit.insert(kit.newComment(kit.newThread()));

    assertThat(kit.store().like(kit.site(), c.id(), "client-a")).isEqualTo(1);
    assertThat(kit.store().like(kit.site(), c.id(), "client-a")).isEqualTo(1);
    assertThat(kit.store().like(kit.site(), c.id(), "client-b")).isEqualTo(2);

    assertThat(kit.reload(c).likes()).isEqualTo(2);
  }

  /**
   * Many clients' likes at once count each client once, with the likes given before and a repeated key;
   * an unknown comment throws CommentNotFoundException and nothing else changes.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("likeAll counts each client once, with earlier likes and repeated keys")
  default void likeAll_countsEachClientOnce(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Comment c = kit.insert(kit.newComment(thread));
    Comment other = kit.insert(kit.newComment(thread));
    kit.store().like(kit.site(), c.id(), "client-a");

    kit.store().likeAll(kit.site(), c.id(), java.util.List.of("client-a", "client-b", "client-c", "client-b"));
    assertThat(kit.reload(c).likes()).isEqualTo(3);
    kit.store().likeAll(kit.site(), c.id(), java.util.List.of("client-c", "client-d"));
    assertThat(kit.reload(c).likes()).isEqualTo(4);
    assertThat(kit.store().like(kit.site(), c.id(), "client-d")).as("likeAll's clients are like()'s").isEqualTo(4);
    kit.store().likeAll(kit.site(), c.id(), java.util.List.of());
    assertThat(kit.reload(c).likes()).isEqualTo(4);
    // a key with a trailing space is another client in the contract (MariaDB's PAD SPACE must not merge it)
    kit.store().likeAll(kit.site(), other.id(), java.util.List.of("x", "x "));
    assertThat(kit.reload(other).likes()).isBetween(1, 2);

    CommentId unknown = kit.newId();
    assertThatThrownBy(() -> kit.store().likeAll(kit.site(), unknown, java.util.List.of("client-a")))
        .isInstanceOfSatisfying(CommentNotFoundException.class, e -> assertThat(e.id()).isEqualTo(unknown));
    assertThat(kit.reload(c).likes()).isEqualTo(4);
  }

  /**
   * One client may like many comments, each once.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("one client may like many comments, each once")
  default void like_sameClientManyComments_countsEach(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Comment a = kit.insert(kit.newComment(thread));
    Comment b = kit.insert(kit.reply(a));

    kit.store().like(kit.site(), a.id(), "client");
    kit.store().like(kit.site(), b.id(), "client");

    assertThat(kit.reload(a).likes()).isEqualTo(1);
    assertThat(kit.reload(b).likes()).isEqualTo(1);
  }

  /**
   * Liking an unknown comment throws CommentNotFoundException.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("liking an unknown comment throws CommentNotFoundException")
  default void like_unknownComment_throwsNotFound(ContractContext kit) {
    CommentId unknown = kit.newId();

    assertThatThrownBy(() -> kit.store().like(kit.site(), unknown, "client"))
        .isInstanceOfSatisfying(CommentNotFoundException.class, e -> assertThat(e.id()).isEqualTo(unknown));
  }

  /**
   * TOP order follows likes, most liked first, ties oldest first.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("TOP order follows likes, most liked first, ties oldest first")
  default void thread_topOrder_followsLikes(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Comment oldest = kit.insert(kit.newComment(thread));
    Comment second = kit.insert(kit.newComment(thread));
    Comment third = kit.insert(kit.newComment(thread));
    Comment newest = kit.insert(kit.newComment(thread));
    likes(kit, third, 3);
    likes(kit, oldest, 1);
    likes(kit, newest, 1);

    assertThat(kit.ids(kit.page(thread, CommentSort.TOP, null, 10, APPROVED).roots()))
        .containsExactly(third.id(), oldest.id(), newest.id(), second.id());

    likes(kit, second, 4);

    assertThat(kit.ids(kit.page(thread, CommentSort.TOP, null, 10, APPROVED).roots()))
        .containsExactly(second.id(), third.id(), oldest.id(), newest.id());
    assertThat(kit.ids(kit.walk(thread, CommentSort.TOP, 1, APPROVED)))
        .containsExactly(second.id(), third.id(), oldest.id(), newest.id());
  }

  private void likes(ContractContext kit, Comment c, int n) {
    for (int i = 0; i < n; i++) {
      kit.store().like(kit.site(), c.id(), "client-" + i);
    }
  }
}
