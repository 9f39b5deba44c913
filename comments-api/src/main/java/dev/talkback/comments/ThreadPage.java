package dev.talkback.comments;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of an assembled thread: top-level comments in the requested order, each with its replies.
 * Immutable; {@code Comments} hands the same instance to every reader while the thread is unchanged.
 *
 * @param site the site
 * @param key the thread
 * @param info the thread's title, URL and closed flag; empty if nobody has commented yet
 * @param comments the top-level comments of this page, with their replies
 * @param nextCursor the cursor of the next page; empty on the last page
 * @param totalCount the thread's approved comments, on all pages
 * @param stale whether this page came from the cache because the store could not be read; it may miss the
 *     newest comments
 */
public record ThreadPage(
    SiteId site,
    ThreadKey key,
    Optional<ThreadInfo> info,
    List<CommentNode> comments,
    Optional<String> nextCursor,
    int totalCount,
    boolean stale) {

  /**
   * Checks the components; see the record's description.
   *
   * @param site the site
   * @param key the thread
   * @param info the thread's title, URL and closed flag; empty if nobody has commented yet
   * @param comments the top-level comments of this page, with their replies
   * @param nextCursor the cursor of the next page; empty on the last page
   * @param totalCount the thread's approved comments, on all pages
   * @param stale whether this page came from the cache because the store could not be read; it may miss the
   *     newest comments
   */
  public ThreadPage {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(info, "info");
    comments = List.copyOf(comments);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }

  /** {@return whether new comments are refused} */
  public boolean closed() {
    return info.map(ThreadInfo::closed).orElse(false);
  }

  /** {@return this page marked as served from the cache while the store is unreachable} */
  public ThreadPage asStale() {
    return stale ? this : new ThreadPage(site, key, info, comments, nextCursor, totalCount, true);
  }

  /** {@return the next page's cursor, or {@code null}} */
  public @Nullable String nextCursorOrNull() {
    return nextCursor.orElse(null);
  }
}
