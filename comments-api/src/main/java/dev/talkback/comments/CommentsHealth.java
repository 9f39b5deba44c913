package dev.talkback.comments;

import dev.talkback.comments.spi.StoreHealth;
import java.util.Objects;

/**
 * How a {@link Comments} is doing: its store's mode and its cache.
 *
 * @param store the store's mode, since when and why, its spool depth and last error
 * @param cache the read cache's statistics
 */
public record CommentsHealth(StoreHealth store, CacheStatistics cache) {
  public CommentsHealth {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(cache, "cache");
  }

  /** Whether new comments are stored at once (rather than queued or refused). */
  public boolean writable() {
    return store.mode() == StoreMode.READ_WRITE;
  }
}
