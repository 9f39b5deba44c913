package dev.talkback.comments.testkit;

import static dev.talkback.comments.testkit.ContractContext.ALL_STATUSES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.InsertResult.Outcome;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.ThreadSlice;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inserting is idempotent by comment id: the same id twice is one comment, answered {@code EXISTING}
 * with the stored one and counted once; {@code insertAll} answers in order; the first insert creates the thread
 * and later ones never change it.
 *
 * <p>A group of {@link CommentStoreContract} (tag {@code contract-idempotency}). Its tests are default methods
 * that take a {@link ContractContext}: implement this interface in a {@code @Nested} class of a
 * {@link StoreFixture} to run the group alone.
 */
@Tag("contract")
@Tag("contract-idempotency")
@DisplayName("Inserting is idempotent by comment id, and creates the thread")
@ExtendWith(ContractExtension.class)
public interface IdempotentInsertContract {

  /**
   * The same id twice stores one comment and answers EXISTING with the stored one.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("the same id twice stores one comment and answers EXISTING with the stored one")
  default void insert_sameIdTwice_storesOneAndReturnsExisting(ContractContext kit) {
    Comment first = kit.insert(kit.newComment(kit.newThread()));
    Comment second = first.toBuilder().source("another text").html("<p>another text</p>")
        .status(CommentStatus.PENDING).build();

    InsertResult result = kit.store().insert(kit.threadInfo(first.thread()), second);

    assertThat(result.outcome()).isEqualTo(Outcome.EXISTING);
    kit.assertStoredExactly(result.comment(), first);
    kit.assertStoredExactly(kit.reload(first), first);
    ThreadSlice slice = kit.page(first.thread(), CommentSort.OLDEST, null, 100, ALL_STATUSES);
    assertThat(kit.ids(slice.roots())).containsExactly(first.id());
    assertThat(kit.store().counts(kit.site(), List.of(first.thread()))).containsEntry(first.thread(), 1);
  }

  /**
   * The same reply twice is stored once and counted once.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("the same reply twice is stored once and counted once")
  default void insert_sameReplyTwice_countsOnce(ContractContext kit) {
    Comment root = kit.insert(kit.newComment(kit.newThread()));
    Comment reply = kit.insert(kit.reply(root));

    InsertResult again = kit.store().insert(kit.threadInfo(root.thread()), reply);

    assertThat(again.outcome()).isEqualTo(Outcome.EXISTING);
    assertThat(kit.page(root.thread(), CommentSort.OLDEST, null, 10, ALL_STATUSES).replies()).containsExactly(reply);
    assertThat(kit.store().counts(kit.site(), List.of(root.thread()))).containsEntry(root.thread(), 2);
  }

  /**
   * A pending comment inserted again as approved stays pending and uncounted.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a pending comment inserted again as approved stays pending and uncounted")
  default void insert_againWithAnotherStatus_keepsTheStoredStatus(ContractContext kit) {
    Comment pending = kit.insert(kit.commentBuilder(kit.newThread()).status(CommentStatus.PENDING).build());

    InsertResult again = kit.store().insert(kit.threadInfo(pending.thread()),
        pending.toBuilder().status(CommentStatus.APPROVED).build());

    assertThat(again.comment().status()).isEqualTo(CommentStatus.PENDING);
    assertThat(kit.reload(pending).status()).isEqualTo(CommentStatus.PENDING);
    assertThat(kit.store().counts(kit.site(), List.of(pending.thread()))).containsEntry(pending.thread(), 0);
  }

  /**
   * InsertAll answers one result per comment, in order, EXISTING for a repeated id.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("insertAll answers one result per comment, in order, EXISTING for a repeated id")
  default void insertAll_mixedBatch_answersInOrder(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Comment a = kit.newComment(thread);
    Comment b = kit.newComment(thread);
    Comment replyToA = kit.reply(a);

    List<InsertResult> results = kit.store().insertAll(kit.threadInfo(thread), List.of(a, b, a, replyToA));

    assertThat(results).extracting(InsertResult::outcome)
        .containsExactly(Outcome.CREATED, Outcome.CREATED, Outcome.EXISTING, Outcome.CREATED);
    assertThat(results).extracting(r -> r.comment().id()).containsExactly(a.id(), b.id(), a.id(), replyToA.id());
    assertThat(kit.store().counts(kit.site(), List.of(thread))).containsEntry(thread, 3);
    assertThat(kit.ids(kit.page(thread, CommentSort.OLDEST, null, 10, ALL_STATUSES).roots())).containsExactly(a.id(), b.id());
  }

  /**
   * InsertAll of no comments stores nothing.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("insertAll of no comments stores nothing")
  default void insertAll_empty_storesNothing(ContractContext kit) {
    ThreadKey thread = kit.newThread();

    assertThat(kit.store().insertAll(kit.threadInfo(thread), List.of())).isEmpty();
    assertThat(kit.store().counts(kit.site(), List.of(thread))).containsEntry(thread, 0);
  }

  /**
   * The first insert creates the thread from the thread info given.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("the first insert creates the thread from the thread info given")
  default void insert_firstComment_createsTheThread(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    ThreadInfo info = new ThreadInfo(kit.site(), thread, "Hello, world", "https://blog.example/2024/hello", false);
    assertThat(kit.store().threadInfo(kit.site(), thread)).isEmpty();

    kit.store().insert(info, kit.newComment(thread));

    assertThat(kit.store().threadInfo(kit.site(), thread)).contains(info);
  }

  /**
   * An existing thread keeps its title, URL and closed flag.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("an existing thread keeps its title, URL and closed flag")
  default void insert_existingThread_keepsItsFields(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    ThreadInfo saved = new ThreadInfo(kit.site(), thread, "Saved title", "https://blog.example/saved", true);
    kit.store().saveThread(saved);

    kit.store().insert(new ThreadInfo(kit.site(), thread, "Another title", null, false), kit.newComment(thread));
    kit.store().insert(new ThreadInfo(kit.site(), thread, "Third title", "https://elsewhere.example", false),
        kit.newComment(thread));

    assertThat(kit.store().threadInfo(kit.site(), thread)).contains(saved);
  }

  /**
   * A thread created by an insert keeps its fields on later inserts.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a thread created by an insert keeps its fields on later inserts")
  default void insert_laterInserts_doNotReplaceTheThread(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    ThreadInfo first = new ThreadInfo(kit.site(), thread, "First", "https://blog.example/first", false);
    kit.store().insert(first, kit.newComment(thread));

    kit.store().insert(new ThreadInfo(kit.site(), thread, "Second", null, true), kit.newComment(thread));

    assertThat(kit.store().threadInfo(kit.site(), thread)).contains(first);
  }
}
