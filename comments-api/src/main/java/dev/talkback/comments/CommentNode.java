package dev.talkback.comments;

import java.util.List;
import java.util.Objects;

/**
 * A comment in an assembled thread, with its replies.
 *
 * <p>A comment that was deleted (or hidden by a moderator) but still has visible replies stays in the tree
 * as a tombstone, so the replies keep their context: its author, source and HTML are then blanked, and
 * {@link #tombstone()} is true.
 *
 * @param comment the comment (blanked when a tombstone)
 * @param depth 0 for a top-level comment; replies below the depth cap are attached at the cap
 * @param tombstone whether this stands for a removed comment
 * @param replies the replies, oldest first
 */
public record CommentNode(Comment comment, int depth, boolean tombstone, List<CommentNode> replies) {
  /**
   * Checks the components; see the record's description.
   *
   * @param comment the comment (blanked when a tombstone)
   * @param depth 0 for a top-level comment; replies below the depth cap are attached at the cap
   * @param tombstone whether this stands for a removed comment
   * @param replies the replies, oldest first
   */
  public CommentNode {
    Objects.requireNonNull(comment, "comment");
    replies = List.copyOf(replies);
  }

  /** {@return this comment and every reply below it} */
  public int size() {
    int n = 1;
    for (CommentNode r : replies) {
      n += r.size();
    }
    return n;
  }
}
