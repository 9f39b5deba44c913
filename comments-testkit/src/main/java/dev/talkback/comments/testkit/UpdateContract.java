package dev.talkback.comments.testkit;

import static dev.talkback.comments.testkit.ContractContext.ALL_STATUSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ConcurrentEditException;
import dev.talkback.comments.Format;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Updating a comment: only source, format, html, status, edited, version and edit token hash change;
 * version conflicts; unknown comments; a like between read and write survives the edit.
 *
 * <p>A group of {@link CommentStoreContract} (tag {@code contract-update}). Its tests are default methods
 * that take a {@link ContractContext}: implement this interface in a {@code @Nested} class of a
 * {@link StoreFixture} to run the group alone.
 */
@Tag("contract")
@Tag("contract-update")
@DisplayName("Updating a comment")
@ExtendWith(ContractExtension.class)
public interface UpdateContract {

  /**
   * Changes source, format, html, status, edited, version and edit token hash, and nothing else.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("changes source, format, html, status, edited, version and edit token hash, and nothing else")
  default void update_changesOnlyTheMutableFields(ContractContext kit) {
    Comment root = kit.insert(kit.newComment(kit.newThread()));
    Comment stored = kit.insert(kit.replyBuilder(root)
        .author(new Author("Ada", "ada@example.org", null, null))
        .editTokenHash("aa".repeat(32))
        .ipHash("bb".repeat(32))
        .build());
    kit.store().like(kit.site(), stored.id(), "a-reader");
    Comment liked = kit.reload(stored);
    Instant edited = kit.now();

    Comment changed = liked.toBuilder()
        .source("_edited_")
        .format(Format.MARKDOWN)
        .html("<p><em>edited</em></p>")
        .status(CommentStatus.PENDING)
        .edited(edited)
        .version(liked.version() + 1)
        .editTokenHash("cc".repeat(32))
        // none of these may change:
        .thread(kit.newThread())
        .parentId(null)
        .rootId(null)
        .author(Author.named("Mallory"))
        .created(edited)
        .likes(99)
        .build();

    Comment returned = kit.store().update(changed, liked.version());

    Comment expected = liked.toBuilder()
        .source("_edited_")
        .format(Format.MARKDOWN)
        .html("<p><em>edited</em></p>")
        .status(CommentStatus.PENDING)
        .edited(edited)
        .version(liked.version() + 1)
        .editTokenHash("cc".repeat(32))
        .build();
    kit.assertStoredExactly(returned, expected);
    kit.assertStoredExactly(kit.reload(stored), expected);
    assertThat(kit.page(root.thread(), CommentSort.OLDEST, null, 10, ALL_STATUSES).replies()).containsExactly(expected);
  }

  /**
   * Can clear the edited instant and the edit token hash.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("can clear the edited instant and the edit token hash")
  default void update_clearsOptionalMutableFields(ContractContext kit) {
    Comment stored = kit.insert(kit.commentBuilder(kit.newThread()).edited(kit.now()).editTokenHash("dd".repeat(32)).build());

    Comment returned = kit.store().update(
        stored.toBuilder().edited(null).editTokenHash(null).version(stored.version() + 1).build(),
        stored.version());

    assertThat(returned.edited()).isEmpty();
    assertThat(returned.editTokenHash()).isEmpty();
    kit.assertStoredExactly(kit.reload(stored), returned);
  }

  /**
   * A version conflict throws ConcurrentEditException and changes nothing.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a version conflict throws ConcurrentEditException and changes nothing")
  default void update_versionConflict_throwsAndChangesNothing(ContractContext kit) {
    Comment stored = kit.insert(kit.newComment(kit.newThread()));

    assertThatThrownBy(() -> kit.store().update(
            stored.toBuilder().source("lost").html("<p>lost</p>").version(stored.version() + 6).build(),
            stored.version() + 5))
        .isInstanceOf(ConcurrentEditException.class);

    kit.assertStoredExactly(kit.reload(stored), stored);
  }

  /**
   * The second of two edits from the same version conflicts.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("the second of two edits from the same version conflicts")
  default void update_staleVersionAfterAnUpdate_conflicts(ContractContext kit) {
    Comment stored = kit.insert(kit.newComment(kit.newThread()));
    Comment first = kit.store().update(
        stored.toBuilder().source("first").version(stored.version() + 1).build(), stored.version());

    assertThatThrownBy(() -> kit.store().update(
            stored.toBuilder().source("second").version(stored.version() + 1).build(), stored.version()))
        .isInstanceOf(ConcurrentEditException.class);

    assertThat(first.version()).isEqualTo(stored.version() + 1);
    kit.assertStoredExactly(kit.reload(stored), first);
  }

  /**
   * An unknown comment throws CommentNotFoundException.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("an unknown comment throws CommentNotFoundException")
  default void update_unknownComment_throwsNotFound(ContractContext kit) {
    Comment neverStored = kit.newComment(kit.newThread());

    assertThatThrownBy(() -> kit.store().update(neverStored.toBuilder().version(1).build(), 0))
        .isInstanceOfSatisfying(CommentNotFoundException.class, e -> assertThat(e.id()).isEqualTo(neverStored.id()));

    assertThat(kit.store().find(kit.site(), neverStored.id())).isEmpty();
  }

  /**
   * A like between reading and writing does not make the edit conflict, and survives it.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("a like between reading and writing does not make the edit conflict, and survives it")
  default void update_afterALike_keepsTheLike(ContractContext kit) {
    Comment read = kit.insert(kit.newComment(kit.newThread()));
    kit.store().like(kit.site(), read.id(), "a-reader");

    Comment returned = kit.store().update(read.toBuilder().source("edited").version(read.version() + 1).build(),
        read.version());

    assertThat(returned.likes()).isEqualTo(1);
    assertThat(kit.reload(read).likes()).isEqualTo(1);
  }
}
