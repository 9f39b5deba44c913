package dev.talkback.comments.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * One mail ready to send: what a {@link Mailer} gets. Immutable. The fields that become header lines are
 * checked here, so no value can break out of its header ({@link SmtpMailer} writes them as they are).
 *
 * @param messageId the globally unique {@code Message-ID} (without angle brackets); the same on a resend,
 *     so a recipient's client shows a mail sent twice after a crash once
 * @param to the recipient's address
 * @param subject the subject line
 * @param text the plain-text body
 * @param html the HTML body
 * @param listUnsubscribe the {@code List-Unsubscribe} URL (https or http)
 * @param oneClick whether {@code listUnsubscribe} unsubscribes on a bare POST (RFC 8058 one-click), so the
 *     mail may say {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}; false for a page the reader has
 *     to act on (the moderators' settings)
 */
public record MailMessage(String messageId, String to, String subject, String text, String html,
    String listUnsubscribe, boolean oneClick) {

  /**
   * Checks the fields.
   *
   * @param messageId see the record
   * @param to see the record
   * @param subject see the record
   * @param text see the record
   * @param html see the record
   * @param listUnsubscribe see the record
   * @param oneClick see the record
   * @throws IllegalArgumentException if the subject or the address has a line break or another control
   *     character, the message id is not printable ASCII without spaces and angle brackets, or the
   *     unsubscribe URL is not an absolute http(s) URL of printable ASCII
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
    if (to.chars().anyMatch(MailMessage::control)) {
      throw new IllegalArgumentException("an address has no line breaks or control characters");
    }
    if (messageId.isEmpty() || !printableAscii(messageId)) {
      throw new IllegalArgumentException("a Message-ID is printable ASCII without spaces or angle brackets");
    }
    if (!httpUrl(listUnsubscribe)) {
      throw new IllegalArgumentException("the List-Unsubscribe URL must be an absolute http(s) URL of printable"
          + " ASCII without spaces or angle brackets");
    }
  }

  /**
   * A mail whose unsubscribe URL takes the RFC 8058 one-click POST.
   *
   * @param messageId see the record
   * @param to see the record
   * @param subject see the record
   * @param text see the record
   * @param html see the record
   * @param listUnsubscribe see the record
   * @throws IllegalArgumentException as the canonical constructor
   */
  public MailMessage(String messageId, String to, String subject, String text, String html,
      String listUnsubscribe) {
    this(messageId, to, subject, text, html, listUnsubscribe, true);
  }

  private static boolean control(int c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
  }

  private static boolean printableAscii(String s) {
    return s.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '<' && c != '>');
  }

  private static boolean httpUrl(String s) {
    return !s.isEmpty() && printableAscii(s) && webUrl(s);
  }

  /** Whether a URL is an absolute http(s) URL with a host: a web page, fit for a link in a mail. */
  static boolean webUrl(String url) {
    try {
      URI u = new URI(url);
      return u.getHost() != null && ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
