package dev.talkback.comments.spi;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentSort;
import java.time.Instant;
import java.util.Objects;

/**
 * The position of a top-level comment in a sorted thread: where the previous page ended. A page
 * continues strictly after it, so comments that arrive meanwhile cause neither duplicates nor gaps.
 *
 * <ul>
 *   <li>{@code OLDEST}: order by (created, id) ascending; continue with rows greater than this key.
 *   <li>{@code NEWEST}: order by (created, id) descending; continue with rows less than this key.
 *   <li>{@code TOP}: order by likes descending, then (created, id) ascending; {@link #score()} holds the
 *       likes.
 * </ul>
 *
 * Ids compare as {@link CommentId#compareTo} does: as their canonical lower-case strings.
 *
 * @param score the likes of the comment for {@code TOP}; 0 otherwise
 * @param created when the comment was posted
 * @param id the comment's id, the tie breaker
 */
public record Keyset(long score, Instant created, CommentId id) {
  /**
   * Checks that the instant and the id are present.
   *
   * @param created when the comment was posted
   * @param id the comment
   * @param score the likes for {@code TOP}; 0 otherwise
   * @throws NullPointerException if either is null
   */
  public Keyset {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(id, "id");
  }

  /**
   * Where the next page starts after this top-level comment in this order: the one place that says what a
   * keyset holds for each {@link CommentSort}. Stores, {@code Comments} and tests all build keysets here.
   *
   * @param sort the order of the page the comment ends
   * @param last the last top-level comment of the page
   * @return the keyset the next page continues after
   */
  public static Keyset after(CommentSort sort, Comment last) {
    Objects.requireNonNull(sort, "sort");
    return new Keyset(sort == CommentSort.TOP ? last.likes() : 0, last.created(), last.id());
  }
}
