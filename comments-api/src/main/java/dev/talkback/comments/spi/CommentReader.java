package dev.talkback.comments.spi;

import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
   * A page of every comment of a site, any status, in site order: thread key (by code point, see
   * {@link SitePosition#compareKeys}), then created, then id; the page starts after {@code after}. An export
   * walks a whole site with it in bounded memory:
   *
   * <pre>{@code
   * List<Comment> page = reader.siteComments(site, null, 1000);
   * while (!page.isEmpty()) {
   *   ...
   *   page = reader.siteComments(site, SitePosition.of(page.get(page.size() - 1)), 1000);
   * }
   * }</pre>
   *
   * <p>A comment inserted or removed during a walk is seen or not, but no other comment is skipped or read
   * twice. The default implementation reads the whole site through {@link #byStatus} for every page, which
   * is correct but slow and holds the site in memory; stores override it with a keyset query.
   *
   * @param site the site
   * @param after the position to continue after, or {@code null} to start at the beginning
   * @param limit at most this many, 1 to 10,000
   * @return the next comments in site order; empty at the end
   */
  default List<Comment> siteComments(SiteId site, @Nullable SitePosition after, int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1 to 10,000: " + limit);
    }
    List<Comment> all = new ArrayList<>();
    for (CommentStatus s : CommentStatus.values()) {
      for (Comment c : byStatus(site, s, Integer.MAX_VALUE)) {
        if (after == null || after.isBefore(c)) {
          all.add(c);
        }
      }
    }
    all.sort(SitePosition.SITE_ORDER);
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  /**
   * A page of one person's comments on a site (see {@link AuthorMatch}: by email ignoring case, or by host
   * user id), any status, in site order after {@code after}, as {@link #siteComments} pages them. For the
   * author's own data (GDPR article 15). The default implementation filters {@link #siteComments}; stores
   * override it with a query.
   *
   * @param site the site
   * @param author whose comments
   * @param after the position to continue after, or {@code null} to start at the beginning
   * @param limit at most this many, 1 to 10,000
   * @return the next of the author's comments in site order; empty at the end
   */
  default List<Comment> authorComments(SiteId site, AuthorMatch author, @Nullable SitePosition after, int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1 to 10,000: " + limit);
    }
    List<Comment> found = new ArrayList<>();
    SitePosition at = after;
    while (found.size() < limit) {
      List<Comment> page = siteComments(site, at, 1000);
      if (page.isEmpty()) {
        break;
      }
      for (Comment c : page) {
        if (found.size() < limit && author.matches(c.author())) {
          found.add(c);
        }
      }
      at = SitePosition.of(page.get(page.size() - 1));
    }
    return List.copyOf(found);
  }

  /**
   * The log of erasures of authors' data on a site ({@link CommentStore#eraseAuthor}), newest first. The
   * default is empty: a store that cannot erase has erased nothing.
   *
   * @param site the site
   * @param limit at most this many, 1 to 1000
   * @return the erasures, newest first
   */
  default List<ErasureRecord> erasures(SiteId site, int limit) {
    return List.of();
  }

  /**
   * How this store is doing. A plain store is always {@link StoreHealth#readWrite()}.
   *
   * @return how this store is doing
   */
  default StoreHealth health() {
    return StoreHealth.readWrite();
  }
}
