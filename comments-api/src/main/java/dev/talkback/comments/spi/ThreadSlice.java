package dev.talkback.comments.spi;

import dev.talkback.comments.Comment;
import java.util.List;

/**
 * What a {@link CommentReader} returns for a {@link ThreadQuery}.
 *
 * @param roots the top-level comments, in the query's sort order, at most {@code limit} of them
 * @param replies every reply (at any depth) whose {@link Comment#rootId()} is one of {@code roots}, with a
 *     status the query asked for, in any order
 */
public record ThreadSlice(List<Comment> roots, List<Comment> replies) {
  /**
   * Checks the components; see the record's description.
   *
   * @param roots the top-level comments, in the query's sort order, at most {@code limit} of them
   * @param replies every reply (at any depth) whose {@link Comment#rootId()} is one of {@code roots}, with a
   *     status the query asked for, in any order
   */
  public ThreadSlice {
    roots = List.copyOf(roots);
    replies = List.copyOf(replies);
  }

  /**
   * No comments.
   *
   * @return a slice with no roots and no replies
   */
  public static ThreadSlice empty() {
    return new ThreadSlice(List.of(), List.of());
  }
}
