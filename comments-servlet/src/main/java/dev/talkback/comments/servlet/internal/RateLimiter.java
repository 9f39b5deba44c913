package dev.talkback.comments.servlet.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.talkback.comments.RateLimitedException;
import dev.talkback.comments.servlet.RateLimit;
import java.time.Clock;
import java.time.Duration;

/**
 * Token buckets, one per key (a client's IP hash, a thread): in the host's shared store when it gave one and
 * it answers ({@link SharedBuckets}), else in process, bounded in number: the least recently used buckets
 * are forgotten, which at worst gives a forgotten client a fresh bucket.
 */
final class RateLimiter {
  private final RateLimit limit;
  private final Clock clock;
  private final String what;
  private final Cache<String, Bucket> buckets;
  private final SharedBuckets shared;
  private final String name;

  /**
   * A limiter of {@code maxKeys} buckets at most, in this node's memory.
   *
   * @param what what is limited, for the message: "comments from your address"
   */
  RateLimiter(RateLimit limit, Clock clock, String what, long maxKeys) {
    this(limit, clock, what, maxKeys, SharedBuckets.NONE, "");
  }

  /**
   * A limiter that counts in {@code shared} while it answers.
   *
   * @param name this limiter's part of the shared buckets' names, unique among the limiters sharing them
   */
  RateLimiter(RateLimit limit, Clock clock, String what, long maxKeys, SharedBuckets shared, String name) {
    this.limit = limit;
    this.clock = clock;
    this.what = what;
    this.shared = shared;
    this.name = name;
    this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(limit.period().multipliedBy(2)).build();
  }

  /** Takes one token for {@code key} if there is one; whether there was. */
  boolean tryAcquire(String key) {
    Duration wait = shared.take(name + ":" + key, limit);
    if (wait != null) {
      return wait.isZero();
    }
    long now = clock.millis();
    return buckets.get(key, k -> new Bucket(limit.burst(), now)).take(now, limit) == 0;
  }

  /** Takes one token for {@code key}, or throws with how long to wait for the next. */
  void acquire(String key) {
    Duration wait = shared.take(name + ":" + key, limit);
    long waitMillis;
    if (wait != null) {
      waitMillis = wait.toMillis();
    } else {
      long now = clock.millis();
      waitMillis = buckets.get(key, k -> new Bucket(limit.burst(), now)).take(now, limit);
    }
    if (waitMillis > 0) {
      Duration retry = Duration.ofMillis(waitMillis);
      long secs = Math.max(1, (waitMillis + 999) / 1000);
      throw new RateLimitedException("too many " + what + "; try again in " + secs + " second" + (secs == 1 ? "" : "s"),
          retry);
    }
  }

  private static final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    /** Takes a token and returns 0, or returns the milliseconds until one is available. */
    synchronized long take(long now, RateLimit limit) {
      double perMilli = limit.burst() / (double) limit.period().toMillis();
      if (now > last) {
        tokens = Math.min(limit.burst(), tokens + (now - last) * perMilli);
        last = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perMilli);
    }
  }
}
