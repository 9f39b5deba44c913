package dev.talkback.comments.testkit;

import static dev.talkback.comments.testkit.ContractContext.ALL_STATUSES;
import static dev.talkback.comments.testkit.ContractContext.APPROVED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.ThreadSlice;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replies come with their top-level comments: replies at any depth come with their root, none of roots
 * not on the page; the statuses asked for filter roots and replies alike; the limit counts returned roots.
 *
 * <p>A group of {@link CommentStoreContract} (tag {@code contract-threading}). Its tests are default methods
 * that take a {@link ContractContext}: implement this interface in a {@code @Nested} class of a
 * {@link StoreFixture} to run the group alone.
 */
@Tag("contract")
@Tag("contract-threading")
@DisplayName("Replies come with their top-level comments")
@ExtendWith(ContractExtension.class)
public interface ThreadingContract {

  /**
   * Every reply at any depth comes with its top-level comment.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("every reply at any depth comes with its top-level comment")
  default void thread_repliesAtAnyDepth_comeWithTheirRoot(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Comment root1 = kit.insert(kit.newComment(thread));
    Comment root2 = kit.insert(kit.newComment(thread));
    Comment root3 = kit.insert(kit.newComment(thread));
    Comment r1a = kit.insert(kit.reply(root1));
    Comment r1b = kit.insert(kit.reply(r1a));
    Comment r1c = kit.insert(kit.reply(r1b));
    Comment r2a = kit.insert(kit.reply(root2));
    Comment r1d = kit.insert(kit.reply(root1));

    ThreadSlice slice = kit.page(thread, CommentSort.OLDEST, null, 10, ALL_STATUSES);

    assertThat(kit.ids(slice.roots())).containsExactly(root1.id(), root2.id(), root3.id());
    assertThat(slice.replies()).containsExactlyInAnyOrder(r1a, r1b, r1c, r2a, r1d);
  }

  /**
   * Replies of top-level comments that are not on the page are not returned.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("replies of top-level comments that are not on the page are not returned")
  default void thread_repliesOfOtherPages_areNotReturned(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Comment root1 = kit.insert(kit.newComment(thread));
    Comment root2 = kit.insert(kit.newComment(thread));
    Comment r1a = kit.insert(kit.reply(root1));
    Comment r1b = kit.insert(kit.reply(r1a));
    Comment r2a = kit.insert(kit.reply(root2));

    ThreadSlice first = kit.page(thread, CommentSort.OLDEST, null, 1, ALL_STATUSES);
    ThreadSlice second = kit.page(thread, CommentSort.OLDEST, kit.keysetAfter(CommentSort.OLDEST, root1), 1, ALL_STATUSES);
    ThreadSlice newestFirst = kit.page(thread, CommentSort.NEWEST, null, 1, ALL_STATUSES);

    assertThat(kit.ids(first.roots())).containsExactly(root1.id());
    assertThat(first.replies()).containsExactlyInAnyOrder(r1a, r1b);
    assertThat(kit.ids(second.roots())).containsExactly(root2.id());
    assertThat(second.replies()).containsExactly(r2a);
    assertThat(kit.ids(newestFirst.roots())).containsExactly(root2.id());
    assertThat(newestFirst.replies()).containsExactly(r2a);
  }

  /**
   * The statuses asked for filter top-level comments and replies alike.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("the statuses asked for filter top-level comments and replies alike")
  default void thread_statuses_filterRootsAndReplies(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Comment approvedRoot = kit.insert(kit.newComment(thread));
    Comment approvedReply = kit.insert(kit.reply(approvedRoot));
    Comment pendingReply = kit.insert(kit.replyBuilder(approvedRoot).status(CommentStatus.PENDING).build());
    Comment spamReply = kit.insert(kit.replyBuilder(approvedRoot).status(CommentStatus.SPAM).build());
    Comment deletedReply = kit.insert(kit.replyBuilder(approvedRoot).status(CommentStatus.DELETED).build());
    Comment approvedBelowDeleted = kit.insert(kit.reply(deletedReply));
    Comment pendingRoot = kit.insert(kit.commentBuilder(thread).status(CommentStatus.PENDING).build());
    Comment approvedUnderPending = kit.insert(kit.reply(pendingRoot));
    Comment deletedRoot = kit.insert(kit.commentBuilder(thread).status(CommentStatus.DELETED).build());

    ThreadSlice reader = kit.page(thread, CommentSort.OLDEST, null, 10, APPROVED);
    ThreadSlice withTombstones = kit.page(thread, CommentSort.OLDEST, null, 10, EnumSet.of(CommentStatus.APPROVED, CommentStatus.DELETED));
    ThreadSlice moderator = kit.page(thread, CommentSort.OLDEST, null, 10, ALL_STATUSES);
    ThreadSlice pendingOnly = kit.page(thread, CommentSort.OLDEST, null, 10, Set.of(CommentStatus.PENDING));

    assertThat(kit.ids(reader.roots())).containsExactly(approvedRoot.id());
    assertThat(reader.replies()).containsExactlyInAnyOrder(approvedReply, approvedBelowDeleted);
    assertThat(kit.ids(withTombstones.roots())).containsExactly(approvedRoot.id(), deletedRoot.id());
    assertThat(withTombstones.replies())
        .containsExactlyInAnyOrder(approvedReply, deletedReply, approvedBelowDeleted);
    assertThat(kit.ids(moderator.roots())).containsExactly(approvedRoot.id(), pendingRoot.id(), deletedRoot.id());
    assertThat(moderator.replies()).containsExactlyInAnyOrder(approvedReply, pendingReply, spamReply,
        deletedReply, approvedBelowDeleted, approvedUnderPending);
    assertThat(kit.ids(pendingOnly.roots())).containsExactly(pendingRoot.id());
    assertThat(pendingOnly.replies()).isEmpty();
  }

  /**
   * The limit counts top-level comments that pass the status filter.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("the limit counts top-level comments that pass the status filter")
  default void thread_limit_countsOnlyReturnedRoots(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Comment a = kit.insert(kit.newComment(thread));
    kit.insert(kit.commentBuilder(thread).status(CommentStatus.SPAM).build());
    kit.insert(kit.commentBuilder(thread).status(CommentStatus.PENDING).build());
    Comment b = kit.insert(kit.newComment(thread));
    kit.insert(kit.newComment(thread));

    ThreadSlice slice = kit.page(thread, CommentSort.OLDEST, null, 2, APPROVED);

    assertThat(kit.ids(slice.roots())).containsExactly(a.id(), b.id());
  }

  /**
   * A thread nobody commented on is an empty page.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a thread nobody commented on is an empty page")
  default void thread_unknown_isEmpty(ContractContext kit) {
    kit.insert(kit.newComment(kit.newThread()));

    ThreadSlice slice = kit.page(kit.newThread(), CommentSort.NEWEST, null, 10, ALL_STATUSES);

    assertThat(slice.roots()).isEmpty();
    assertThat(slice.replies()).isEmpty();
  }

  /**
   * Threads do not mix.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("threads do not mix")
  default void thread_otherThreads_doNotMix(ContractContext kit) {
    ThreadKey one = kit.newThread();
    ThreadKey two = kit.newThread();
    Comment inOne = kit.insert(kit.newComment(one));
    Comment replyInOne = kit.insert(kit.reply(inOne));
    Comment inTwo = kit.insert(kit.newComment(two));

    ThreadSlice slice = kit.page(two, CommentSort.OLDEST, null, 10, ALL_STATUSES);

    assertThat(kit.ids(slice.roots())).containsExactly(inTwo.id());
    assertThat(slice.replies()).doesNotContain(replyInOne).isEmpty();
  }
}
