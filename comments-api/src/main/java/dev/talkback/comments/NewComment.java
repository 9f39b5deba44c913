package dev.talkback.comments;

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
  }

  /** A builder for a comment on this thread of the {@link SiteId#DEFAULT default} site. */
  public static Builder builder(ThreadKey thread) {
    return new Builder(thread);
  }

  public SiteId site() {
    return site;
  }

  public ThreadKey thread() {
    return thread;
  }

  /** The title to give the thread if this comment creates it. */
  public String threadTitle() {
    return threadTitle;
  }

  /** The URL to give the thread if this comment creates it. */
  public Optional<String> threadUrl() {
    return Optional.ofNullable(threadUrl);
  }

  /** The comment replied to; empty for a top-level comment. */
  public Optional<CommentId> parentId() {
    return Optional.ofNullable(parentId);
  }

  /** The id chosen by the caller (which makes posting idempotent); empty to have one generated. */
  public Optional<CommentId> id() {
    return Optional.ofNullable(id);
  }

  public Author author() {
    return author;
  }

  /** The source text, in {@link #format()}. */
  public String text() {
    return text;
  }

  public Format format() {
    return format;
  }

  /** A keyed hash of the poster's IP address, for blocking and rate limits. */
  public Optional<String> ipHash() {
    return Optional.ofNullable(ipHash);
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

    private Builder(ThreadKey thread) {
      this.thread = Objects.requireNonNull(thread, "thread");
    }

    public Builder site(SiteId site) {
      this.site = Objects.requireNonNull(site, "site");
      return this;
    }

    public Builder threadTitle(String threadTitle) {
      this.threadTitle = Objects.requireNonNull(threadTitle, "threadTitle");
      return this;
    }

    public Builder threadUrl(@Nullable String threadUrl) {
      this.threadUrl = threadUrl;
      return this;
    }

    /** Makes this a reply to {@code parentId}, which must be a visible comment of the same thread. */
    public Builder replyTo(@Nullable CommentId parentId) {
      this.parentId = parentId;
      return this;
    }

    /** Chooses the comment's id: posting the same id twice stores one comment. */
    public Builder id(@Nullable CommentId id) {
      this.id = id;
      return this;
    }

    public Builder author(Author author) {
      this.author = Objects.requireNonNull(author, "author");
      return this;
    }

    public Builder text(String text) {
      this.text = Objects.requireNonNull(text, "text");
      return this;
    }

    public Builder format(Format format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    public Builder ipHash(@Nullable String ipHash) {
      this.ipHash = ipHash;
      return this;
    }

    /** @throws NullPointerException if no text was given */
    public NewComment build() {
      return new NewComment(this);
    }
  }
}
