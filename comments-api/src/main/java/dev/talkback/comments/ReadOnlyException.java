package dev.talkback.comments;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The comment database is unreachable, the store is serving reads only, and its write policy is to reject
 * rather than queue. Nothing was stored; the reader's text should be kept and sent again after
 * {@link #retryAfter()}. HTTP 503 with {@code Retry-After}.
 */
public class ReadOnlyException extends CommentsException {
  private static final long serialVersionUID = 2L;

  private final Duration retryAfter;

  /**
   * An exception for a write refused while the store is read-only.
   *
   * @param message why writing is paused and what the reader should do
   * @param retryAfter a hint for when writing may work again
   * @param cause the failure that made the store read-only; null if there is none
   */
  public ReadOnlyException(String message, Duration retryAfter, @Nullable Throwable cause) {
    super("read_only", message, cause);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /**
   * A hint for when writing may work again.
   *
   * @return the wait; sent as {@code Retry-After}
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
