package dev.talkback.comments.servlet;

import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket: at most {@code burst} requests at once, refilled evenly to {@code burst} per {@code
 * period}. {@code new RateLimit(5, Duration.ofMinutes(1))} allows five posts in a row, then one every 12
 * seconds.
 *
 * @param burst how many requests a fresh bucket allows, at least 1
 * @param period how long the bucket takes to refill completely, positive
 */
public record RateLimit(int burst, Duration period) {
  /**
   * Checks the fields.
   *
   * @param burst how many requests a fresh bucket allows, at least 1
   * @param period how long the bucket takes to refill completely, positive
   * @throws IllegalArgumentException if either is out of range
   */
  public RateLimit {
    Objects.requireNonNull(period, "period");
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
  }

  /**
   * {@code burst} requests per minute.
   *
   * @param burst how many requests a minute, at least 1
   * @return the limit
   */
  public static RateLimit perMinute(int burst) {
    return new RateLimit(burst, Duration.ofMinutes(1));
  }

  /**
   * No practical limit (a million requests a second), for tests and benchmarks.
   *
   * @return the limit
   */
  public static RateLimit unlimited() {
    return new RateLimit(1_000_000, Duration.ofSeconds(1));
  }
}
