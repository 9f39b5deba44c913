package dev.talkback.comments.notification;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.internal.Subscribing;
import dev.talkback.comments.spi.NotificationStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What a web adapter needs of notifications: subscribing a reader, and checking and following the signed
 * links of the mails (confirm, unsubscribe, and the moderator's approve, spam and delete). Delivery is not
 * here: a sender such as {@code comments-notify} claims the outbox this writes to. Thread-safe.
 *
 * <pre>{@code
 * Notifications notifications = Notifications.builder(comments, store.notifications().orElseThrow(),
 *     SignedLinks.create(secret, clock)).build();
 * notifications.subscribeToReplies(posted.comment());     // the reader ticked "email me replies"
 * LinkCheck page = notifications.check(token);            // GET: what the link would do
 * LinkCheck done = notifications.follow(token);           // POST: do it
 * }</pre>
 *
 * <p><b>Double opt-in.</b> A subscription of an address that is not yet confirmed on the site enqueues one
 * confirmation request (at most one per address and day, so a form cannot be used to flood a stranger), and
 * nothing else is sent to it until the link in that request is followed.
 */
public final class Notifications {
  private final Comments comments;
  private final NotificationStore store;
  private final SignedLinks links;
  private final Clock clock;
  private final Duration confirmLinkValidity;
  private final Duration moderatorLinkValidity;

  private Notifications(Builder b) {
    this.comments = b.comments;
    this.store = b.store;
    this.links = b.links;
    this.clock = comments.settings().clock();
    this.confirmLinkValidity = b.confirmLinkValidity;
    this.moderatorLinkValidity = b.moderatorLinkValidity;
  }

  /**
   * A builder.
   *
   * @param comments the comments the moderator's links act on (its clock is used)
   * @param store the outbox and subscriptions, normally {@code commentStore.notifications().orElseThrow()}
   * @param links the signer of the links
   * @return a builder with the defaults (confirm links valid 7 days, moderator links 7 days)
   */
  public static Builder builder(Comments comments, NotificationStore store, SignedLinks links) {
    return new Builder(comments, store, links);
  }

  /**
   * Where a web adapter serves a link's action, relative to its mount point: {@code /notify/confirm},
   * {@code /notify/unsubscribe} or {@code /notify/moderate}, each with the signed token as parameter
   * {@code token}. Senders build mail links with it, so the two always agree.
   *
   * @param action the action
   * @return the path, starting with a slash
   */
  public static String path(LinkToken.Action action) {
    return switch (action) {
      case CONFIRM -> "/notify/confirm";
      case UNSUBSCRIBE -> "/notify/unsubscribe";
      default -> "/notify/moderate";
    };
  }

  /**
   * The outbox and subscriptions.
   *
   * @return the store
   */
  public NotificationStore store() {
    return store;
  }

  /**
   * The link signer.
   *
   * @return the signer
   */
  public SignedLinks links() {
    return links;
  }

  /**
   * Subscribes a comment's author to the replies to that comment.
   *
   * @param comment a stored comment whose author gave an email address
   * @return the subscription as stored (confirmed if the address already is)
   * @throws IllegalArgumentException if the author gave no address
   */
  public Subscription subscribeToReplies(Comment comment) {
    Objects.requireNonNull(comment, "comment");
    String email = comment.author().email();
    if (email == null) {
      throw new IllegalArgumentException("an address is needed to be told about replies");
    }
    return subscribe(Subscription.toReplies(comment.site(), email, comment.id(), comment.thread(), now()));
  }

  /**
   * Subscribes an address to every new visible comment of a thread.
   *
   * @param site the site
   * @param thread the thread
   * @param email the address
   * @return the subscription as stored (confirmed if the address already is)
   * @throws IllegalArgumentException if the address is not one
   */
  public Subscription subscribeToThread(SiteId site, ThreadKey thread, String email) {
    return subscribe(Subscription.toThread(site, email, thread, now()));
  }

  private Subscription subscribe(Subscription s) {
    Instant now = now();
    return store.subscribe(s, Subscribing.confirmation(s, now, now));
  }

  /**
   * The signed token of a confirmation link for a subscription.
   *
   * @param s the subscription
   * @return the signed token, valid for the configured time
   */
  public String confirmToken(Subscription s) {
    return links.sign(links.token(LinkToken.Action.CONFIRM, s.site(), s.id(), now().plus(confirmLinkValidity)));
  }

  /**
   * The signed token of an unsubscribe link for a subscription; it never expires.
   *
   * @param s the subscription
   * @return the signed token
   */
  public String unsubscribeToken(Subscription s) {
    return links.sign(links.token(LinkToken.Action.UNSUBSCRIBE, s.site(), s.id(), null));
  }

  /**
   * The signed token of a moderator's link: works once, expires after the configured time.
   *
   * @param action {@code APPROVE}, {@code SPAM} or {@code DELETE}
   * @param comment the comment
   * @return the signed token
   * @throws IllegalArgumentException if the action is not a moderator's
   */
  public String moderatorToken(LinkToken.Action action, Comment comment) {
    if (!action.singleUse()) {
      throw new IllegalArgumentException(action + " is not a moderator's action");
    }
    return links.sign(links.token(action, comment.site(), comment.id().toString(),
        now().plus(moderatorLinkValidity)));
  }

  /**
   * What a link would do, without doing it: for the confirmation page a GET shows (mail scanners that follow
   * links must change nothing).
   *
   * @param signed the token the link carried
   * @return the verdict and a sentence for the page
   */
  public LinkCheck check(String signed) {
    Optional<LinkToken> parsed = links.parse(signed);
    if (parsed.isEmpty()) {
      return new LinkCheck(LinkCheck.Outcome.INVALID, null, "This link is not valid. Copy the whole link from the mail.");
    }
    LinkToken t = parsed.get();
    if (links.expired(t)) {
      return new LinkCheck(LinkCheck.Outcome.EXPIRED, t, "This link has expired.");
    }
    if (t.action().singleUse()) {
      if (store.used(t.nonce())) {
        return new LinkCheck(LinkCheck.Outcome.USED, t, "This link has been used already; each works once.");
      }
      Optional<Comment> c = comment(t);
      if (c.isEmpty()) {
        return new LinkCheck(LinkCheck.Outcome.GONE, t, "The comment no longer exists.");
      }
      return new LinkCheck(LinkCheck.Outcome.OK, t, verb(t.action()) + " the comment by " + c.get().author().name()
          + " on \u201c" + c.get().thread().value() + "\u201d?");
    }
    Optional<Subscription> s = store.subscription(t.site(), t.subject());
    if (s.isEmpty()) {
      return new LinkCheck(LinkCheck.Outcome.GONE, t, "This subscription has ended already.");
    }
    return new LinkCheck(LinkCheck.Outcome.OK, t, t.action() == LinkToken.Action.CONFIRM
        ? "Confirm that you want mail about " + about(s.get()) + "?"
        : "Stop mail about " + about(s.get()) + "?");
  }

  /**
   * Follows a link: confirms, unsubscribes, or approves, marks spam or deletes (once).
   *
   * @param signed the token the link carried
   * @return what happened, and a sentence for the page
   */
  public LinkCheck follow(String signed) {
    LinkCheck check = check(signed);
    if (!check.ok()) {
      return check;
    }
    LinkToken t = Objects.requireNonNull(check.token(), "an OK check has a token");
    Instant now = now();
    switch (t.action()) {
      case CONFIRM -> {
        store.confirm(t.site(), t.subject(), now);
        return new LinkCheck(LinkCheck.Outcome.OK, t, "Thank you: your address is confirmed.");
      }
      case UNSUBSCRIBE -> {
        boolean removed = store.unsubscribe(t.site(), t.subject());
        return new LinkCheck(removed ? LinkCheck.Outcome.OK : LinkCheck.Outcome.GONE, t,
            "You will get no more mail about this.");
      }
      default -> {
        if (!store.useOnce(t.nonce(), Objects.requireNonNull(t.expires(), "moderator links expire"), now)) {
          return new LinkCheck(LinkCheck.Outcome.USED, t, "This link has been used already; each works once.");
        }
        CommentId id = CommentId.parse(t.subject());
        try {
          Comment c = switch (t.action()) {
            case APPROVE -> comments.moderation().approve(t.site(), id);
            case SPAM -> comments.moderation().markSpam(t.site(), id);
            default -> comments.moderation().remove(t.site(), id);
          };
          return new LinkCheck(LinkCheck.Outcome.OK, t, "Done: the comment by " + c.author().name() + " is "
              + (c.status() == CommentStatus.APPROVED ? "approved" : c.status() == CommentStatus.SPAM
                  ? "marked as spam" : "deleted") + '.');
        } catch (CommentNotFoundException e) {
          return new LinkCheck(LinkCheck.Outcome.GONE, t, "The comment no longer exists.");
        }
      }
    }
  }

  private Optional<Comment> comment(LinkToken t) {
    try {
      return comments.find(t.site(), CommentId.parse(t.subject()))
          .filter(c -> c.status() != CommentStatus.DELETED);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String verb(LinkToken.Action a) {
    return switch (a) {
      case APPROVE -> "Approve";
      case SPAM -> "Mark as spam";
      default -> "Delete";
    };
  }

  private static String about(Subscription s) {
    return s.scope() == Subscription.Scope.REPLIES
        ? "replies to your comment on \u201c" + s.thread().value() + "\u201d"
        : "new comments on \u201c" + s.thread().value() + "\u201d";
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The hex SHA-256 of a normalized address: how dedupe keys name an address without holding it.
   *
   * @param email an address
   * @return 64 hex digits
   */
  public static String addressHash(String email) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(Subscription.normalizeEmail(email).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Builds a {@link Notifications}; validates each argument at once. */
  public static final class Builder {
    private final Comments comments;
    private final NotificationStore store;
    private final SignedLinks links;
    private Duration confirmLinkValidity = Duration.ofDays(7);
    private Duration moderatorLinkValidity = Duration.ofDays(7);

    private Builder(Comments comments, NotificationStore store, SignedLinks links) {
      this.comments = Objects.requireNonNull(comments, "comments");
      this.store = Objects.requireNonNull(store, "store");
      this.links = Objects.requireNonNull(links, "links");
    }

    /**
     * How long a confirmation link works.
     *
     * @param validity positive
     * @return this builder
     */
    public Builder confirmLinkValidity(Duration validity) {
      this.confirmLinkValidity = positive(validity, "confirmLinkValidity");
      return this;
    }

    /**
     * How long a moderator's link works (each works once, too).
     *
     * @param validity positive
     * @return this builder
     */
    public Builder moderatorLinkValidity(Duration validity) {
      this.moderatorLinkValidity = positive(validity, "moderatorLinkValidity");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    /**
     * Builds it.
     *
     * @return the notifications
     */
    public Notifications build() {
      return new Notifications(this);
    }
  }

  @Override
  public String toString() {
    return "Notifications{" + store + '}';
  }
}
