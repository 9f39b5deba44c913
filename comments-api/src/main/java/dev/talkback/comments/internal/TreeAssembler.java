package dev.talkback.comments.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNode;
import dev.talkback.comments.CommentStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds a thread tree from comments stored flat with parent pointers, in one pass over the input plus a
 * sort of each reply list.
 *
 * <ul>
 *   <li>Top-level comments keep the order given; replies are oldest first.
 *   <li>Depth is capped: replies to a comment at the cap are attached at the cap, as its later siblings,
 *       so the conversation continues flat and in time order.
 *   <li>Only {@link CommentStatus#APPROVED} comments are shown. A hidden comment (deleted, spam, pending) with
 *       shown replies becomes a blanked tombstone; one without vanishes.
 *   <li>A reply whose parent is not among the input hangs under its top-level comment.
 * </ul>
 */
public final class TreeAssembler {
  /** Replies: oldest first, id as tie breaker. */
  public static final Comparator<Comment> CHRONOLOGICAL =
      Comparator.comparing(Comment::created).thenComparing(Comment::id);

  private final int maxDepth;

  /**
   * An assembler that caps replies at a depth.
   *
   * @param maxDepth the depth of the deepest reply (top-level comments are at 0); at least 1
   */
  public TreeAssembler(int maxDepth) {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
    }
    this.maxDepth = maxDepth;
  }

  /**
   * Assembles the tree.
   *
   * @param roots top-level comments in display order
   * @param replies their replies at any depth, in any order
   * @return the top-level comments in the order given, each with its replies
   */
  public List<CommentNode> assemble(List<Comment> roots, List<Comment> replies) {
    Map<CommentId, Comment> byId = new HashMap<>(capacity(roots.size() + replies.size()));
    for (Comment r : roots) {
      byId.put(r.id(), r);
    }
    for (Comment r : replies) {
      byId.put(r.id(), r);
    }
    Map<CommentId, List<Comment>> children = new HashMap<>(capacity(replies.size()));
    for (Comment r : replies) {
      if (r.isTopLevel()) {
        continue; // not a reply: ignore a misplaced root
      }
      CommentId parent = r.parentId().orElseThrow();
      if (!byId.containsKey(parent)) {
        if (!byId.containsKey(r.rootId())) {
          continue; // its whole conversation is off this page
        }
        parent = r.rootId();
      }
      children.computeIfAbsent(parent, k -> new ArrayList<>(4)).add(r);
    }
    List<CommentNode> out = new ArrayList<>(roots.size());
    for (Comment root : roots) {
      CommentNode n = node(root, 0, children);
      if (n != null) {
        out.add(n);
      }
    }
    return out;
  }

  private @Nullable CommentNode node(Comment c, int depth, Map<CommentId, List<Comment>> children) {
    List<Comment> kids = children.get(c.id());
    List<CommentNode> replies;
    if (kids == null) {
      replies = List.of();
    } else if (depth + 1 < maxDepth) {
      kids.sort(CHRONOLOGICAL);
      replies = new ArrayList<>(kids.size());
      for (Comment k : kids) {
        CommentNode n = node(k, depth + 1, children);
        if (n != null) {
          replies.add(n);
        }
      }
    } else {
      replies = atCap(kids, children);
    }
    boolean shown = c.status() == CommentStatus.APPROVED;
    if (!shown && replies.isEmpty()) {
      return null;
    }
    return new CommentNode(shown ? c : blank(c), depth, !shown, replies);
  }

  /** The children of a comment one above the cap: each child and all its descendants, flat and in time order. */
  private List<CommentNode> atCap(List<Comment> kids, Map<CommentId, List<Comment>> children) {
    List<Comment> flat = new ArrayList<>(kids.size());
    Deque<Comment> todo = new ArrayDeque<>(kids);
    while (!todo.isEmpty()) {
      Comment c = todo.pop();
      flat.add(c);
      List<Comment> more = children.get(c.id());
      if (more != null) {
        more.forEach(todo::push);
      }
    }
    flat.sort(CHRONOLOGICAL);
    List<CommentNode> out = new ArrayList<>(flat.size());
    for (Comment c : flat) {
      if (c.status() == CommentStatus.APPROVED) {
        out.add(new CommentNode(c, maxDepth, false, List.of()));
      }
    }
    return out;
  }

  /**
   * A removed comment, reduced to what a tombstone may show: where it stood and when.
   *
   * @param c a hidden comment
   * @return a removed comment, reduced to what a tombstone may show: where it stood and when
   */
  public static Comment blank(Comment c) {
    return c.toBuilder().author(Author.named("")).source("").html("").editTokenHash(null).ipHash(null).build();
  }

  private static int capacity(int n) {
    return Math.max(16, (int) (n / 0.75f) + 1);
  }
}
