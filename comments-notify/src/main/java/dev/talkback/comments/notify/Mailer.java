package dev.talkback.comments.notify;

/**
 * Sends one mail. {@link SmtpMailer} is the implementation; a host may put its own (an HTTP mail API) in its
 * place.
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
public interface Mailer {

  /**
   * Sends a mail, or fails.
   *
   * @param mail the mail
   * @throws MailDeliveryException if it was not accepted; {@link MailDeliveryException#permanent()} says
   *     whether trying again can help
   */
  void send(MailMessage mail);
}
