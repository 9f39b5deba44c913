package dev.talkback.comments;

/**
 * An author tried to edit or delete a comment without the right edit token, or after the edit window
 * closed. HTTP 403. {@link #code()} is {@code "edit_window_expired"} or {@code "edit_token_invalid"}.
 */
public class EditNotAllowedException extends CommentsException {
  private static final long serialVersionUID = 1L;

  private EditNotAllowedException(String code, String message) {
    super(code, message, null);
  }

  /** The window for editing has passed. */
  public static EditNotAllowedException windowExpired(CommentId id, java.time.Duration window) {
    return new EditNotAllowedException("edit_window_expired",
        "comment " + id + " can no longer be changed: authors may edit or delete for " + window.toMinutes()
            + " minutes after posting");
  }

  /** The token does not belong to the comment. */
  public static EditNotAllowedException invalidToken(CommentId id) {
    return new EditNotAllowedException("edit_token_invalid",
        "the edit token does not match comment " + id + "; only its author's browser holds the right one");
  }
}
