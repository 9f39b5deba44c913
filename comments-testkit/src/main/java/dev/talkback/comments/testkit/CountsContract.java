package dev.talkback.comments.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ConcurrentEditException;
import dev.talkback.comments.ThreadKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Counting approved comments: many threads in one call, 0 for unknown ones; counts follow approve, spam,
 * delete and restore made through {@code update}.
 *
 * <p>A group of {@link CommentStoreContract} (tag {@code contract-counts}). Its tests are default methods
 * that take a {@link ContractContext}: implement this interface in a {@code @Nested} class of a
 * {@link StoreFixture} to run the group alone.
 */
@Tag("contract")
@Tag("contract-counts")
@DisplayName("Counting approved comments")
@ExtendWith(ContractExtension.class)
public interface CountsContract {

  /**
   * Counts many threads in one call, with 0 for threads nobody commented on.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("counts many threads in one call, with 0 for threads nobody commented on")
  default void counts_manyThreads_inOneCall(ContractContext kit) {
    ThreadKey busy = kit.newThread();
    ThreadKey mixed = kit.newThread();
    ThreadKey saved = kit.newThread();
    ThreadKey unknown = kit.newThread();
    Comment root = kit.insert(kit.newComment(busy));
    kit.insert(kit.reply(root));
    kit.insert(kit.reply(root));
    kit.insert(kit.newComment(mixed));
    kit.insert(kit.commentBuilder(mixed).status(CommentStatus.PENDING).build());
    kit.insert(kit.commentBuilder(mixed).status(CommentStatus.SPAM).build());
    kit.insert(kit.commentBuilder(mixed).status(CommentStatus.DELETED).build());
    kit.store().saveThread(kit.threadInfo(saved));

    Map<ThreadKey, Integer> counts = kit.store().counts(kit.site(), List.of(busy, mixed, saved, unknown));

    assertThat(counts).containsOnly(Map.entry(busy, 3), Map.entry(mixed, 1), Map.entry(saved, 0),
        Map.entry(unknown, 0));
  }

  /**
   * Counts hundreds of threads in one call.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("counts hundreds of threads in one call")
  default void counts_hundredsOfThreads(ContractContext kit) {
    Map<ThreadKey, Integer> expected = new HashMap<>();
    for (int i = 0; i < 120; i++) {
      ThreadKey thread = kit.newThread();
      List<Comment> comments = new ArrayList<>();
      for (int j = 0; j < i % 4; j++) {
        comments.add(kit.newComment(thread));
      }
      kit.store().insertAll(kit.threadInfo(thread), comments);
      expected.put(thread, i % 4);
    }
    for (int i = 0; i < 180; i++) {
      expected.put(kit.newThread(), 0);
    }

    assertThat(kit.store().counts(kit.site(), expected.keySet())).isEqualTo(expected);
  }

  /**
   * An empty request gives an empty answer.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("an empty request gives an empty answer")
  default void counts_noThreads_isEmpty(ContractContext kit) {
    assertThat(kit.store().counts(kit.site(), List.of())).isEmpty();
  }

  /**
   * Counts follow approval, spam, deletion and restoration made through update.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("counts follow approval, spam, deletion and restoration made through update")
  default void counts_followStatusTransitions(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    kit.insert(kit.newComment(thread));
    Comment c = kit.insert(kit.commentBuilder(thread).status(CommentStatus.PENDING).build());
    Comment replyToC = kit.insert(kit.replyBuilder(c).status(CommentStatus.PENDING).build());
    assertThat(count(kit, thread)).isEqualTo(1);

    c = kit.moderate(c, CommentStatus.APPROVED);
    assertThat(count(kit, thread)).as("after approving").isEqualTo(2);
    kit.moderate(replyToC, CommentStatus.APPROVED);
    assertThat(count(kit, thread)).as("after approving the reply").isEqualTo(3);
    c = kit.moderate(c, CommentStatus.SPAM);
    assertThat(count(kit, thread)).as("after marking spam").isEqualTo(2);
    c = kit.moderate(c, CommentStatus.APPROVED);
    assertThat(count(kit, thread)).as("after restoring from spam").isEqualTo(3);
    c = kit.moderate(c, CommentStatus.DELETED);
    assertThat(count(kit, thread)).as("after deleting").isEqualTo(2);
    c = kit.moderate(c, CommentStatus.PENDING);
    assertThat(count(kit, thread)).as("deleted to pending").isEqualTo(2);
    c = kit.moderate(c, CommentStatus.APPROVED);
    assertThat(count(kit, thread)).as("after restoring").isEqualTo(3);
    kit.store().update(c.toBuilder().source("edited").html("<p>edited</p>").version(c.version() + 1).build(),
        c.version());
    assertThat(count(kit, thread)).as("after an edit that keeps the status").isEqualTo(3);
  }

  /**
   * A failed update does not change the count.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a failed update does not change the count")
  default void counts_failedUpdate_changesNothing(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Comment c = kit.insert(kit.newComment(thread));

    assertThatThrownBy(() -> kit.store().update(c.toBuilder().status(CommentStatus.SPAM).version(8).build(), 7))
        .isInstanceOf(ConcurrentEditException.class);

    assertThat(count(kit, thread)).isEqualTo(1);
  }

  private int count(ContractContext kit, ThreadKey thread) {
    Integer count = kit.store().counts(kit.site(), List.of(thread)).get(thread);
    if (count == null) {
      throw new AssertionError("counts() left out thread " + thread + ", which it was asked for");
    }
    return count;
  }
}
