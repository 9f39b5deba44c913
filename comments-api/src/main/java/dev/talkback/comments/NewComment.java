package dev.talkback.comments;

import dev.talkback.comments.notification.SubscriptionRequest;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A comment as a reader submits it, before validation: what {@link Comments#post} takes. Build one with
 * {@link #builder(ThreadKey)}.
 *
 * <pre>{@code
 * NewComment c = NewComment.builder(ThreadKey.of("posts/hello-world"))
 *     .threadTitle("Hello, world")
 *     .author(Author.named("Ada").withEmail("ada@example.org"))
 *     .text("Nice post! See https://example.org")
 *     .build();
 * }</pre>
 */
public final class NewComment {
  private final SiteId site;
  private final ThreadKey thread;
  private final String threadTitle;
  private final @Nullable String threadUrl;
  private final @Nullable CommentId parentId;
  private final @Nullable CommentId id;
  private final Author author;
  private final String text;
  private final Format format;
  private final @Nullable String ipHash;
  private final @Nullable ClientInfo client;
  private final @Nullable String holdReason;
  private final SubscriptionRequest subscription;

  private NewComment(Builder b) {
    this.site = b.site;
    this.thread = b.thread;
    this.threadTitle = b.threadTitle;
    this.threadUrl = b.threadUrl;
    this.parentId = b.parentId;
    this.id = b.id;
    this.author = Objects.requireNonNull(b.author, "author");
    this.text = Objects.requireNonNull(b.text, "text");
    this.format = b.format;
    this.ipHash = b.ipHash;
    this.client = b.client;
    this.holdReason = b.holdReason;
    this.subscription = b.subscription;
  }

  /**
   * A builder for a comment on this thread of the {@link SiteId#DEFAULT default} site.
   *
   * @param thread the thread
   * @return a new builder
   */
  public static Builder builder(ThreadKey thread) {
    return new Builder(thread);
  }

  /** {@return the site the comment is for} */
  public SiteId site() {
    return site;
  }

  /** {@return the thread the comment is for} */
  public ThreadKey thread() {
    return thread;
  }

  /** {@return the title to give the thread if this comment creates it} */
  public String threadTitle() {
    return threadTitle;
  }

  /** {@return the URL to give the thread if this comment creates it} */
  public Optional<String> threadUrl() {
    return Optional.ofNullable(threadUrl);
  }

  /** {@return the comment replied to; empty for a top-level comment} */
  public Optional<CommentId> parentId() {
    return Optional.ofNullable(parentId);
  }

  /** {@return the id chosen by the caller (which makes posting idempotent); empty to have one generated} */
  public Optional<CommentId> id() {
    return Optional.ofNullable(id);
  }

  /** {@return who wrote it, as they typed it} */
  public Author author() {
    return author;
  }

  /** {@return the source text, in {@link #format()}} */
  public String text() {
    return text;
  }

  /** {@return the markup of {@link #text()}} */
  public Format format() {
    return format;
  }

  /** {@return a keyed hash of the poster's IP address, for blocking and rate limits} */
  public Optional<String> ipHash() {
    return Optional.ofNullable(ipHash);
  }

  /**
   * What the request that carried the comment said about its client (address, user agent, referrer), for
   * spam checks that ask a service such as Akismet; never stored.
   *
   * @return the client, or empty if the caller gave none
   */
  public Optional<ClientInfo> client() {
    return Optional.ofNullable(client);
  }

  /**
   * Why the caller wants this comment held for a moderator whatever the moderation mode says: no valid
   * proof of work, a client over its rate limit. Empty if the caller has no such reason.
   *
   * @return the reason shown to the author and the moderator, or empty
   */
  public Optional<String> holdReason() {
    return Optional.ofNullable(holdReason);
  }

  /**
   * What the author asked to be mailed about. {@link Comments#post} hands it to the store with the comment;
   * only a comment that is queued (the database is down) keeps it, to be subscribed when the spool is
   * replayed. For a comment stored at once, subscribe after the post ({@link
   * dev.talkback.comments.notification.Notifications#subscribeToReplies}).
   *
   * @return the request; {@link SubscriptionRequest#NONE} by default
   */
  public SubscriptionRequest subscription() {
    return subscription;
  }

  /** Builds a {@link NewComment}. Not thread-safe. */
  public static final class Builder {
    private SiteId site = SiteId.DEFAULT;
    private final ThreadKey thread;
    private String threadTitle = "";
    private @Nullable String threadUrl;
    private @Nullable CommentId parentId;
    private @Nullable CommentId id;
    private Author author = Author.named("");
    private @Nullable String text;
    private Format format = Format.PLAIN;
    private @Nullable String ipHash;
    private @Nullable ClientInfo client;
    private @Nullable String holdReason;
    private SubscriptionRequest subscription = SubscriptionRequest.NONE;

    private Builder(ThreadKey thread) {
      this.thread = Objects.requireNonNull(thread, "thread");
    }

    /**
     * Sets the site the comment is for.
     *
     * @param site the site the comment is for
     * @return this builder
     */
    public Builder site(SiteId site) {
      this.site = Objects.requireNonNull(site, "site");
      return this;
    }

    /**
     * Sets the title to give the thread if this comment creates it.
     *
     * @param threadTitle the title to give the thread if this comment creates it
     * @return this builder
     */
    public Builder threadTitle(String threadTitle) {
      this.threadTitle = Objects.requireNonNull(threadTitle, "threadTitle");
      return this;
    }

    /**
     * Sets the URL to give the thread if this comment creates it.
     *
     * @param threadUrl the URL to give the thread if this comment creates it
     * @return this builder
     */
    public Builder threadUrl(@Nullable String threadUrl) {
      this.threadUrl = threadUrl;
      return this;
    }

    /**
     * Makes this a reply to {@code parentId}, which must be a visible comment of the same thread.
     *
     * @param parentId the parent, or null for a top-level comment
     * @return this builder
     */
    public Builder replyTo(@Nullable CommentId parentId) {
      this.parentId = parentId;
      return this;
    }

    /**
     * Chooses the comment's id: posting the same id twice stores one comment.
     *
     * @param id the id to store the comment under, or null to have one generated
     * @return this builder
     */
    public Builder id(@Nullable CommentId id) {
      this.id = id;
      return this;
    }

    /**
     * Sets who wrote it, as they typed it.
     *
     * @param author who wrote it, as they typed it
     * @return this builder
     */
    public Builder author(Author author) {
      this.author = Objects.requireNonNull(author, "author");
      return this;
    }

    /**
     * Sets the source text, in {@link NewComment#format()}.
     *
     * @param text the source text, in {@link NewComment#format()}
     * @return this builder
     */
    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * Sets the markup of {@link NewComment#text()}.
     *
     * @param format the markup of {@link NewComment#text()}
     * @return this builder
     */
    public Builder format(Format format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * Sets a keyed hash of the poster's IP address, for blocking and rate limits.
     *
     * @param ipHash a keyed hash of the poster's IP address, for blocking and rate limits
     * @return this builder
     */
    public Builder ipHash(@Nullable String ipHash) {
      this.ipHash = ipHash;
      return this;
    }

    /**
     * Sets what the request said about its client, for spam checks; never stored.
     *
     * @param client the client, or null for none
     * @return this builder
     */
    public Builder client(@Nullable ClientInfo client) {
      this.client = client;
      return this;
    }

    /**
     * Holds the comment for a moderator whatever the moderation mode says (it is still refused if a spam
     * check or a block refuses it).
     *
     * @param reason why, in words the author and the moderator may be shown; null or blank for no hold
     * @return this builder
     */
    public Builder holdForModeration(@Nullable String reason) {
      this.holdReason = reason == null || reason.isBlank() ? null : reason;
      return this;
    }

    /**
     * Says what the author asked to be mailed about (see {@link NewComment#subscription()}). The author must
     * give an email address for it to have any effect.
     *
     * @param subscription the request; {@link SubscriptionRequest#NONE} for none
     * @return this builder
     */
    public Builder subscribe(SubscriptionRequest subscription) {
      this.subscription = Objects.requireNonNull(subscription, "subscription");
      return this;
    }

    /**
     * Builds the new comment.
     *
     * @return the new comment
     * @throws NullPointerException if no text was given
     */
    public NewComment build() {
      return new NewComment(this);
    }
  }
}
