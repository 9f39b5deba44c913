package dev.talkback.comments;

import java.time.Duration;
import java.util.Objects;

/** Too many requests from one client or to one thread; try again after {@link #retryAfter()}. HTTP 429. */
public class RateLimitedException extends CommentsException {
  private static final long serialVersionUID = 2L;

  private final Duration retryAfter;

  /**
   * An exception for a client over its limit.
   *
   * @param message which limit was reached, in words a reader understands
   * @param retryAfter how long the client should wait
   */
  public RateLimitedException(String message, Duration retryAfter) {
    super("rate_limited", message, null);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /**
   * How long the client should wait before trying again.
   *
   * @return the wait; sent as {@code Retry-After}
   */
  public Duration retryAfter() {
    return retryAfter;
  }
}
