/**
 * Delivers the notification outbox of {@code dev.talkback.comments.notification}: {@link
 * dev.talkback.comments.notify.OutboxSender} claims events and deliveries, turns each event into mails to
 * confirmed subscribers and moderators and into webhook calls, and sends them with retries and exponential
 * backoff, over SMTP ({@link dev.talkback.comments.notify.SmtpMailer}, Jakarta Mail with Eclipse Angus Mail)
 * and HTTP ({@link dev.talkback.comments.notify.WebhookEndpoint}, signed per Standard Webhooks).
 */
@NullMarked
package dev.talkback.comments.notify;

import org.jspecify.annotations.NullMarked;
