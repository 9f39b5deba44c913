package dev.talkback.comments.notify;

import java.util.Objects;

/**
 * One mail ready to send: what a {@link Mailer} gets. Immutable.
 *
 * @param messageId the globally unique {@code Message-ID} (without angle brackets); the same on a resend,
 *     so a recipient's client shows a mail sent twice after a crash once
 * @param to the recipient's address
 * @param subject the subject line
 * @param text the plain-text body
 * @param html the HTML body
 * @param listUnsubscribe the {@code List-Unsubscribe} URL (https or http), one-click per RFC 8058
 */
public record MailMessage(String messageId, String to, String subject, String text, String html,
    String listUnsubscribe) {

  /**
   * Checks the fields.
   *
   * @param messageId see the record
   * @param to see the record
   * @param subject see the record
   * @param text see the record
   * @param html see the record
   * @param listUnsubscribe see the record
   */
  public MailMessage {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(listUnsubscribe, "listUnsubscribe");
    if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a subject is one line");
    }
  }
}
