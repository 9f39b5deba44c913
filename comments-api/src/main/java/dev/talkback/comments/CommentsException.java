package dev.talkback.comments;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Talkback throws on purpose; catch it to handle them all. Each subclass says
 * what failed and maps to one HTTP status in {@code comments-servlet}; {@link #code()} is a stable,
 * machine-readable code for clients. Programming errors (a null argument, an out-of-range setting) are plain
 * JDK exceptions instead.
 *
 * <p>Abstract: throw one of the subclasses, which say what went wrong. Every field of every subclass is
 * serializable, so the exceptions survive being sent between JVMs.
 */
public abstract class CommentsException extends RuntimeException {
  private static final long serialVersionUID = 2L;

  private final String code;

  /**
   * For subclasses.
   *
   * @param code a stable lower-case code such as {@code "not_found"}
   * @param message what failed and, where the caller can act, what to do about it
   * @param cause the underlying failure, kept for the logs; null if there is none
   */
  protected CommentsException(String code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /**
   * A stable, machine-readable code such as {@code "validation_failed"} or {@code "read_only"}.
   *
   * @return the code; never changes for a given failure between releases
   */
  public String code() {
    return code;
  }
}
