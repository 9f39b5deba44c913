package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.CommentsException;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.Subscription;
import dev.talkback.comments.notification.SubscriptionRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "email me replies" and "all new comments on this post" boxes of the widget and the no-JS form, off by
 * default: checked before the post (a ticked box needs an address), acted on after it succeeded
 * ({@link Notifications#subscribeToReplies}, {@link Notifications#subscribeToThread}; double opt-in). A
 * comment queued while the store is read-only carries the wish in its spool entry ({@link Wish#request}), and the
 * subscriptions are recorded when the spool is replayed. Thread-safe.
 */
final class OptIn {
  private static final Logger log = LoggerFactory.getLogger(OptIn.class);

  /** What the reader ticked. */
  record Wish(boolean replies, boolean thread) {
    /** Nothing ticked. */
    static final Wish NONE = new Wish(false, false);

    boolean any() {
      return replies || thread;
    }

    /** The wish as the post carries it to the store (kept with the comment if it is queued). */
    SubscriptionRequest request() {
      return any() ? new SubscriptionRequest(replies, thread) : SubscriptionRequest.NONE;
    }
  }

  /** What became of a wish, as the JSON answer's {@code subscription} field says it. */
  enum Outcome {
    /** Recorded; a confirmation mail goes out if the address is new on the site (the answer never says which). */
    REQUESTED("requested"),
    /** The comment was posted or queued, but the subscription could not be recorded. */
    NOT_RECORDED("not_recorded");

    private final String json;

    Outcome(String json) {
      this.json = json;
    }

    String json() {
      return json;
    }
  }

  private final @Nullable Notifications notifications;

  OptIn(@Nullable Notifications notifications) {
    this.notifications = notifications;
  }

  /** Whether the boxes are offered at all. */
  boolean enabled() {
    return notifications != null;
  }

  /**
   * Refuses, before anything is posted, a ticked box this server cannot honour: notifications are off, or
   * no valid address was given. A 400 problem naming the {@code email} field.
   */
  void check(Wish wish, @Nullable String email) {
    if (!wish.any()) {
      return;
    }
    if (notifications == null) {
      throw new HttpProblem(400, "notifications_off", "Notifications are off",
          "this comment server sends no notification mails: leave notifyReplies and notifyThread out");
    }
    if (email == null || email.isBlank()) {
      throw new HttpProblem(400, "email_required", "Email address needed",
          "an email address is needed to be told about new comments: fill in the email field or untick the box",
          List.of(new Violation("email", "is needed to be told about new comments")), null);
    }
    try {
      Subscription.normalizeEmail(email);
    } catch (IllegalArgumentException e) {
      throw new HttpProblem(400, "email_invalid", "Email address not valid",
          "the email address is not one: " + e.getMessage(),
          List.of(new Violation("email", "is not an email address (local@domain, no spaces)")), null);
    }
  }

  /**
   * Subscribes after a successful post.
   *
   * @return what became of the wish, or {@code null} when nothing was ticked
   */
  @Nullable Outcome subscribe(Wish wish, PostResult posted) {
    Notifications n = notifications;
    if (!wish.any() || n == null) {
      return null;
    }
    Comment c = posted.comment();
    String email = c.author().email();
    if (email == null) {
      return Outcome.NOT_RECORDED; // checked before posting; a host's identity may still have none
    }
    if (posted.outcome() == PostResult.Outcome.QUEUED) {
      // the store is read-only: the wish went into the comment's spool entry with it, in the same fsync, and
      // is recorded when the spool is replayed
      return Outcome.REQUESTED;
    }
    try {
      if (wish.replies()) {
        n.subscribeToReplies(c);
      }
      if (wish.thread()) {
        n.subscribeToThread(c.site(), c.thread(), email);
      }
      return Outcome.REQUESTED;
    } catch (CommentsException e) {
      log.warn("comment {} posted, but its author's subscription could not be recorded: {}", c.id(), e.getMessage());
      return Outcome.NOT_RECORDED;
    }
  }
}
