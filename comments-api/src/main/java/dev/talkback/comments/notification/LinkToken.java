package dev.talkback.comments.notification;

import dev.talkback.comments.SiteId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a signed link says: an action on a subject of a site, until it expires. {@link SignedLinks} turns one
 * into the opaque string a link carries and back; the subject is a subscription id or a comment id, never an
 * address.
 *
 * @param action what following the link does
 * @param site the site
 * @param subject the subscription id ({@link Action#CONFIRM}, {@link Action#UNSUBSCRIBE}) or the comment id
 *     (the moderator's actions)
 * @param expires when the link stops working; none for a link that never expires (unsubscribe)
 * @param nonce a random value; the moderator's links work once, by this nonce
 */
public record LinkToken(Action action, SiteId site, String subject, @Nullable Instant expires, String nonce) {

  /** What following a link does. */
  public enum Action {
    /** Confirms a subscription's address. */
    CONFIRM,
    /** Ends a subscription. */
    UNSUBSCRIBE,
    /** A moderator approves a comment. */
    APPROVE,
    /** A moderator marks a comment as spam. */
    SPAM,
    /** A moderator deletes a comment. */
    DELETE;

    /**
     * Whether the link works once only (the moderator's actions).
     *
     * @return true for approve, spam and delete
     */
    public boolean singleUse() {
      return this == APPROVE || this == SPAM || this == DELETE;
    }
  }

  /**
   * Checks the fields.
   *
   * @param action see the record
   * @param site see the record
   * @param subject see the record
   * @param expires see the record
   * @param nonce see the record
   * @throws IllegalArgumentException if the subject or the nonce is empty, longer than 64 characters or holds
   *     anything but letters, digits and hyphens
   */
  public LinkToken {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(site, "site");
    checkWord(subject, "subject");
    checkWord(nonce, "nonce");
  }

  private static void checkWord(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty() || value.length() > 64
        || !value.chars().allMatch(c -> c == '-' || (c < 128 && Character.isLetterOrDigit(c)))) {
      throw new IllegalArgumentException(name + " must be 1 to 64 letters, digits or hyphens");
    }
  }

  /**
   * When the link expires.
   *
   * @return the instant, empty if it never does
   */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expires);
  }
}
