package dev.talkback.comments.notification;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a signed link is, or what following it did: for the page a web adapter shows. The message is fit for
 * a reader: it never names an address.
 *
 * @param outcome the verdict
 * @param token the link's token, if it was signed by this site (also when expired or used)
 * @param message a sentence for the page
 */
public record LinkCheck(Outcome outcome, @Nullable LinkToken token, String message) {

  /** The verdict on a link. */
  public enum Outcome {
    /** The link works: {@code check} found it good, or {@code follow} did what it says. */
    OK,
    /** The link was not signed by this site, or was changed. */
    INVALID,
    /** The link has expired. */
    EXPIRED,
    /** The link works once and was used. */
    USED,
    /** What the link names no longer exists (an ended subscription, a removed comment). */
    GONE
  }

  /**
   * Checks the fields.
   *
   * @param outcome see the record
   * @param token see the record
   * @param message see the record
   */
  public LinkCheck {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
  }

  /**
   * The link's token.
   *
   * @return the token, empty for an invalid link
   */
  public Optional<LinkToken> link() {
    return Optional.ofNullable(token);
  }

  /**
   * Whether the outcome is {@link Outcome#OK}.
   *
   * @return true if the link works (or worked)
   */
  public boolean ok() {
    return outcome == Outcome.OK;
  }
}
