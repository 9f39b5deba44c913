package dev.talkback.comments.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notification.Subscription;
import dev.talkback.comments.notification.SubscriptionRequest;
import dev.talkback.comments.spi.NotificationStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a subscription is recorded with its double opt-in confirmation request, for
 * {@link Notifications} (a reader ticks a box after a post) and for the replay of the write spool (a comment
 * queued with a ticked box): the same rows either way.
 */
public final class Subscribing {
  private Subscribing() {}

  /**
   * The confirmation request of a new subscription: at most one per address, site and day, by its dedupe
   * key {@code confirm:<site>:<sha256(address)>:<day>}.
   *
   * @param s the subscription
   * @param day an instant of the day the subscription was asked for
   * @param now when the request is enqueued (and due)
   * @return the confirmation mail, addressed to the subscription
   */
  public static OutboxMessage confirmation(Subscription s, Instant day, Instant now) {
    String dayNumber = Long.toString(Math.floorDiv(day.getEpochSecond(), 86_400L));
    return OutboxMessage.delivery(s.site(), OutboxMessage.Kind.CONFIRMATION_MAIL, null, s.id(), null,
        "confirm:" + s.site().value() + ':' + Notifications.addressHash(s.email()) + ':' + dayNumber, now, now);
  }

  /**
   * Records what the author of a stored comment asked for with it, as if they had ticked the boxes when the
   * comment was posted: the subscriptions are made at the comment's creation, and the confirmation request
   * belongs to that day. Idempotent: a second call finds the same subscriptions and enqueues no second
   * request.
   *
   * @param store the notification store of the store that holds the comment
   * @param comment the stored comment
   * @param request what its author asked for
   * @param now the caller's clock, for the confirmation request
   * @return the subscriptions as stored; none if the author gave no address or asked for nothing
   * @throws IllegalArgumentException if the author's address is not one
   */
  public static List<Subscription> record(NotificationStore store, Comment comment, SubscriptionRequest request,
      Instant now) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(request, "request");
    String email = comment.author().email();
    List<Subscription> out = new ArrayList<>(2);
    if (email == null || !request.any()) {
      return out;
    }
    Instant created = comment.created().truncatedTo(ChronoUnit.MICROS);
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    if (request.replies()) {
      Subscription s = Subscription.toReplies(comment.site(), email, comment.id(), comment.thread(), created);
      out.add(store.subscribe(s, confirmation(s, created, at)));
    }
    if (request.thread()) {
      Subscription s = Subscription.toThread(comment.site(), email, comment.thread(), created);
      out.add(store.subscribe(s, confirmation(s, created, at)));
    }
    return out;
  }
}
