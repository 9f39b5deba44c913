package dev.talkback.comments.fallback;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.StoreMode;

/**
 * Hears what a {@link FallbackCommentStore} does, for metrics and alerts: mode changes, comments queued and
 * replayed, and every probe result. Register one with {@link FallbackCommentStoreBuilder#listener}; the
 * default hears nothing.
 *
 * <pre>{@code
 * Counter toReadOnly = registry.counter("talkback.fallback.mode.changes", "to", "read_only");
 * FallbackListener metrics = new FallbackListener() {
 *   public void modeChanged(StoreMode from, StoreMode to, String primary, String reason) {
 *     if (to == StoreMode.READ_ONLY) toReadOnly.increment();
 *   }
 * };
 * }</pre>
 *
 * <p>Every method has an empty default, and new events arrive only as new default methods, so an
 * implementation overrides what it needs and keeps compiling.
 *
 * <p><b>All implementations of this interface must be threadsafe!</b> Methods are called on request threads
 * (a failed call switches the mode; a comment is queued) and on the probe thread, possibly at once. They
 * must return quickly and must not call back into the store: a mode change is reported while the store
 * holds its mode lock. An exception thrown by a listener is logged and otherwise ignored; it never changes
 * what the store does.
 */
public interface FallbackListener {

  /**
   * The store changed mode. Called once per change, in order.
   *
   * @param from the mode before
   * @param to the mode now
   * @param primary the name of the database in use as primary (after the change)
   * @param reason why, as logged
   */
  default void modeChanged(StoreMode from, StoreMode to, String primary, String reason) {}

  /**
   * A new comment was appended to the write spool while read-only, and answered as queued.
   *
   * @param id the comment
   * @param spoolDepth how many comments wait now
   */
  default void queued(CommentId id, long spoolDepth) {}

  /**
   * A replay pass stored waiting comments into a primary (the write spool, or the replication journal of
   * {@link FallbackCommentStoreBuilder#retainUntilReplicated}). Not called for a pass that did nothing.
   *
   * @param database the primary it replayed into
   * @param stored how many comments it stored
   * @param setAside how many the primary refused, moved aside for an operator
   */
  default void replayed(String database, long stored, long setAside) {}

  /**
   * A probe answered.
   *
   * @param database the database probed (the primary or a standby)
   * @param seen what it answered; {@code stale} is decided by the store afterwards
   */
  default void probed(String database, Writability seen) {}

  /**
   * A probe failed: the database could not be reached, threw, or did not answer within the probe deadline.
   * Also called for a replica whose probe read failed.
   *
   * @param database the database probed
   * @param error what went wrong
   */
  default void probeFailed(String database, String error) {}
}
