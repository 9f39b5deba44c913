package dev.talkback.comments.memory;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.ThreadKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything one site holds: its comments by id, its threads, and the site-wide indexes (by status, by
 * author, approved comments per author). The indexes are changed by {@link ThreadStore} under the thread's
 * write lock; they are concurrent sets, so readers take no lock and filter by the comment's current status.
 */
final class SiteStore {
  final ConcurrentHashMap<CommentId, Entry> comments = new ConcurrentHashMap<>();
  final ConcurrentHashMap<ThreadKey, ThreadStore> threads = new ConcurrentHashMap<>();
  /** One set per status, every status from the constructor on. */
  private final Map<CommentStatus, NavigableSet<Entry>> byStatus = new EnumMap<>(CommentStatus.class);
  private final ConcurrentHashMap<String, NavigableSet<Entry>> byAuthor = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> approvedByAuthor = new ConcurrentHashMap<>();
  private final ArrayDeque<ErasureRecord> erasures = new ArrayDeque<>();

  SiteStore() {
    for (CommentStatus s : CommentStatus.values()) {
      byStatus.put(s, new ConcurrentSkipListSet<>(Entry.NEWEST_FIRST));
    }
  }

  private NavigableSet<Entry> withStatus(CommentStatus status) {
    return Objects.requireNonNull(byStatus.get(status), "the constructor indexes every status");
  }

  /** Indexes a newly stored comment. */
  void added(Entry e) {
    Comment c = e.comment;
    withStatus(c.status()).add(e);
    c.author().key().ifPresent(key -> {
      byAuthor.computeIfAbsent(key, k -> new ConcurrentSkipListSet<>(Entry.NEWEST_FIRST)).add(e);
      if (c.status() == CommentStatus.APPROVED) {
        approvedByAuthor.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      }
    });
  }

  /** Moves a comment between the status indexes; {@code e.comment} already has status {@code to}. */
  void statusChanged(Entry e, CommentStatus from, CommentStatus to) {
    withStatus(to).add(e);
    withStatus(from).remove(e);
    e.comment.author().key().ifPresent(key -> {
      if (to == CommentStatus.APPROVED) {
        approvedByAuthor.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      } else if (from == CommentStatus.APPROVED) {
        approvedByAuthor.computeIfPresent(key, (k, n) -> {
          n.decrementAndGet();
          return n;
        });
      }
    });
  }

  List<Comment> byStatus(CommentStatus status, int limit) {
    List<Comment> result = new ArrayList<>(Math.min(limit, 64));
    for (Entry e : withStatus(status)) {
      if (result.size() >= limit) {
        break;
      }
      Comment c = e.comment;
      if (c.status() == status) { // a comment changing status may briefly sit in two sets
        result.add(c);
      }
    }
    return result;
  }

  List<Comment> byAuthor(String authorKey, int limit) {
    NavigableSet<Entry> entries = byAuthor.get(authorKey);
    if (entries == null) {
      return List.of();
    }
    List<Comment> result = new ArrayList<>(Math.min(limit, 64));
    for (Entry e : entries) {
      if (result.size() >= limit) {
        break;
      }
      result.add(e.comment);
    }
    return result;
  }

  /** Forgets a removed comment in the site's indexes. */
  void removed(Entry e, Comment c) {
    comments.remove(c.id(), e);
    withStatus(c.status()).remove(e);
    forgetAuthor(e, c);
  }

  /** Moves an erased comment's index entries from {@code old} to {@code now} (no author key any more). */
  void erased(Entry e, Comment old, Comment now) {
    if (old.status() != now.status()) {
      withStatus(now.status()).add(e);
      withStatus(old.status()).remove(e);
    }
    forgetAuthor(e, old);
  }

  private void forgetAuthor(Entry e, Comment c) {
    c.author().key().ifPresent(key -> {
      NavigableSet<Entry> theirs = byAuthor.get(key);
      if (theirs != null) {
        theirs.remove(e);
      }
      if (c.status() == CommentStatus.APPROVED) {
        approvedByAuthor.computeIfPresent(key, (k, n) -> {
          n.decrementAndGet();
          return n;
        });
      }
    });
  }

  /** Records an erasure in the site's log. */
  void logged(ErasureRecord r) {
    synchronized (erasures) {
      erasures.addFirst(r);
    }
  }

  /** The site's erasures, newest first. */
  List<ErasureRecord> erasures(int limit) {
    synchronized (erasures) {
      List<ErasureRecord> result = new ArrayList<>(Math.min(limit, erasures.size()));
      for (ErasureRecord r : erasures) {
        if (result.size() >= limit) {
          break;
        }
        result.add(r);
      }
      return result;
    }
  }

  boolean hasApproved(String authorKey) {
    AtomicInteger n = approvedByAuthor.get(authorKey);
    return n != null && n.get() > 0;
  }
}
