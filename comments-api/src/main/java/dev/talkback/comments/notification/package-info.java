/**
 * Notifications without a mail stack: the outbox, subscriptions and signed links.
 *
 * <p>A store that keeps an outbox ({@link dev.talkback.comments.spi.NotificationStore}, reached through
 * {@link dev.talkback.comments.spi.CommentStore#notifications()}) writes one {@link OutboxMessage} event for
 * every change that may notify someone (a comment posted, approved, edited, deleted or marked spam), in the
 * same transaction as the change where the store allows ({@link ChangeEvents} says which). A sender, such as
 * {@code comments-notify}, claims the events, turns each into deliveries (mails to confirmed subscribers and
 * moderators, webhook calls), and delivers them with retries: at least once, idempotent by message id.
 *
 * <p>{@link Subscription}s are double opt-in: nothing but one confirmation request is ever sent to an
 * address until its owner follows the signed confirmation link. {@link SignedLinks} signs and checks the
 * links (confirm, unsubscribe, and the moderator's single-use approve, spam and delete links); a link never
 * contains an email address. {@link Notifications} is what a web adapter calls: subscribe, and check or act
 * on a link.
 */
@NullMarked
package dev.talkback.comments.notification;

import org.jspecify.annotations.NullMarked;
