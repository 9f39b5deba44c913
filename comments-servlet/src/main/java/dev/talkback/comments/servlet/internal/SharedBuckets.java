package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.servlet.RateLimit;
import dev.talkback.comments.spi.RateLimitStore;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's shared {@link RateLimitStore}, if it gave one, guarded so that it never fails a request: after
 * any failure (the database is down, its table is missing) the limiters count in this node's memory for
 * {@value #RETRY_AFTER_MILLIS} ms, then try the shared buckets again. Thread-safe.
 */
final class SharedBuckets {
  private static final Logger log = LoggerFactory.getLogger(SharedBuckets.class);
  static final long RETRY_AFTER_MILLIS = 10_000;
  /** No shared buckets: every limiter counts in memory. */
  static final SharedBuckets NONE = new SharedBuckets(null, Clock.systemUTC());

  private final @Nullable RateLimitStore store;
  private final Clock clock;
  private volatile long downUntil = Long.MIN_VALUE;

  SharedBuckets(@Nullable RateLimitStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Takes a token from the shared bucket.
   *
   * @return zero if taken, else the wait for a token; or {@code null} if the caller must count on its own
   */
  @Nullable Duration take(String bucket, RateLimit limit) {
    RateLimitStore s = store;
    if (s == null || clock.millis() < downUntil) {
      return null;
    }
    try {
      return s.take(bucket, limit.burst(), limit.period());
    } catch (RuntimeException e) {
      downUntil = clock.millis() + RETRY_AFTER_MILLIS;
      log.warn("the shared rate limits ({}) failed, so this node counts them in its own memory for the next {} s: {}",
          s, RETRY_AFTER_MILLIS / 1000, e.toString());
      return null;
    }
  }
}
