package dev.talkback.comments.testkit;

import static dev.talkback.comments.testkit.ContractContext.ALL_STATUSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.ThreadQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sites do not see each other: another site finds, counts, updates and likes nothing of this site's.
 *
 * <p>A group of {@link CommentStoreContract} (tag {@code contract-isolation}). Its tests are default methods
 * that take a {@link ContractContext}: implement this interface in a {@code @Nested} class of a
 * {@link StoreFixture} to run the group alone.
 */
@Tag("contract")
@Tag("contract-isolation")
@DisplayName("Sites do not see each other")
@ExtendWith(ContractExtension.class)
public interface SiteIsolationContract {

  /**
   * Another site finds nothing of this site's comments, threads, counts or authors.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("another site finds nothing of this site's comments, threads, counts or authors")
  default void reads_otherSite_seeNothing(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Author author = Author.named("Ada").withUserId("7");
    Comment c = kit.insert(kit.commentBuilder(thread).author(author).build());
    kit.insert(kit.commentBuilder(thread).author(author).status(CommentStatus.PENDING).build());
    SiteId other = kit.randomSite();

    assertThat(kit.store().find(other, c.id())).isEmpty();
    assertThat(kit.store().thread(new ThreadQuery(other, thread, CommentSort.OLDEST, null, 10, ALL_STATUSES)).roots())
        .isEmpty();
    assertThat(kit.store().counts(other, List.of(thread))).containsOnly(Map.entry(thread, 0));
    assertThat(kit.store().byStatus(other, CommentStatus.APPROVED, 10)).isEmpty();
    assertThat(kit.store().byStatus(other, CommentStatus.PENDING, 10)).isEmpty();
    assertThat(kit.store().byAuthor(other, "user:7", 10)).isEmpty();
    assertThat(kit.store().hasApproved(other, "user:7")).isFalse();
    assertThat(kit.store().threadInfo(other, thread)).isEmpty();
  }

  /**
   * Another site cannot update or like this site's comments.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("another site cannot update or like this site's comments")
  default void writes_otherSite_doNotReachTheComment(ContractContext kit) {
    Comment c = kit.insert(kit.newComment(kit.newThread()));
    SiteId other = kit.randomSite();

    assertThatThrownBy(() -> kit.store().like(other, c.id(), "client")).isInstanceOf(CommentNotFoundException.class);
    assertThatThrownBy(() -> kit.store().update(c.toBuilder().site(other).source("hijacked").version(1).build(), 0))
        .isInstanceOf(CommentNotFoundException.class);

    kit.assertStoredExactly(kit.reload(c), c);
  }

  /**
   * The same thread key on two sites is two threads.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("the same thread key on two sites is two threads")
  default void threads_sameKeyOnTwoSites_areSeparate(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    SiteId other = kit.randomSite();
    kit.insert(kit.newComment(thread));
    kit.insert(kit.newComment(thread));
    ThreadInfo otherInfo = new ThreadInfo(other, thread, "Other site's page", null, true);
    Comment elsewhere = kit.commentBuilder(thread).site(other).build();
    kit.store().insert(otherInfo, elsewhere);

    assertThat(kit.store().counts(kit.site(), List.of(thread))).containsEntry(thread, 2);
    assertThat(kit.store().counts(other, List.of(thread))).containsEntry(thread, 1);
    assertThat(kit.store().threadInfo(kit.site(), thread)).contains(kit.threadInfo(thread));
    assertThat(kit.store().threadInfo(other, thread)).contains(otherInfo);
    assertThat(kit.store().thread(new ThreadQuery(other, thread, CommentSort.OLDEST, null, 10, ALL_STATUSES)).roots())
        .containsExactly(elsewhere);
  }
}
