package dev.talkback.comments;

import dev.talkback.comments.internal.text.Rendered;
import dev.talkback.comments.spi.CommentListener;
import dev.talkback.comments.spi.CommentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks that need the database, run again for comments posted while it could not be reached. Such a
 * comment is stored (queued in the spool) as pending whatever the moderation mode would have said, because
 * the blocks and the author's trust could only be guessed; once the store takes writes again (the spool is
 * replayed), each is checked against the database: a blocked author's comment becomes spam, a first-time
 * author's stays pending, and one that passes every check (and was held for nothing else) is approved.
 * Runs on the next post, thread read or moderation listing after the store is back; a comment not replayed
 * yet waits for the next round. Kept in memory (bounded): after a restart, or beyond the bound, queued
 * comments simply stay pending for a moderator. Thread-safe.
 */
final class OutageRechecks {
  private static final Logger log = LoggerFactory.getLogger(OutageRechecks.class);
  static final String REASON = "it was posted while the database could not be reached; it is checked again"
      + " when the database is back";
  private static final int MAX_ENTRIES = 10_000;
  private static final int PER_ROUND = 100;

  /** A queued comment and what its check needs. */
  private record Entry(SiteId site, CommentId id, Author author, @Nullable String ipHash, Rendered body,
      boolean mayApprove) {}

  private final CommentStore store;
  private final Screening screening;
  private final ChangeFanOut changes;
  private final ConcurrentLinkedQueue<Entry> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final ReentrantLock running = new ReentrantLock();

  OutageRechecks(CommentStore store, Screening screening, ChangeFanOut changes) {
    this.store = store;
    this.screening = screening;
    this.changes = changes;
  }

  /**
   * Whether the store cannot take writes now, so that a post would be queued. Only a fallback store queues,
   * and its mode is a field read; any other store refuses a post it cannot take (so nothing is held for an
   * outage), and asking its {@code health()} would cost a database round trip on every post.
   */
  boolean degraded() {
    return store instanceof dev.talkback.comments.fallback.FallbackCommentStore f
        && f.mode() != StoreMode.READ_WRITE;
  }

  /**
   * Remembers a comment held because of the outage.
   *
   * @param mayApprove whether it was held for the outage only (no spam check or caller asked to hold it)
   */
  void remember(Comment c, Rendered body, boolean mayApprove) {
    if (size.incrementAndGet() > MAX_ENTRIES) {
      size.decrementAndGet();
      log.warn("too many comments queued during the outage to check again; comment {} stays pending", c.id());
      return;
    }
    waiting.add(new Entry(c.site(), c.id(), c.author(), c.ipHash().orElse(null), body, mayApprove));
  }

  /** Checks waiting comments again if the store takes writes; returns at once if none wait or it does not. */
  void runIfWritable() {
    // size is never below the queue's length (counted up before an add, down after a poll): one volatile read
    // on every thread read, where the queue's isEmpty walks its head
    if (size.get() == 0 || !running.tryLock()) {
      return;
    }
    try {
      if (degraded()) {
        return;
      }
      List<Entry> later = new ArrayList<>();
      for (int i = 0; i < PER_ROUND; i++) {
        Entry e = waiting.poll();
        if (e == null) {
          break;
        }
        size.decrementAndGet();
        try {
          if (!recheck(e)) {
            later.add(e); // not replayed yet, or the blocks cannot be read: the ones behind it wait too
            break;
          }
        } catch (StoreUnavailableException ex) {
          later.add(e);
          break;
        } catch (RuntimeException ex) {
          log.warn("checking comment {} again after the outage failed; it stays pending", e.id(), ex);
        }
      }
      for (Entry e : later) {
        size.incrementAndGet();
        waiting.add(e);
      }
    } finally {
      running.unlock();
    }
  }

  /** Checks one comment again; false if it is not in the store yet (not replayed). */
  private boolean recheck(Entry e) {
    Optional<Comment> found = store.find(e.site(), e.id());
    if (found.isEmpty()) {
      return false;
    }
    Comment c = found.get();
    if (c.status() != CommentStatus.PENDING) {
      return true; // a moderator decided already
    }
    try {
      if (screening.checkPost(e.site(), e.author(), e.ipHash()) == Screening.BlockCheck.UNKNOWN) {
        return false;
      }
    } catch (CommentRejectedException blocked) {
      log.info("comment {}, queued during the outage, is by a blocked author: marked as spam", c.id());
      update(c, CommentStatus.SPAM, CommentListener::onMarkedSpam);
      return true;
    }
    if (e.mayApprove() && screening.statusOnRecheck(e.site(), e.author(), e.body()) == CommentStatus.APPROVED) {
      update(c, CommentStatus.APPROVED, CommentListener::onApproved);
    }
    return true;
  }

  private void update(Comment c, CommentStatus status, java.util.function.BiConsumer<CommentListener, Comment> event) {
    try {
      Comment stored = store.update(c.toBuilder().status(status).version(c.version() + 1).build(), c.version());
      changes.changed(stored, l -> event.accept(l, stored));
    } catch (ConcurrentEditException raced) {
      log.debug("comment {} changed while it was checked again; the change stands", c.id(), raced);
    }
  }
}
