package dev.talkback.comments.memory;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One stored comment: the current version, and what it takes to move it in its thread's orders. The
 * comment is replaced (never mutated) under its thread's write lock and read without a lock.
 */
final class Entry {
  /** Newest first: (created, id) descending, for the site-wide indexes. */
  static final Comparator<Entry> NEWEST_FIRST = Comparator.comparing((Entry e) -> e.time).reversed();

  final Time time;
  final ThreadStore thread;
  volatile Comment comment;
  /** This root's key in its thread's TOP order; null for a reply. Guarded by the thread's lock. */
  @Nullable Top top;
  /** The client keys that liked this comment, created on the first like. Guarded by the thread's lock. */
  private @Nullable Set<String> likers;

  Entry(Comment comment, ThreadStore thread) {
    this.comment = comment;
    this.thread = thread;
    this.time = new Time(comment.created(), comment.id());
    this.top = comment.isTopLevel() ? new Top(comment.likes(), comment.created(), comment.id()) : null;
  }

  /** Records a like; whether this client had not liked the comment before. Call under the thread's lock. */
  boolean addLiker(String clientKey) {
    if (likers == null) {
      likers = new HashSet<>(4);
    }
    return likers.add(clientKey);
  }

  /** A position in (created, id) order. */
  record Time(Instant created, CommentId id) implements Comparable<Time> {
    @Override
    public int compareTo(Time o) {
      int c = created.compareTo(o.created);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  /** A position in TOP order: likes descending, then (created, id) ascending. */
  record Top(long likes, Instant created, CommentId id) implements Comparable<Top> {
    @Override
    public int compareTo(Top o) {
      int c = Long.compare(o.likes, likes);
      if (c != 0) {
        return c;
      }
      c = created.compareTo(o.created);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }
}
