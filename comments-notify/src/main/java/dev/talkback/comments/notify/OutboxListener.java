package dev.talkback.comments.notify;

import dev.talkback.comments.notification.OutboxMessage;
import java.time.Duration;
import java.time.Instant;

/**
 * Hears what an {@link OutboxSender} does with each delivery (a mail or a webhook call), for metrics and logs:
 * it only reads, and cannot change what the sender does. Register one with
 * {@link OutboxSender.Builder#listener(OutboxListener)}; {@code TalkbackNotificationMetrics} in the Spring Boot
 * auto-configuration module turns these calls into Micrometer meters.
 *
 * <p>The sender calls a listener on its own threads (a round's thread for mails, the HTTP client's for webhook
 * answers), after it has recorded the outcome in the outbox. A listener that throws is logged and ignored; it
 * never fails a delivery. Events (the {@code COMMENT_*} rows a store writes) are not deliveries and are not
 * reported.
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
public interface OutboxListener {

  /**
   * A delivery was accepted by the SMTP server or the webhook endpoint, and marked delivered.
   *
   * @param message the delivery; {@link OutboxMessage#created()} is when it was made of its event, so
   *     {@code at - created} is the time it waited (including retries)
   * @param at when it was marked delivered, by the sender's clock
   * @param took how long the SMTP exchange or the HTTP call took
   */
  default void sent(OutboxMessage message, Instant at, Duration took) {}

  /**
   * A delivery was marked delivered without being sent, because there was nothing to send any more (the
   * subscription was removed or never confirmed, the comment was moderated or removed, a digest found no
   * comment waiting).
   *
   * @param message the delivery
   */
  default void skipped(OutboxMessage message) {}

  /**
   * An attempt failed and the delivery waits for another.
   *
   * @param message the delivery, with the attempts before this one
   * @param error what failed
   */
  default void failed(OutboxMessage message, String error) {}

  /**
   * The sender gave up on a delivery: a permanent failure (an SMTP 5xx for the recipient, no mailer, an
   * endpoint no longer configured) or too many attempts. It is kept in the outbox, marked failed.
   *
   * @param message the delivery, with the attempts before this one
   * @param error why
   */
  default void gaveUp(OutboxMessage message, String error) {}
}
