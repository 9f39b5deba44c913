package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.RateLimitedException;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.servlet.RateLimit;
import dev.talkback.comments.spi.RateLimitStore;
import dev.talkback.comments.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link RateLimiter} with shared buckets ({@link SharedBuckets}): what it asks them, and what it does when they fail. */
class SharedRateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private volatile boolean down;
  private volatile Duration answer = Duration.ZERO;
  private final RateLimitStore store = (bucket, burst, period) -> {
    asked.add(bucket + " " + burst + "/" + period);
    if (down) {
      throw new StoreUnavailableException("database down", new java.net.ConnectException("refused"));
    }
    return answer;
  };
  private final RateLimit limit = new RateLimit(2, Duration.ofMinutes(1));
  private final RateLimiter limiter =
      new RateLimiter(limit, clock, "comments from your address", 100, new SharedBuckets(store, clock), "posts");

  @Test
  void shared_answersDecide() {
    assertThat(limiter.tryAcquire("client-1")).isTrue();
    answer = Duration.ofSeconds(7);
    assertThat(limiter.tryAcquire("client-1")).isFalse();
    assertThatThrownBy(() -> limiter.acquire("client-1")).isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("7 seconds");
    assertThat(asked).containsExactly("posts:client-1 2/PT1M", "posts:client-1 2/PT1M", "posts:client-1 2/PT1M");
  }

  @Test
  void shared_down_countsInMemoryThenTriesAgain() {
    down = true;
    assertThat(limiter.tryAcquire("client-1")).as("the failure never fails the request").isTrue();
    assertThat(limiter.tryAcquire("client-1")).isTrue();
    assertThat(limiter.tryAcquire("client-1")).as("the node's own bucket of 2 is empty").isFalse();
    assertThat(asked).as("asked once, then left alone").hasSize(1);

    clock.advance(Duration.ofMillis(SharedBuckets.RETRY_AFTER_MILLIS));
    down = false;
    assertThat(limiter.tryAcquire("client-1")).as("the shared buckets decide again").isTrue();
    assertThat(asked).hasSize(2);
  }

  @Test
  void none_neverAsks() {
    RateLimiter local = new RateLimiter(limit, clock, "comments", 100);
    assertThat(local.tryAcquire("c")).isTrue();
    assertThat(local.tryAcquire("c")).isTrue();
    assertThat(local.tryAcquire("c")).isFalse();
    assertThat(asked).isEmpty();
  }
}
