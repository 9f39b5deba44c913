package dev.talkback.comments.fallback;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.notification.SubscriptionRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A durable, ordered queue of new comments waiting for a writable primary: the journal behind
 * {@link WritePolicy#SPOOL}. {@link FileWriteSpool} is the implementation to use; implement this interface
 * only to keep the journal somewhere else (it must be as durable: an entry {@link #append}ed must survive a
 * crash of the process).
 *
 * <p>Replay is at least once: the reader takes entries with {@link #peek}, stores them, and only then
 * {@link #acknowledge}s them. A crash between the two replays the entry again, and since
 * {@link dev.talkback.comments.spi.CommentStore#insert} is idempotent by comment id, at least once plus an
 * idempotent insert is exactly once.
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
public interface WriteSpool extends AutoCloseable {

  /**
   * Appends a comment, durably, before returning. Idempotent by comment id: if a comment with the same
   * site and id is already waiting, nothing is written and that entry is returned.
   *
   * @param thread the thread it belongs to, kept for replay
   * @param comment the new comment
   * @return the entry, with its sequence number
   * @throws SpoolFullException if the spool holds as many entries as it may
   * @throws java.io.UncheckedIOException if the entry could not be written and forced to disk; nothing was
   *     appended
   */
  Entry append(ThreadInfo thread, Comment comment);

  /**
   * Appends a comment with what its author asked to be mailed about, both durably in one entry (one
   * {@code fsync}), so that replay can record the subscriptions once the comment is stored. Idempotent by
   * comment id like {@link #append(ThreadInfo, Comment)}.
   *
   * <p>The default appends the comment alone and the request is lost ({@link Entry#subscription()} of the
   * entry returned says so); {@link FileWriteSpool} keeps it. Implementations should override this.
   *
   * @param thread the thread it belongs to, kept for replay
   * @param comment the new comment
   * @param subscription what the author asked to be mailed about
   * @return the entry, with its sequence number
   * @throws SpoolFullException if the spool holds as many entries as it may
   * @throws java.io.UncheckedIOException if the entry could not be written and forced to disk; nothing was
   *     appended
   */
  default Entry append(ThreadInfo thread, Comment comment, SubscriptionRequest subscription) {
    return append(thread, comment);
  }

  /**
   * The waiting comment with this id, if any.
   *
   * @param site its site
   * @param id its id
   * @return the comment, or empty if none with this id waits
   */
  Optional<Comment> find(SiteId site, CommentId id);

  /**
   * The oldest waiting entries, oldest first; removes nothing.
   *
   * @param max the most entries to return
   * @return at most {@code max} entries
   */
  List<Entry> peek(int max);

  /**
   * Removes entries once they are stored elsewhere, durably: every waiting entry with a sequence number up
   * to and including {@code sequence}. Call it only once the store has made them durable (its insert
   * returned). A local failure to record the acknowledgement (a full or read-only disk) must not throw: the
   * entries leave the queue anyway, the failure shows in {@link #problem()}, and the acknowledgement is
   * recorded once the disk takes writes again. Until then a restart replays those entries once more, which
   * is harmless because inserts are idempotent by comment id; dropping an entry early would not be.
   *
   * @param sequence the last sequence number stored elsewhere
   */
  void acknowledge(long sequence);

  /**
   * Moves the entry with this sequence number out of the queue into a place an operator can inspect
   * (it could not be stored and would block every later entry). It is never dropped silently: the
   * implementation logs it and keeps its bytes. If that place cannot be written (a full or read-only disk),
   * the entry leaves this process's queue but stays in the journal, to be set aside again after a restart,
   * and the failure shows in {@link #problem()}; this method does not throw for it.
   *
   * @param sequence the entry's sequence number
   * @param reason why it could not be stored, for the operator
   */
  void setAside(long sequence, String reason);

  /**
   * A failure of the local disk under the spool that has not cleared yet (a full or read-only disk): the
   * last append, acknowledgement or set-aside that could not be written. Empty again once a write succeeds.
   * It is the server's problem, never the database's.
   *
   * @return what failed, for operators; empty by default and while the disk works
   */
  default Optional<String> problem() {
    return Optional.empty();
  }

  /**
   * How many comments are waiting.
   *
   * @return the depth
   */
  long depth();

  /**
   * How many entries were set aside (unreadable on open, or refused by the store on replay) since opened.
   *
   * @return the count
   */
  long setAsideCount();

  /** Releases the file or connection; entries stay where they are for the next open. */
  @Override
  void close();

  /**
   * One waiting comment.
   *
   * @param sequence its position in the spool, increasing with every append
   * @param thread the thread it belongs to, as the writer gave it
   * @param comment the comment
   * @param subscription what its author asked to be mailed about, recorded when it is replayed
   */
  record Entry(long sequence, ThreadInfo thread, Comment comment, SubscriptionRequest subscription) {

    /**
     * Checks the arguments.
     *
     * @param sequence its position in the spool
     * @param thread the thread it belongs to
     * @param comment the comment
     * @param subscription what its author asked to be mailed about
     */
    public Entry {
      Objects.requireNonNull(thread, "thread");
      Objects.requireNonNull(comment, "comment");
      Objects.requireNonNull(subscription, "subscription");
    }

    /**
     * An entry whose author asked for no mail.
     *
     * @param sequence its position in the spool
     * @param thread the thread it belongs to
     * @param comment the comment
     */
    public Entry(long sequence, ThreadInfo thread, Comment comment) {
      this(sequence, thread, comment, SubscriptionRequest.NONE);
    }
  }
}
