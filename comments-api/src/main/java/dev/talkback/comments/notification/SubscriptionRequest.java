package dev.talkback.comments.notification;

/**
 * What the author of a new comment asked to be mailed about: the replies to that comment ("email me
 * replies"), every new comment of its thread ("all new comments on this post"), both or neither. Double
 * opt-in applies as always: the address is the comment author's, and a new one is asked to confirm first.
 *
 * <p>Given to {@link dev.talkback.comments.NewComment.Builder#subscribe}, it travels with the comment. A
 * comment stored at once is subscribed by the caller afterwards ({@link Notifications#subscribeToReplies},
 * {@link Notifications#subscribeToThread}); a comment queued in the write spool while the database is down
 * keeps the request in its spool entry, and the subscriptions are recorded when the spool is replayed, as if
 * the comment had been posted then.
 *
 * @param replies the replies to the comment
 * @param thread every new visible comment of the comment's thread
 */
public record SubscriptionRequest(boolean replies, boolean thread) {

  /** Nothing asked for. */
  public static final SubscriptionRequest NONE = new SubscriptionRequest(false, false);

  /**
   * Whether anything was asked for.
   *
   * @return true if either box was ticked
   */
  public boolean any() {
    return replies || thread;
  }
}
