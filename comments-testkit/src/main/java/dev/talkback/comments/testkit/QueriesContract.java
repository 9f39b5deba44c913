package dev.talkback.comments.testkit;

import static dev.talkback.comments.testkit.ContractContext.APPROVED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The moderation queue, author history, trust and thread info: {@code byStatus} and {@code byAuthor}
 * newest first with a limit, following status changes; {@code hasApproved}; {@code saveThread} and
 * {@code threadInfo}.
 *
 * <p>A group of {@link CommentStoreContract} (tag {@code contract-queries}). Its tests are default methods
 * that take a {@link ContractContext}: implement this interface in a {@code @Nested} class of a
 * {@link StoreFixture} to run the group alone.
 */
@Tag("contract")
@Tag("contract-queries")
@DisplayName("Moderation queue, author history, trust and thread info")
@ExtendWith(ContractExtension.class)
public interface QueriesContract {

  /**
   * ByStatus lists a site's comments of one status, newest first, up to the limit.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("byStatus lists a site's comments of one status, newest first, up to the limit")
  default void byStatus_newestFirstWithLimit(ContractContext kit) {
    ThreadKey one = kit.newThread();
    ThreadKey two = kit.newThread();
    Comment p1 = kit.insert(kit.commentBuilder(one).status(CommentStatus.PENDING).build());
    Comment a1 = kit.insert(kit.newComment(one));
    Comment p2 = kit.insert(kit.commentBuilder(two).status(CommentStatus.PENDING).build());
    Comment p3 = kit.insert(kit.replyBuilder(a1).status(CommentStatus.PENDING).build());
    kit.insert(kit.commentBuilder(two).status(CommentStatus.SPAM).build());
    Comment p4 = kit.insert(kit.commentBuilder(two).status(CommentStatus.PENDING).build());

    assertThat(kit.store().byStatus(kit.site(), CommentStatus.PENDING, 10)).containsExactly(p4, p3, p2, p1);
    assertThat(kit.store().byStatus(kit.site(), CommentStatus.PENDING, 2)).containsExactly(p4, p3);
    assertThat(kit.store().byStatus(kit.site(), CommentStatus.APPROVED, 10)).containsExactly(a1);
    assertThat(kit.store().byStatus(kit.site(), CommentStatus.DELETED, 10)).isEmpty();
  }

  /**
   * ByStatus follows status changes.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("byStatus follows status changes")
  default void byStatus_followsUpdates(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Comment p1 = kit.insert(kit.commentBuilder(thread).status(CommentStatus.PENDING).build());
    Comment p2 = kit.insert(kit.commentBuilder(thread).status(CommentStatus.PENDING).build());
    Comment a1 = kit.insert(kit.newComment(thread));

    Comment approved = kit.moderate(p2, CommentStatus.APPROVED);

    assertThat(kit.store().byStatus(kit.site(), CommentStatus.PENDING, 10)).containsExactly(p1);
    assertThat(kit.store().byStatus(kit.site(), CommentStatus.APPROVED, 10)).containsExactly(a1, approved);
  }

  /**
   * ByAuthor lists an author's comments of any status, newest first, up to the limit.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("byAuthor lists an author's comments of any status, newest first, up to the limit")
  default void byAuthor_newestFirstAnyStatus(ContractContext kit) {
    Author grace = new Author("Grace", "grace@example.org", null, "42");
    Author graceByEmail = new Author("Grace H.", "Grace@Example.ORG", null, null);
    ThreadKey one = kit.newThread();
    ThreadKey two = kit.newThread();
    Comment g1 = kit.insert(kit.commentBuilder(one).author(grace).build());
    kit.insert(kit.commentBuilder(one).author(Author.named("Someone else")).build());
    Comment g2 = kit.insert(kit.commentBuilder(two).author(grace).status(CommentStatus.PENDING).build());
    Comment e1 = kit.insert(kit.commentBuilder(two).author(graceByEmail).build());
    Comment g3 = kit.insert(kit.replyBuilder(g1).author(grace).status(CommentStatus.SPAM).build());

    assertThat(kit.store().byAuthor(kit.site(), "user:42", 10)).containsExactly(g3, g2, g1);
    assertThat(kit.store().byAuthor(kit.site(), "user:42", 2)).containsExactly(g3, g2);
    assertThat(kit.store().byAuthor(kit.site(), "email:grace@example.org", 10)).containsExactly(e1);
    assertThat(kit.store().byAuthor(kit.site(), "user:43", 10)).isEmpty();
  }

  /**
   * HasApproved is true only while the author has an approved comment.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("hasApproved is true only while the author has an approved comment")
  default void hasApproved_followsTheAuthorsApprovedComments(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Author author = Author.named("Linus").withEmail("linus@example.org");
    String key = "email:linus@example.org";
    Comment pending = kit.insert(kit.commentBuilder(thread).author(author).status(CommentStatus.PENDING).build());
    kit.insert(kit.newComment(thread));
    assertThat(kit.store().hasApproved(kit.site(), key)).as("with only a pending comment").isFalse();

    Comment approved = kit.moderate(pending, CommentStatus.APPROVED);
    assertThat(kit.store().hasApproved(kit.site(), key)).as("after approval").isTrue();

    kit.moderate(approved, CommentStatus.SPAM);
    assertThat(kit.store().hasApproved(kit.site(), key)).as("after marking it spam").isFalse();
    assertThat(kit.store().hasApproved(kit.site(), "email:nobody@example.org")).as("an unknown author").isFalse();
  }

  /**
   * SaveThread creates and replaces a thread's title, URL and closed flag.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("saveThread creates and replaces a thread's title, URL and closed flag")
  default void saveThread_roundTrips(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    ThreadInfo created = new ThreadInfo(kit.site(), thread, "Première – ünïcödé 👋", "https://blog.example/a", false);
    ThreadInfo replaced = new ThreadInfo(kit.site(), thread, "Renamed", null, true);
    ThreadInfo untitled = new ThreadInfo(kit.site(), thread, "", "https://blog.example/b", false);

    kit.store().saveThread(created);
    assertThat(kit.store().threadInfo(kit.site(), thread)).contains(created);
    kit.store().saveThread(replaced);
    assertThat(kit.store().threadInfo(kit.site(), thread)).contains(replaced);
    kit.store().saveThread(untitled);
    assertThat(kit.store().threadInfo(kit.site(), thread)).contains(untitled);
    assertThat(kit.store().threadInfo(kit.site(), kit.newThread())).isEmpty();
  }

  /**
   * SaveThread on a commented thread keeps its comments and count.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("saveThread on a commented thread keeps its comments and count")
  default void saveThread_commentedThread_keepsComments(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Comment c = kit.insert(kit.newComment(thread));

    kit.store().saveThread(kit.threadInfo(thread).withClosed(true));

    assertThat(kit.store().threadInfo(kit.site(), thread)).contains(kit.threadInfo(thread).withClosed(true));
    assertThat(kit.store().counts(kit.site(), List.of(thread))).containsEntry(thread, 1);
    assertThat(kit.ids(kit.page(thread, CommentSort.OLDEST, null, 10, APPROVED).roots())).containsExactly(c.id());
  }
}
