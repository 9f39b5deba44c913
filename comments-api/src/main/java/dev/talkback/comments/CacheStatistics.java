package dev.talkback.comments;

/**
 * How the read cache of a {@link Comments} is doing, since it was built.
 *
 * @param hits reads answered from the cache
 * @param misses reads that went to the store
 * @param staleServed reads answered with an outdated page because the store could not be read
 * @param evictions entries dropped to stay within the weight bound
 * @param entries entries held now (approximately)
 * @param weight the heap the entries hold now, in bytes as the cache counts them (see
 *     {@link CommentsBuilder#cacheMaximumWeight}); at most that bound, give or take the entry being added
 */
public record CacheStatistics(long hits, long misses, long staleServed, long evictions, long entries, long weight) {
  /**
   * Statistics without a weight (0), as before the weight was reported.
   *
   * @param hits reads answered from the cache
   * @param misses reads that went to the store
   * @param staleServed reads answered with an outdated page because the store could not be read
   * @param evictions entries dropped to stay within the weight bound
   * @param entries entries held now (approximately)
   */
  public CacheStatistics(long hits, long misses, long staleServed, long evictions, long entries) {
    this(hits, misses, staleServed, evictions, entries, 0);
  }

  /**
   * Hits divided by all reads; 1.0 when there were none.
   *
   * @return a number from 0.0 to 1.0
   */
  public double hitRate() {
    long total = hits + misses;
    return total == 0 ? 1.0 : (double) hits / total;
  }
}
