package dev.talkback.comments.jdbi;

import dev.talkback.comments.spi.RateLimitStore;
import java.time.Duration;

/**
 * {@link JdbiCommentStore#rateLimits()}: each call runs on the comment store's engine, so the buckets start
 * (connect, migrate) with it and their failures are sorted the same way.
 */
final class JdbiRateLimitStore implements RateLimitStore {
  private final JdbiCommentStore store;

  JdbiRateLimitStore(JdbiCommentStore store) {
    this.store = store;
  }

  @Override
  public Duration take(String bucket, int burst, Duration period) {
    return store.call(e -> e.rateBuckets().take(bucket, burst, period));
  }

  @Override
  public String toString() {
    return "JdbiRateLimitStore{tablePrefix='" + store.tablePrefix() + "'}";
  }
}
