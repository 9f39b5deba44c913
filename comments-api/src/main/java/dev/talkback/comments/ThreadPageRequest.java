package dev.talkback.comments;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a thread to read.
 *
 * @param sort the order of top-level comments
 * @param cursor the {@link ThreadPage#nextCursor()} of the previous page, or {@code null} for the first
 * @param limit how many top-level comments (each with all its replies), 1 to {@link #MAX_LIMIT}
 */
public record ThreadPageRequest(CommentSort sort, @Nullable String cursor, int limit) {
  /** The largest page size. */
  public static final int MAX_LIMIT = 200;

  /** The first 50 top-level comments, oldest first. */
  public static final ThreadPageRequest DEFAULT = new ThreadPageRequest(CommentSort.OLDEST, null, 50);

  /**
   * Checks the components; see the record's description.
   *
   * @param sort the order of top-level comments
   * @param cursor the {@link ThreadPage#nextCursor()} of the previous page, or {@code null} for the first
   * @param limit how many top-level comments (each with all its replies), 1 to {@link #MAX_LIMIT}
   */
  public ThreadPageRequest {
    Objects.requireNonNull(sort, "sort");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
  }

  /**
   * The first page in this order.
   *
   * @param sort the order of the top-level comments
   * @param limit at most this many, 1 to 1000
   * @return the first page in this order
   */
  public static ThreadPageRequest first(CommentSort sort, int limit) {
    return new ThreadPageRequest(sort, null, limit);
  }

  /**
   * The page after the one that returned {@code cursor}.
   *
   * @param cursor the {@link ThreadPage#nextCursor()} of the previous page
   * @return the page after the one that returned {@code cursor}
   */
  public ThreadPageRequest after(String cursor) {
    return new ThreadPageRequest(sort, Objects.requireNonNull(cursor, "cursor"), limit);
  }

  // Written out: a cache key holds this, and the record's generated equals and hashCode run through
  // method-handle chains that the JIT does not always inline when records nest (issue 15 item 1).
  @Override
  public boolean equals(@Nullable Object o) {
    return o == this || (o instanceof ThreadPageRequest other && sort == other.sort && limit == other.limit
        && Objects.equals(cursor, other.cursor));
  }

  @Override
  public int hashCode() {
    return (sort.hashCode() * 31 + Objects.hashCode(cursor)) * 31 + limit;
  }
}
