package dev.talkback.comments.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which of an author's comments an erasure may remove outright: those with no reply that stays. A reply
 * that is the same author's own and is removed too does not keep its parent; any other reply does, and the
 * parent becomes a tombstone. Works from the leaves up, so a chain of the author's own replies goes whole.
 */
public final class ErasurePlan {
  private ErasurePlan() {}

  /**
   * The ids to remove.
   *
   * @param theirs the author's comments
   * @param replyParents the parent id of every stored reply to one of {@code theirs} (any author), by the
   *     reply's id
   * @return the ids among {@code theirs} that no staying reply points at
   */
  public static Set<CommentId> removable(Collection<Comment> theirs, Map<CommentId, CommentId> replyParents) {
    Map<CommentId, Comment> byId = new HashMap<>();
    for (Comment c : theirs) {
      byId.put(c.id(), c);
    }
    Map<CommentId, Integer> waiting = new HashMap<>(); // replies not (yet) known to go, per comment of theirs
    for (Map.Entry<CommentId, CommentId> r : replyParents.entrySet()) {
      if (byId.containsKey(r.getValue()) && !r.getKey().equals(r.getValue())) {
        waiting.merge(r.getValue(), 1, Integer::sum);
      }
    }
    Deque<Comment> ready = new ArrayDeque<>();
    for (Comment c : theirs) {
      if (!waiting.containsKey(c.id())) {
        ready.add(c);
      }
    }
    Set<CommentId> removable = new HashSet<>();
    while (!ready.isEmpty()) {
      Comment c = ready.poll();
      if (!removable.add(c.id())) {
        continue;
      }
      c.parentId().ifPresent(p -> {
        Comment parent = byId.get(p);
        if (parent != null && waiting.merge(p, -1, Integer::sum) == 0) {
          ready.add(parent);
        }
      });
    }
    return removable;
  }
}
