package dev.talkback.comments.notify;

import dev.talkback.comments.CommentsException;
import org.jspecify.annotations.Nullable;

/** A mail was not accepted: by the SMTP server (temporarily, or for good) or because it could not be reached. */
public class MailDeliveryException extends CommentsException {
  private static final long serialVersionUID = 1L;

  /** Whether trying again cannot help (an address the server refuses for good). */
  private final boolean permanent;

  /**
   * A failure.
   *
   * @param message what failed
   * @param permanent true if trying again cannot help
   * @param cause the cause
   */
  public MailDeliveryException(String message, boolean permanent, @Nullable Throwable cause) {
    super("mail_not_delivered", message, cause);
    this.permanent = permanent;
  }

  /**
   * Whether trying again cannot help.
   *
   * @return true for a permanent refusal (an SMTP 5xx for the recipient)
   */
  public boolean permanent() {
    return permanent;
  }
}
