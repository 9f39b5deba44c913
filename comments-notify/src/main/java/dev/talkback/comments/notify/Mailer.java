package dev.talkback.comments.notify;

/**
 * Sends mail. {@link SmtpMailer} is the implementation; a host may put its own (an HTTP mail API) in its
 * place, implementing {@link #send} alone or also {@link #batch} (to send a round's mails over one
 * connection).
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

  /**
   * Opens a batch for several mails in a row (the {@link OutboxSender} opens one per round and closes it at
   * the round's end). A mailer whose mails can share a connection returns a batch that keeps one open across
   * its mails ({@link SmtpMailer} does); the default sends each mail with {@link #send}.
   *
   * @return a batch, to be closed by the caller
   */
  default MailBatch batch() {
    return this::send;
  }
}
