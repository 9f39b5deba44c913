package dev.talkback.comments.notify;

/**
 * Several mails sent one after another, possibly over one connection to the server: what {@link
 * Mailer#batch()} opens for one round of the {@link OutboxSender}, which closes it at the end of the round.
 * Each mail succeeds or fails on its own, exactly as with {@link Mailer#send}: a failure of one mail says
 * nothing about the next, which the batch tries (over a new connection if it needs one).
 *
 * <p>Not threadsafe: one thread sends a batch's mails, then closes it.
 */
@FunctionalInterface
public interface MailBatch extends AutoCloseable {

  /**
   * Sends a mail, or fails; returns only once the server accepted it.
   *
   * @param mail the mail
   * @throws MailDeliveryException if it was not accepted; {@link MailDeliveryException#permanent()} says
   *     whether trying again can help
   */
  void send(MailMessage mail);

  /** Ends the batch and releases its connection, if any; never throws. The default does nothing. */
  @Override
  default void close() {}
}
