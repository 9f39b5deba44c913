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

  /**
   * The comment with this id on this site, whatever its status.
   *
   * @param site the site
   * @param id the comment
   * @return the comment with this id on this site, whatever its status
   */
  Optional<Comment> find(SiteId site, CommentId id);

  /**
   * One page of a thread: see {@link ThreadQuery} and {@link ThreadSlice}.
   *
   * @param query the thread, order, keyset, limit and statuses
   * @return one page of a thread: see {@link ThreadQuery} and {@link ThreadSlice}
   */
  ThreadSlice thread(ThreadQuery query);

  /**
   * The number of {@link CommentStatus#APPROVED} comments of each thread, in one call. Every key asked for is in
   * the result; a thread nobody commented on counts 0.
   *
   * @param site the site
   * @param threads the threads to count; may repeat and may be empty
   * @return the number of {@link CommentStatus#APPROVED} comments of each thread, in one call
   */
  Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads);

  /**
   * The newest comments of a site with this status, newest first (a moderation queue, a "recent" box).
   *
   * @param site the site
   * @param status the status
   * @param limit at most this many, 1 to 1000
   * @return the newest comments of a site with this status, newest first (a moderation queue, a "recent" box)
   */
  List<Comment> byStatus(SiteId site, CommentStatus status, int limit);

  /**
   * The newest comments of one author (by {@link dev.talkback.comments.Author#key()}) on a site, any
   * status, newest first.
   *
   * @param site the site
   * @param authorKey the author's {@link dev.talkback.comments.Author#key()}
   * @param limit at most this many, 1 to 1000
   * @return the newest comments of one author (by {@link dev.talkback.comments.Author#key()}) on a site, any status, newest first
   */
  List<Comment> byAuthor(SiteId site, String authorKey, int limit);

  /**
   * Whether the author (by {@link dev.talkback.comments.Author#key()}) has an approved comment on the site.
   *
   * @param site the site
   * @param authorKey the author's {@link dev.talkback.comments.Author#key()}
   * @return whether the author (by {@link dev.talkback.comments.Author#key()}) has an approved comment on the site
   */
  boolean hasApproved(SiteId site, String authorKey);

  /**
   * The thread's title, URL and closed flag, if anybody ever commented on it or the host saved it.
   *
   * @param site the site
   * @param thread the thread
   * @return the thread's title, URL and closed flag, if anybody ever commented on it or the host saved it
   */
  Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread);

  /**
   * How this store is doing. A plain store is always {@link StoreHealth#readWrite()}.
   *
   * @return how this store is doing
   */
  default StoreHealth health() {
    return StoreHealth.readWrite();
  }
}
