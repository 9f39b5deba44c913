package dev.talkback.comments.spi;

import dev.talkback.comments.Comment;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.ErasureRequest;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes comments: a primary store. See {@link CommentReader} for the failure rules.
 *
 * <p>Every implementation must pass {@code dev.talkback.comments.testkit.CommentStoreContract}.
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
public interface CommentStore extends CommentReader {

  /**
   * Stores a new comment, creating its thread from {@code thread} if the store has none under that key (an
   * existing thread keeps its title, URL and closed flag). Idempotent by {@link Comment#id()}: if a
   * comment with that id is already stored, nothing changes and the stored one is returned as
   * {@link InsertResult.Outcome#EXISTING}. Keeps the thread's approved count in step, atomically.
   *
   * <p><b>Durable on return.</b> A store that keeps comments (a database) returns
   * {@link InsertResult.Outcome#CREATED} only once the comment survives the process dying: the reader is
   * told 201 on that promise, and {@code FallbackCommentStore} drops a replayed comment from its spool on
   * it. A database that commits lazily must be configured or forced not to (the JDBI store does so for
   * H2). {@link dev.talkback.comments.memory.InMemoryCommentStore} keeps nothing and is not durable.
   *
   * @param thread the thread the comment belongs to; its site and key equal the comment's
   * @param comment the comment, with {@code version} 0 and {@code likes} 0
   * @return the comment as stored and whether it was created, already there, or queued
   */
  InsertResult insert(ThreadInfo thread, Comment comment);

  /**
   * Stores a new comment as {@link #insert(ThreadInfo, Comment)} does, with what its author asked to be
   * mailed about. Only a store that <em>queues</em> the comment instead of storing it
   * ({@code FallbackCommentStore} while the database is down, answering {@link InsertResult.Outcome#QUEUED})
   * keeps the request, durably with the comment, and records the subscriptions when the comment is stored.
   * Every other outcome ignores it: the caller subscribes a stored comment's author itself. The default
   * ignores it always.
   *
   * @param thread the thread the comment belongs to; its site and key equal the comment's
   * @param comment the comment, with {@code version} 0 and {@code likes} 0
   * @param subscription what the author asked to be mailed about
   * @return the comment as stored and whether it was created, already there, or queued
   */
  default InsertResult insert(ThreadInfo thread, Comment comment,
      dev.talkback.comments.notification.SubscriptionRequest subscription) {
    return insert(thread, comment);
  }

  /**
   * Stores many new comments of one thread, as {@link #insert} would one by one; a store may do it in
   * batches. Returns one result per comment, in order. Parents must come before their replies.
   *
   * @param thread the thread
   * @param comments the new comments of that thread, parents before their replies
   * @return one result per comment, in the order given
   */
  default List<InsertResult> insertAll(ThreadInfo thread, List<Comment> comments) {
    List<InsertResult> results = new ArrayList<>(comments.size());
    for (Comment c : comments) {
      results.add(insert(thread, c));
    }
    return results;
  }

  /**
   * Replaces a stored comment if its version is still {@code expectedVersion}. The caller sets the new
   * version (normally {@code expectedVersion + 1}). Only the mutable fields change: source, format, html,
   * status, edited, version and edit token hash; id, site, thread, parent, author, created and likes stay.
   * Keeps the thread's approved count in step, atomically.
   *
   * @param updated the comment with its changed fields and its new version
   * @param expectedVersion the version the caller read; the update happens only if it is still stored
   * @return the comment as now stored
   * @throws dev.talkback.comments.CommentNotFoundException if no comment has that id on that site
   * @throws dev.talkback.comments.ConcurrentEditException if the stored version differs
   */
  Comment update(Comment updated, long expectedVersion);

  /**
   * Records that a client likes a comment; a client's second like changes nothing.
   *
   * @param clientKey a stable key of the liking client (a user id, or a hash of a browser cookie)
   * @param site the site
   * @param id the comment
   * @return the comment's likes after this call
   * @throws dev.talkback.comments.CommentNotFoundException if no comment has that id on that site
   */
  int like(SiteId site, CommentId id, String clientKey);

  /**
   * Records that each of these clients likes a comment, as {@link #like} would one by one: a client that likes
   * it already, or that appears twice, counts once. For an import, which gives a comment its likes back as one
   * like per client; a database store does it in one transaction. The default calls {@link #like} for each.
   *
   * @param site the site
   * @param id the comment
   * @param clientKeys stable keys of the liking clients
   * @throws dev.talkback.comments.CommentNotFoundException if no comment has that id on that site (when
   *     {@code clientKeys} is not empty)
   */
  default void likeAll(SiteId site, CommentId id, List<String> clientKeys) {
    for (String clientKey : clientKeys) {
      like(site, id, clientKey);
    }
  }

  /**
   * Creates or replaces a thread's title, URL and closed flag.
   *
   * @param thread the thread
   */
  void saveThread(ThreadInfo thread);

  /**
   * The outbox and subscriptions kept beside the comments, if this store keeps them. A store that returns one
   * writes the events of {@code dev.talkback.comments.notification.ChangeEvents} with every insert that
   * creates a comment and every update that changes its text or status, in the same transaction where it
   * can; a comment replayed from a write spool thereby makes its events when it reaches the store.
   *
   * @return the notification store; empty (the default) if this store keeps none
   */
  default Optional<NotificationStore> notifications() {
    return Optional.empty();
  }

  /**
   * Tells the store that many comments were just inserted (an import), so a database store can refresh its
   * planner statistics before readers arrive. The default does nothing.
   */
  default void afterBulkLoad() {}

  /**
   * Erases one person's data on a site (GDPR article 17) and logs it, durably, in {@link #erasures}. The
   * comments are those {@link #authorComments} finds for {@code request.author()}. With
   * {@link dev.talkback.comments.ErasureMode#DELETE} each is removed (with its likes), unless a comment that
   * stays still replies to it: then it becomes a tombstone ({@link ErasureRequest#erased} with
   * {@code tombstone} true), so the thread keeps its shape. With
   * {@link dev.talkback.comments.ErasureMode#ANONYMIZE} each is kept with its text and status and
   * without its author data ({@link ErasureRequest#erased} with {@code tombstone} false). Approved counts
   * follow. Stores that can do it in one transaction do. A second erasure of the same person finds nothing
   * left to delete (tombstones have no author) and is logged too.
   *
   * <p>The default throws {@link UnsupportedOperationException}: the SPI has no other way to remove a
   * comment or change its author. The in-memory and Jdbi stores implement it.
   *
   * @param request whose data, how, by whom and when
   * @return the log entry, with the counts of what was done
   * @throws UnsupportedOperationException if this store cannot erase
   */
  default ErasureRecord eraseAuthor(ErasureRequest request) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot erase an author's data");
  }
}
