package dev.talkback.comments;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Talkback throws on purpose. Each subclass says what failed and maps to one
 * HTTP status in {@code comments-servlet}; {@link #code()} is a stable, machine-readable code for clients.
 * Programming errors (a null argument, an out-of-range setting) are plain JDK exceptions instead.
 */
public class CommentsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * @param code a stable lower-case code such as {@code "not_found"}
   * @param message what failed and, where the caller can act, what to do about it
   * @param cause the underlying failure, kept for the logs
   */
  public CommentsException(String code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** A stable, machine-readable code such as {@code "validation_failed"} or {@code "read_only"}. */
  public String code() {
    return code;
  }
}
