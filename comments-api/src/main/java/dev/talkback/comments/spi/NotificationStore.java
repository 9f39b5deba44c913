package dev.talkback.comments.spi;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notification.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox and the subscriptions, kept in the same store as the comments: a store that has one returns it
 * from {@link CommentStore#notifications()} and writes the events of {@code ChangeEvents} with every insert
 * and update, in the same transaction where it can.
 *
 * <p><b>Delivery.</b> Senders on any number of nodes {@link #claim} due messages: a claim is a lease, so two
 * nodes never hold the same message at once, and a message whose sender died is claimed again once its lease
 * has run out (so a crash between sending and {@link #delivered marking} sends it once more, never zero
 * times). A delivered message is never claimed again.
 *
 * <p>Every implementation must pass {@code dev.talkback.comments.testkit.NotificationStoreContract}. Failures
 * follow {@link CommentReader}'s rules ({@code StoreUnavailableException} when the store cannot be reached).
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
public interface NotificationStore {

  /**
   * Stores a subscription, or finds the same one (site, address, scope, comment or thread) already stored. A
   * new subscription of an address already confirmed on the site is stored confirmed; one of an unconfirmed
   * address is stored unconfirmed and {@code confirmation} is enqueued with it (unless its dedupe key is
   * already taken), in one transaction.
   *
   * @param subscription the new subscription
   * @param confirmation the confirmation request to enqueue if the address is not confirmed; its target is
   *     the subscription's id
   * @return the subscription as stored (possibly an earlier one, with its own id)
   */
  Subscription subscribe(Subscription subscription, OutboxMessage confirmation);

  /**
   * Finds a subscription.
   *
   * @param site the site
   * @param id the subscription's id
   * @return the subscription, if it is stored on that site
   */
  Optional<Subscription> subscription(SiteId site, String id);

  /**
   * The confirmed subscriptions a new comment concerns: those to the replies of {@code parent} (if any) and
   * those to {@code thread}.
   *
   * @param site the site
   * @param parent the comment replied to, or null for a top-level comment
   * @param thread the comment's thread
   * @return the confirmed subscriptions, possibly several of one address
   */
  List<Subscription> subscribers(SiteId site, @org.jspecify.annotations.Nullable CommentId parent,
      ThreadKey thread);

  /**
   * Confirms the address of a subscription: every subscription of that address on the site.
   *
   * @param site the site
   * @param subscriptionId the subscription whose link was followed
   * @param at when
   * @return the number of subscriptions confirmed now; 0 if the subscription is unknown or all were confirmed
   */
  int confirm(SiteId site, String subscriptionId, Instant at);

  /**
   * Removes a subscription.
   *
   * @param site the site
   * @param subscriptionId the subscription
   * @return true if it was stored
   */
  boolean unsubscribe(SiteId site, String subscriptionId);

  /**
   * Enqueues a message unless one with its dedupe key is stored (delivered or not).
   *
   * @param message the message
   * @return true if it was enqueued, false if its dedupe key was taken
   */
  boolean enqueue(OutboxMessage message);

  /**
   * Claims up to {@code max} undelivered messages that are due, oldest due first, for {@code lease}: until
   * then no other claim returns them.
   *
   * @param owner who claims (a node's name); for logs and tables
   * @param now the claimer's clock
   * @param lease how long the claim holds
   * @param max at most this many
   * @return the claimed messages, possibly none
   */
  List<OutboxMessage> claim(String owner, Instant now, Duration lease, int max);

  /**
   * Turns a claimed event into its deliveries, in one transaction: enqueues each delivery (skipping those
   * whose dedupe key is taken) and marks the event delivered.
   *
   * @param event the claimed event
   * @param deliveries the deliveries it makes
   * @param now when
   */
  void expand(OutboxMessage event, List<OutboxMessage> deliveries, Instant now);

  /**
   * Marks a message delivered: it is never claimed again.
   *
   * @param id the message
   * @param at when
   */
  void delivered(String id, Instant at);

  /**
   * Gives a claimed message back after a failed attempt: its attempts grow by one, its lease ends, and it is
   * due again at {@code due}.
   *
   * @param id the message
   * @param due when to try again
   * @param error what failed (kept, cut to 1,000 characters)
   */
  void retry(String id, Instant due, String error);

  /**
   * Gives up on a message (a permanent failure, or too many attempts): it is kept, marked failed at {@code at},
   * and never claimed again.
   *
   * @param id the message
   * @param at when
   * @param error why (kept, cut to 1,000 characters)
   */
  void abandon(String id, Instant at, String error);

  /**
   * Finds a message.
   *
   * @param id the message
   * @return the message, delivered or not
   */
  Optional<OutboxMessage> message(String id);

  /**
   * How many messages are not yet delivered nor abandoned.
   *
   * @return the backlog
   */
  long backlog();

  /**
   * Uses a single-use token's nonce: true the first time, false ever after (until {@code expires} has
   * passed, after which the store may forget it, since the token is refused by then anyway).
   *
   * @param nonce the nonce, 1 to 64 characters
   * @param expires when the token expires
   * @param now the caller's clock
   * @return true if this call used it
   */
  boolean useOnce(String nonce, Instant expires, Instant now);

  /**
   * Whether a single-use nonce has been used.
   *
   * @param nonce the nonce
   * @return true if {@link #useOnce} returned true for it
   */
  boolean used(String nonce);

  /**
   * The longest an error text is kept.
   *
   * @param error an error text
   * @return at most its first 1,000 characters
   */
  static String cut(String error) {
    return error.length() <= 1000 ? error : error.substring(0, 1000);
  }

  /**
   * The lease time granted by default: long enough for one SMTP round, short enough that a dead node's
   * messages go out soon.
   */
  Duration DEFAULT_LEASE = Duration.ofMinutes(2);
}
