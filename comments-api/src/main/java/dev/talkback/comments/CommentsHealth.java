package dev.talkback.comments;

import dev.talkback.comments.spi.StoreHealth;
import java.util.Objects;

/**
 * How a {@link Comments} is doing: its store's health and its cache.
 *
 * <p>A record because it only pairs the two: what grows is {@link StoreHealth} (a class with a builder for
 * that reason) and {@link CacheStatistics}.
 *
 * @param store the store's mode, what happens to new comments, its spool depth and each database's state
 * @param cache the read cache's statistics
 */
public record CommentsHealth(StoreHealth store, CacheStatistics cache) {

  /**
   * Checks the arguments.
   *
   * @param store the store's health
   * @param cache the read cache's statistics
   * @throws NullPointerException if either is null
   */
  public CommentsHealth {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(cache, "cache");
  }

  /**
   * Whether new comments are stored at once (rather than queued or refused).
   *
   * @return {@code true} when the store is {@link StoreMode#READ_WRITE}
   */
  public boolean writable() {
    return store.mode() == StoreMode.READ_WRITE;
  }

  /**
   * What happens to a new comment posted now; the widget tells readers so.
   *
   * @return accepted, queued or refused, from {@link StoreHealth#newComments()}
   */
  public StoreHealth.NewComments newComments() {
    return store.newComments();
  }
}
