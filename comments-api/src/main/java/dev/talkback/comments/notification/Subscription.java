package dev.talkback.comments.notification;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A reader's wish to be mailed: replies to one of their comments, or every new comment of a thread. Double
 * opt-in: a subscription is {@link #confirmed()} once its address has been confirmed through a signed link
 * (confirming an address confirms all its subscriptions on the site, and later subscriptions of a confirmed
 * address are confirmed at once). Nothing but a confirmation request goes to an unconfirmed address.
 *
 * <p>The id is random and is what links carry; the address never appears in a link or a page.
 *
 * @param id a random UUID string
 * @param site the site
 * @param email the address, lower-cased
 * @param scope what the subscriber hears about
 * @param commentId for {@link Scope#REPLIES}: the comment whose replies are wanted
 * @param thread the thread ({@link Scope#THREAD}: the thread followed; {@link Scope#REPLIES}: the comment's)
 * @param created when the subscription was made
 * @param confirmedAt when its address was confirmed, if it was
 */
public record Subscription(String id, SiteId site, String email, Scope scope, @Nullable CommentId commentId,
    ThreadKey thread, Instant created, @Nullable Instant confirmedAt) {

  /** The longest address kept (RFC 5321's path limit). */
  public static final int MAX_EMAIL = 254;

  /** What a subscriber hears about. */
  public enum Scope {
    /** Replies to one comment (its author's subscription). */
    REPLIES,
    /** Every new visible comment of one thread. */
    THREAD
  }

  /**
   * Checks the fields and lower-cases the address.
   *
   * @param id see the record
   * @param site see the record
   * @param email see the record
   * @param scope see the record
   * @param commentId see the record
   * @param thread see the record
   * @param created see the record
   * @param confirmedAt see the record
   * @throws IllegalArgumentException if the address is not {@code local@domain} of at most 254 characters,
   *     or a {@link Scope#REPLIES} subscription names no comment
   */
  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(created, "created");
    email = normalizeEmail(email);
    if (scope == Scope.REPLIES && commentId == null) {
      throw new IllegalArgumentException("a REPLIES subscription needs the comment whose replies it wants");
    }
    if (scope == Scope.THREAD) {
      commentId = null;
    }
  }

  /**
   * A new, unconfirmed subscription to the replies to a comment.
   *
   * @param site the site
   * @param email the address
   * @param comment the comment whose replies are wanted
   * @param thread the comment's thread
   * @param now when
   * @return the subscription, with a fresh id
   */
  public static Subscription toReplies(SiteId site, String email, CommentId comment, ThreadKey thread,
      Instant now) {
    return new Subscription(UUID.randomUUID().toString(), site, email, Scope.REPLIES, comment, thread, now, null);
  }

  /**
   * A new, unconfirmed subscription to a thread's new comments.
   *
   * @param site the site
   * @param email the address
   * @param thread the thread
   * @param now when
   * @return the subscription, with a fresh id
   */
  public static Subscription toThread(SiteId site, String email, ThreadKey thread, Instant now) {
    return new Subscription(UUID.randomUUID().toString(), site, email, Scope.THREAD, null, thread, now, null);
  }

  /**
   * Whether the address was confirmed.
   *
   * @return true once confirmed
   */
  public boolean confirmed() {
    return confirmedAt != null;
  }

  /**
   * The comment of a {@link Scope#REPLIES} subscription.
   *
   * @return the comment, empty for a thread subscription
   */
  public Optional<CommentId> comment() {
    return Optional.ofNullable(commentId);
  }

  /**
   * This subscription, confirmed at {@code at}.
   *
   * @param at when
   * @return the confirmed copy
   */
  public Subscription confirmedAt(Instant at) {
    return new Subscription(id, site, email, scope, commentId, thread, created, Objects.requireNonNull(at, "at"));
  }

  /**
   * The address as subscriptions keep it: stripped and lower-cased.
   *
   * @param email an address
   * @return the normalized address
   * @throws IllegalArgumentException if it is not {@code local@domain} of at most 254 characters, or has
   *     spaces or control characters
   */
  public static String normalizeEmail(String email) {
    Objects.requireNonNull(email, "email");
    String e = email.strip().toLowerCase(Locale.ROOT);
    int at = e.lastIndexOf('@');
    if (e.length() > MAX_EMAIL || at < 1 || at == e.length() - 1
        || e.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',')) {
      throw new IllegalArgumentException("not an email address (local@domain, at most " + MAX_EMAIL
          + " characters, no spaces)");
    }
    return e;
  }
}
