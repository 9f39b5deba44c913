package dev.talkback.comments.notification;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One row of the outbox: either an event (a change to a comment, {@link Kind#isEvent()}) or a delivery that
 * a sender made of an event (a mail to one address, a call to one webhook endpoint). Immutable.
 *
 * <p>The {@link #id()} is the message's identity everywhere: a mail's {@code Message-ID} and a webhook's
 * {@code webhook-id} are made from it, so a message sent twice (after a crash between sending and marking)
 * is recognisably the same message. The {@link #dedupeKey()} is unique in a store: a second message with the
 * same key is not enqueued, which is how a reply makes at most one mail per address.
 *
 * @param id the message id, a UUID string
 * @param site the site whose change caused the message
 * @param kind what the message is
 * @param commentId the comment it is about, if any (every event and every mail but a confirmation)
 * @param target whom it goes to: a subscription id ({@link Kind#CONFIRMATION_MAIL}, {@link Kind#REPLY_MAIL},
 *     {@link Kind#THREAD_MAIL}), a moderator's address ({@link Kind#MODERATOR_MAIL},
 *     {@link Kind#MODERATOR_DIGEST}), an endpoint URL ({@link Kind#WEBHOOK}); none for an event
 * @param cause the event a delivery was made of ({@link Kind#WEBHOOK} names the event it carries); none for
 *     an event
 * @param dedupeKey unique per store: 1 to 200 characters
 * @param created when the message was written
 * @param due when it may be sent next (its creation, or the time a retry waits for)
 * @param attempts the failed attempts so far
 * @param lastError what the last failed attempt said, if any
 */
public record OutboxMessage(String id, SiteId site, Kind kind, @Nullable CommentId commentId,
    @Nullable String target, @Nullable Kind cause, String dedupeKey, Instant created, Instant due,
    int attempts, @Nullable String lastError) {

  /** The longest dedupe key a store keeps. */
  public static final int MAX_DEDUPE_KEY = 200;
  /** The longest target a store keeps (an endpoint URL). */
  public static final int MAX_TARGET = 500;

  /** What a message is. */
  public enum Kind {
    /** Event: a comment was stored (approved or pending), also when it is replayed from the spool. */
    COMMENT_POSTED,
    /** Event: a comment became visible (approved by a moderator, or restored). */
    COMMENT_APPROVED,
    /** Event: a comment's text changed. */
    COMMENT_EDITED,
    /** Event: a comment was deleted. */
    COMMENT_DELETED,
    /** Event: a comment was marked spam. */
    COMMENT_SPAM,
    /** Delivery: asks an address to confirm a subscription. */
    CONFIRMATION_MAIL,
    /** Delivery: a reply to a subscriber's comment. */
    REPLY_MAIL,
    /** Delivery: a new comment on a thread a subscriber follows. */
    THREAD_MAIL,
    /** Delivery: one comment for a moderator, with action links. */
    MODERATOR_MAIL,
    /** Delivery: the comments waiting for moderation in a window, for a moderator. */
    MODERATOR_DIGEST,
    /** Delivery: one event to one webhook endpoint. */
    WEBHOOK;

    /**
     * Whether this is an event (a change) rather than a delivery.
     *
     * @return true for the {@code COMMENT_*} kinds
     */
    public boolean isEvent() {
      return name().startsWith("COMMENT_");
    }
  }

  /**
   * Checks the fields.
   *
   * @param id see the record
   * @param site see the record
   * @param kind see the record
   * @param commentId see the record
   * @param target see the record
   * @param cause see the record
   * @param dedupeKey see the record
   * @param created see the record
   * @param due see the record
   * @param attempts see the record
   * @param lastError see the record
   * @throws IllegalArgumentException if the dedupe key or the target is empty or too long, or attempts is
   *     negative
   */
  public OutboxMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(due, "due");
    if (dedupeKey.isEmpty() || dedupeKey.length() > MAX_DEDUPE_KEY) {
      throw new IllegalArgumentException("dedupeKey must be 1 to " + MAX_DEDUPE_KEY + " characters");
    }
    if (target != null && (target.isEmpty() || target.length() > MAX_TARGET)) {
      throw new IllegalArgumentException("target must be 1 to " + MAX_TARGET + " characters");
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative: " + attempts);
    }
  }

  /**
   * A new event about a comment, due at once, with a fresh id.
   *
   * @param site the comment's site
   * @param kind an event kind
   * @param commentId the comment
   * @param dedupeKey unique per store
   * @param now when it happened
   * @return the message
   * @throws IllegalArgumentException if {@code kind} is not an event
   */
  public static OutboxMessage event(SiteId site, Kind kind, CommentId commentId, String dedupeKey, Instant now) {
    if (!kind.isEvent()) {
      throw new IllegalArgumentException(kind + " is not an event");
    }
    return new OutboxMessage(UUID.randomUUID().toString(), site, kind, commentId, null, null, dedupeKey, now, now,
        0, null);
  }

  /**
   * A new delivery, due at {@code due}, with a fresh id.
   *
   * @param site the site
   * @param kind a delivery kind
   * @param commentId the comment it is about, if any
   * @param target whom it goes to (see the record's description)
   * @param cause the event it was made of, if any
   * @param dedupeKey unique per store
   * @param now when it was made
   * @param due when it may be sent
   * @return the message
   * @throws IllegalArgumentException if {@code kind} is an event
   */
  public static OutboxMessage delivery(SiteId site, Kind kind, @Nullable CommentId commentId, String target,
      @Nullable Kind cause, String dedupeKey, Instant now, Instant due) {
    if (kind.isEvent()) {
      throw new IllegalArgumentException(kind + " is an event, not a delivery");
    }
    return new OutboxMessage(UUID.randomUUID().toString(), site, kind, commentId, target, cause, dedupeKey, now,
        due, 0, null);
  }

  /**
   * The comment, if the message names one.
   *
   * @return the comment id
   */
  public Optional<CommentId> comment() {
    return Optional.ofNullable(commentId);
  }

  /**
   * The target, if the message has one.
   *
   * @return the subscription id, address or URL
   */
  public Optional<String> to() {
    return Optional.ofNullable(target);
  }
}
