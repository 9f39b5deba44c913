package dev.talkback.comments.spi;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadKey;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One page of a thread, as asked of a {@link CommentReader}: up to {@code limit} top-level comments of the
 * given statuses in {@code sort} order after {@code after}, and every reply of those statuses below them.
 *
 * @param site the site
 * @param thread the thread
 * @param sort the order of the top-level comments
 * @param after where the previous page ended, or {@code null} for the first page
 * @param limit how many top-level comments at most (1 to 1000)
 * @param statuses which statuses to return, for top-level comments and replies alike
 */
public record ThreadQuery(
    SiteId site, ThreadKey thread, CommentSort sort, @Nullable Keyset after, int limit, Set<CommentStatus> statuses) {
  /**
   * Checks the components; see the record's description.
   *
   * @param site the site
   * @param thread the thread
   * @param sort the order of the top-level comments
   * @param after where the previous page ended, or {@code null} for the first page
   * @param limit how many top-level comments at most (1 to 1000)
   * @param statuses which statuses to return, for top-level comments and replies alike
   */
  public ThreadQuery {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(sort, "sort");
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000: " + limit);
    }
    statuses = Set.copyOf(statuses);
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("statuses must not be empty");
    }
  }
}
