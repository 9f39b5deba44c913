package dev.talkback.comments.spi;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads comments. A read replica is a {@code CommentReader}; a primary is a {@link CommentStore}.
 *
 * <p>Failures: a store that cannot be reached, or does not answer in time, throws
 * {@link dev.talkback.comments.StoreUnavailableException}; that is the only exception that makes a
 * fallback switch to another source. Any other failure (a bug, a constraint) is thrown as it is. No method
 * throws a checked exception.
 *
 * <p>Every implementation must pass {@code dev.talkback.comments.testkit.CommentStoreContract}.
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
public interface CommentReader {

  /** The comment with this id on this site, whatever its status. */
  Optional<Comment> find(SiteId site, CommentId id);

  /** One page of a thread: see {@link ThreadQuery} and {@link ThreadSlice}. */
  ThreadSlice thread(ThreadQuery query);

  /**
   * The number of {@link CommentStatus#APPROVED} comments of each thread, in one call. Every key asked for is in
   * the result; a thread nobody commented on counts 0.
   */
  Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads);

  /** The newest comments of a site with this status, newest first (a moderation queue, a "recent" box). */
  List<Comment> byStatus(SiteId site, CommentStatus status, int limit);

  /**
   * The newest comments of one author (by {@link dev.talkback.comments.Author#key()}) on a site, any
   * status, newest first.
   */
  List<Comment> byAuthor(SiteId site, String authorKey, int limit);

  /** Whether the author (by {@link dev.talkback.comments.Author#key()}) has an approved comment on the site. */
  boolean hasApproved(SiteId site, String authorKey);

  /** The thread's title, URL and closed flag, if anybody ever commented on it or the host saved it. */
  Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread);

  /** How this store is doing. A plain store is always {@link StoreHealth#readWrite()}. */
  default StoreHealth health() {
    return StoreHealth.readWrite();
  }
}
