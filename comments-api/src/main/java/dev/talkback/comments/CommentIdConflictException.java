package dev.talkback.comments;

/**
 * A post chose the id of a comment that exists, and is not a repeat of that comment's submission (another
 * text, author or thread). Nothing is stored and nothing about the existing comment is told: the answer is
 * the same whatever its thread or status. HTTP 409, code {@code id_conflict}; post again without an id.
 */
public class CommentIdConflictException extends CommentsException {
  private static final long serialVersionUID = 1L;

  /** An exception for a chosen id that is taken. */
  public CommentIdConflictException() {
    super("id_conflict", "this comment id is already used; post again without an id, or with a new one", null);
  }
}
