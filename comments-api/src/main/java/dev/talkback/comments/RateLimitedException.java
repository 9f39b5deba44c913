package dev.talkback.comments;

import java.time.Duration;
import java.util.Objects;

/** Too many requests from one client or to one thread; try again after {@link #retryAfter()}. HTTP 429. */
public class RateLimitedException extends CommentsException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public RateLimitedException(String message, Duration retryAfter) {
    super("rate_limited", message, null);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** How long the client should wait before trying again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
