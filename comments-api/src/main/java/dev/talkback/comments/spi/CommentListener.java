package dev.talkback.comments.spi;

import dev.talkback.comments.Comment;

/**
 * Hears about changes to comments, for notifications (email the author of the parent, ping a moderator,
 * update a search index). Called after the change is stored, on the thread that made it; a listener that
 * throws is logged and never fails the write. Hand slow work to an executor of your own.
 *
 * <p>Every method has an empty default, so a listener overrides only what it needs and new events can be
 * added without breaking it.
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
public interface CommentListener {

  /**
   * A new comment was stored (approved or pending) or queued in the write spool.
   *
   * @param comment the comment
   */
  default void onPosted(Comment comment) {}

  /**
   * A moderator approved a comment.
   *
   * @param comment the comment
   */
  default void onApproved(Comment comment) {}

  /**
   * The author edited a comment.
   *
   * @param comment the comment
   */
  default void onEdited(Comment comment) {}

  /**
   * The author or a moderator deleted a comment.
   *
   * @param comment the comment
   */
  default void onDeleted(Comment comment) {}

  /**
   * A moderator marked a comment as spam.
   *
   * @param comment the comment
   */
  default void onMarkedSpam(Comment comment) {}

  /**
   * A moderator restored a deleted or spam comment.
   *
   * @param comment the comment
   */
  default void onRestored(Comment comment) {}
}
