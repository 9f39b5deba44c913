package dev.talkback.comments.memory;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.ConcurrentEditException;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ErasureRequest;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.internal.SharedInstances;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.Keyset;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * One thread: its info, its top-level comments kept sorted for every {@link dev.talkback.comments.CommentSort},
 * its replies grouped by root, and its approved count. Writes take the write lock, pages the read lock,
 * so a page is a consistent snapshot; {@link #approved()} and {@link #info()} need no lock.
 */
final class ThreadStore {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Lock read = lock.readLock();
  private final Lock write = lock.writeLock();
  private volatile ThreadInfo info;
  /** Changed under the write lock; read without one. */
  private final AtomicInteger approved = new AtomicInteger();
  /** Roots in OLDEST order; NEWEST is its descending view. */
  private final TreeMap<Entry.Time, Entry> byTime = new TreeMap<>();
  /** Roots in TOP order. */
  private final TreeMap<Entry.Top, Entry> byTop = new TreeMap<>();
  private final Map<CommentId, List<Entry>> repliesByRoot = new HashMap<>();
  /** Every comment, top-level or reply, by (created, id): the thread's part of a site walk. */
  private final TreeMap<Entry.Time, Entry> all = new TreeMap<>();

  /** The site and key every comment of this thread shares (a comment keeps no copies of its own). */
  private final SiteId site;
  private final ThreadKey key;

  ThreadStore(ThreadInfo info) {
    this.info = info;
    this.site = info.site();
    this.key = info.key();
  }

  ThreadInfo info() {
    return info;
  }

  void info(ThreadInfo info) {
    this.info = info;
  }

  int approved() {
    return approved.get();
  }

  /** Stores comments of this thread, in order, under one lock; their parents were checked. */
  List<InsertResult> insert(SiteStore site, List<Comment> comments) {
    List<InsertResult> results = new ArrayList<>(comments.size());
    write.lock();
    try {
      for (Comment c : comments) {
        results.add(insertLocked(site, c));
      }
    } finally {
      write.unlock();
    }
    return results;
  }

  private InsertResult insertLocked(SiteStore site, Comment given) {
    Comment c = SharedInstances.share(given, this.site, key, id -> {
      Entry stored = site.comments.get(id);
      return stored == null ? id : stored.comment.id();
    });
    Entry e = new Entry(c, this);
    Entry existing = site.comments.putIfAbsent(c.id(), e);
    if (existing != null) {
      return InsertResult.existing(existing.comment);
    }
    all.put(e.time, e);
    if (c.isTopLevel()) {
      byTime.put(e.time, e);
      byTop.put(e.top, e);
    } else {
      repliesByRoot.computeIfAbsent(c.rootId(), k -> new ArrayList<>(4)).add(e);
    }
    if (c.status() == CommentStatus.APPROVED) {
      approved.incrementAndGet();
    }
    site.added(e);
    return InsertResult.created(c);
  }

  /** Replaces the mutable fields of a comment of this thread if its version is still the expected one. */
  Comment update(SiteStore site, Entry e, Comment updated, long expectedVersion) {
    write.lock();
    try {
      Comment old = e.comment;
      if (old.version() != expectedVersion) {
        throw new ConcurrentEditException(old.id(), expectedVersion);
      }
      Comment now = old.toBuilder()
          .source(updated.source())
          .format(updated.format())
          .html(updated.html())
          .status(updated.status())
          .edited(updated.edited().map(InMemoryCommentStore::micros).orElse(null))
          .version(updated.version())
          .editTokenHash(updated.editTokenHash().orElse(null))
          .build();
      e.comment = now;
      if (old.status() != now.status()) {
        if (now.status() == CommentStatus.APPROVED) {
          approved.incrementAndGet();
        } else if (old.status() == CommentStatus.APPROVED) {
          approved.decrementAndGet();
        }
        site.statusChanged(e, old.status(), now.status());
      }
      return now;
    } finally {
      write.unlock();
    }
  }

  /** Records a client's like of a comment of this thread; returns the comment's likes. */
  int like(Entry e, String clientKey) {
    write.lock();
    try {
      if (!e.addLiker(clientKey)) {
        return e.comment.likes();
      }
      Comment now = e.comment.toBuilder().likes(e.comment.likes() + 1).build();
      Entry.Top top = e.top;
      if (top != null) {
        byTop.remove(top);
        e.top = new Entry.Top(now.likes(), top.created(), top.id());
        byTop.put(e.top, e);
      }
      e.comment = now;
      return now.likes();
    } finally {
      write.unlock();
    }
  }

  /** A page of this thread: see {@link ThreadQuery}. Copies only what it returns. */
  /**
   * Up to {@code limit} comments of this thread in (created, id) order, after {@code after} if given.
   *
   * @param after the (created, id) to continue after, or {@code null} from the first
   * @param limit at most this many
   * @param into where to add them
   */
  void walk(Entry.@Nullable Time after, int limit, List<Comment> into) {
    read.lock();
    try {
      for (Entry e : (after == null ? all : all.tailMap(after, false)).values()) {
        if (limit-- <= 0) {
          return;
        }
        into.add(e.comment);
      }
    } finally {
      read.unlock();
    }
  }

  /**
   * Erases comments of this thread: removes those in {@code remove}, replaces the others by what
   * {@code erased} makes of them. The caller made sure no staying comment replies to a removed one.
   *
   * @param site the site's indexes
   * @param entries the entries to erase, all of this thread
   * @param remove the ids to remove outright
   * @param tombstone whether kept comments become tombstones rather than only lose their author data
   */
  void erase(SiteStore site, List<Entry> entries, Set<CommentId> remove, boolean tombstone) {
    write.lock();
    try {
      for (Entry e : entries) {
        Comment old = e.comment;
        if (remove.contains(old.id())) {
          all.remove(e.time);
          if (old.isTopLevel()) {
            byTime.remove(e.time);
            Entry.Top top = e.top;
            if (top != null) {
              byTop.remove(top);
            }
          } else {
            List<Entry> siblings = repliesByRoot.get(old.rootId());
            if (siblings != null) {
              siblings.remove(e);
              if (siblings.isEmpty()) {
                repliesByRoot.remove(old.rootId());
              }
            }
          }
          if (old.status() == CommentStatus.APPROVED) {
            approved.decrementAndGet();
          }
          site.removed(e, old);
        } else {
          Comment now = ErasureRequest.erased(old, tombstone);
          e.comment = now;
          if (old.status() == CommentStatus.APPROVED && now.status() != CommentStatus.APPROVED) {
            approved.decrementAndGet();
          }
          site.erased(e, old, now);
        }
      }
    } finally {
      write.unlock();
    }
  }

  ThreadSlice slice(ThreadQuery q) {
    Set<CommentStatus> statuses = q.statuses();
    read.lock();
    try {
      Collection<Entry> candidates = roots(q); // a view: its size() would walk the whole range
      List<Comment> roots = new ArrayList<>(Math.min(q.limit(), 64));
      List<Comment> replies = new ArrayList<>();
      for (Entry e : candidates) {
        if (roots.size() >= q.limit()) {
          break;
        }
        Comment root = e.comment;
        if (!statuses.contains(root.status())) {
          continue;
        }
        roots.add(root);
        List<Entry> below = repliesByRoot.get(root.id());
        if (below != null) {
          for (Entry r : below) {
            Comment reply = r.comment;
            if (statuses.contains(reply.status())) {
              replies.add(reply);
            }
          }
        }
      }
      return new ThreadSlice(roots, replies);
    } finally {
      read.unlock();
    }
  }

  /** The roots strictly after the query's keyset, in its order: a view, not a copy. */
  private Collection<Entry> roots(ThreadQuery q) {
    @Nullable Keyset after = q.after();
    return switch (q.sort()) {
      case OLDEST -> (after == null ? byTime : byTime.tailMap(new Entry.Time(after.created(), after.id()), false))
          .values();
      case NEWEST -> (after == null ? byTime : byTime.headMap(new Entry.Time(after.created(), after.id()), false))
          .descendingMap().values();
      case TOP -> (after == null
              ? byTop
              : byTop.tailMap(new Entry.Top(after.score(), after.created(), after.id()), false))
          .values();
    };
  }
}
