package dev.talkback.comments.spi;

import java.time.Duration;

/**
 * Token buckets shared by every node that serves one blog, so that a rate limit holds however the load
 * balancer spreads a client's requests. The servlet keeps its buckets in memory by default (per node); give
 * it one of these (for example {@code JdbiCommentStore.rateLimits()}, in the comment database) and each limit
 * is counted once for all nodes.
 *
 * <p>A bucket holds at most {@code burst} tokens and refills evenly to {@code burst} per {@code period}; a new
 * bucket starts full. A request that finds no token takes none (a refused client does not dig itself deeper).
 * Buckets that have been full for a while may be forgotten: a forgotten bucket is a full one.
 *
 * <p>When the backend cannot answer, {@link #take} throws
 * {@link dev.talkback.comments.StoreUnavailableException}; callers then limit on their own (the servlet falls
 * back to its in-memory buckets), so an outage of the database never refuses a comment that its spool could
 * keep.
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
public interface RateLimitStore {

  /**
   * Takes one token from a bucket if it has one.
   *
   * @param bucket the bucket's name: what is limited and for whom ({@code "posts:<client key>"}); any
   *     string, compared exactly
   * @param burst how many tokens a full bucket holds, at least 1
   * @param period how long an empty bucket takes to refill completely, positive
   * @return {@link Duration#ZERO} if a token was taken, else how long until the bucket has one
   * @throws IllegalArgumentException if {@code burst} or {@code period} is out of range
   * @throws dev.talkback.comments.StoreUnavailableException if the shared buckets cannot be reached
   */
  Duration take(String bucket, int burst, Duration period);
}
