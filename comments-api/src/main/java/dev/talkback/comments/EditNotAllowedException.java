package dev.talkback.comments;

import java.time.Duration;

/**
 * An author tried to edit or delete a comment without the right edit token, or after the edit window
 * closed. HTTP 403. {@link #code()} is {@code "edit_window_expired"} or {@code "edit_token_invalid"}.
 */
public class EditNotAllowedException extends CommentsException {
  private static final long serialVersionUID = 2L;

  private EditNotAllowedException(String code, String message) {
    super(code, message, null);
  }

  /**
   * The window for editing has passed; code {@code "edit_window_expired"}.
   *
   * @param id the comment
   * @param window the edit window, for the message
   * @return the exception
   */
  public static EditNotAllowedException windowExpired(CommentId id, Duration window) {
    return new EditNotAllowedException("edit_window_expired",
        "comment " + id + " can no longer be changed: authors may edit or delete for " + window.toMinutes()
            + " minutes after posting");
  }

  /**
   * The token does not belong to the comment; code {@code "edit_token_invalid"}.
   *
   * @param id the comment
   * @return the exception
   */
  public static EditNotAllowedException invalidToken(CommentId id) {
    return new EditNotAllowedException("edit_token_invalid",
        "the edit token does not match comment " + id + "; only its author's browser holds the right one");
  }
}
