package dev.talkback.comments;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One comment, as stored: immutable. {@link #html()} is the sanitized rendering of {@link #source()} and is
 * the only form that may reach a page. {@link Author#email()}, {@link #editTokenHash()} and
 * {@link #ipHash()} are private to the host and its moderators: never show them to readers.
 *
 * <p>Build one with {@link #builder()}, or change one with {@link #toBuilder()}. Comments are built by
 * {@link Comments#post}; stores and importers build them directly.
 */
public final class Comment {
  private final CommentId id;
  private final SiteId site;
  private final ThreadKey thread;
  private final @Nullable CommentId parentId;
  private final CommentId rootId;
  private final Author author;
  private final String source;
  private final Format format;
  private final String html;
  private final CommentStatus status;
  private final Instant created;
  private final @Nullable Instant edited;
  private final long version;
  private final int likes;
  private final @Nullable String editTokenHash;
  private final @Nullable String ipHash;

  private Comment(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.site = Objects.requireNonNull(b.site, "site");
    this.thread = Objects.requireNonNull(b.thread, "thread");
    this.parentId = b.parentId;
    CommentId root = b.rootId != null ? b.rootId : (b.parentId == null ? this.id : null);
    if (root == null) {
      throw new IllegalArgumentException("a reply needs the id of its top-level ancestor (rootId)");
    }
    this.rootId = root;
    if (b.parentId == null && !root.equals(this.id)) {
      throw new IllegalArgumentException("a top-level comment is its own root");
    }
    if (b.id.equals(b.parentId)) {
      throw new IllegalArgumentException("a comment cannot reply to itself");
    }
    this.author = Objects.requireNonNull(b.author, "author");
    this.source = Objects.requireNonNull(b.source, "source");
    this.format = Objects.requireNonNull(b.format, "format");
    this.html = Objects.requireNonNull(b.html, "html");
    this.status = Objects.requireNonNull(b.status, "status");
    this.created = Objects.requireNonNull(b.created, "created");
    this.edited = b.edited;
    if (b.version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
    this.version = b.version;
    if (b.likes < 0) {
      throw new IllegalArgumentException("likes must not be negative");
    }
    this.likes = b.likes;
    this.editTokenHash = b.editTokenHash;
    this.ipHash = b.ipHash;
  }

  /** {@return a new, empty builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder that starts with every field of this comment} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.site = site;
    b.thread = thread;
    b.parentId = parentId;
    b.rootId = rootId;
    b.author = author;
    b.source = source;
    b.format = format;
    b.html = html;
    b.status = status;
    b.created = created;
    b.edited = edited;
    b.version = version;
    b.likes = likes;
    b.editTokenHash = editTokenHash;
    b.ipHash = ipHash;
    return b;
  }

  /** {@return the comment's id} */
  public CommentId id() {
    return id;
  }

  /** {@return the site the comment belongs to} */
  public SiteId site() {
    return site;
  }

  /** {@return the thread the comment belongs to} */
  public ThreadKey thread() {
    return thread;
  }

  /** {@return the comment this one replies to; empty for a top-level comment} */
  public Optional<CommentId> parentId() {
    return Optional.ofNullable(parentId);
  }

  /** {@return the top-level comment this one descends from; its own id for a top-level comment} */
  public CommentId rootId() {
    return rootId;
  }

  /** {@return whether this is a top-level comment} */
  public boolean isTopLevel() {
    return parentId == null;
  }

  /** {@return who wrote it} */
  public Author author() {
    return author;
  }

  /** {@return the text as the author wrote it (normalized), in {@link #format()}} */
  public String source() {
    return source;
  }

  /** {@return the markup of {@link #source()}} */
  public Format format() {
    return format;
  }

  /** {@return the sanitized HTML rendering of the source: safe to put in a page} */
  public String html() {
    return html;
  }

  /** {@return where it stands in moderation} */
  public CommentStatus status() {
    return status;
  }

  /** {@return when it was posted} */
  public Instant created() {
    return created;
  }

  /** {@return when its author last edited it; empty if never} */
  public Optional<Instant> edited() {
    return Optional.ofNullable(edited);
  }

  /**
   * Incremented by every change; used for optimistic concurrency by {@code CommentStore.update}.
   *
   * @return the version; 0 for a comment not yet stored
   */
  public long version() {
    return version;
  }

  /** {@return how many distinct clients liked it} */
  public int likes() {
    return likes;
  }

  /**
   * The SHA-256 (hex) of the author's edit token; empty when the comment has none. Never the token itself.
   *
   * @return the SHA-256 (hex) of the author's edit token; empty when the comment has none
   */
  public Optional<String> editTokenHash() {
    return Optional.ofNullable(editTokenHash);
  }

  /** {@return a keyed hash of the poster's IP address, for blocking; empty when the host gives none} */
  public Optional<String> ipHash() {
    return Optional.ofNullable(ipHash);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Comment c)) {
      return false;
    }
    return version == c.version
        && likes == c.likes
        && id.equals(c.id)
        && site.equals(c.site)
        && thread.equals(c.thread)
        && Objects.equals(parentId, c.parentId)
        && rootId.equals(c.rootId)
        && author.equals(c.author)
        && source.equals(c.source)
        && format == c.format
        && html.equals(c.html)
        && status == c.status
        && created.equals(c.created)
        && Objects.equals(edited, c.edited)
        && Objects.equals(editTokenHash, c.editTokenHash)
        && Objects.equals(ipHash, c.ipHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version, status, likes);
  }

  @Override
  public String toString() {
    return "Comment{id=" + id + ", site=" + site + ", thread=" + thread + ", parent=" + parentId
        + ", status=" + status + ", created=" + created + ", version=" + version + ", likes=" + likes + "}";
  }

  /** Builds a {@link Comment}; {@link #build()} checks that every required field is set. Not thread-safe. */
  public static final class Builder {
    private @Nullable CommentId id;
    private @Nullable SiteId site;
    private @Nullable ThreadKey thread;
    private @Nullable CommentId parentId;
    private @Nullable CommentId rootId;
    private @Nullable Author author;
    private @Nullable String source;
    private Format format = Format.PLAIN;
    private @Nullable String html;
    private CommentStatus status = CommentStatus.APPROVED;
    private @Nullable Instant created;
    private @Nullable Instant edited;
    private long version;
    private int likes;
    private @Nullable String editTokenHash;
    private @Nullable String ipHash;

    private Builder() {}

    /**
     * Sets the comment's id.
     *
     * @param id the comment's id
     * @return this builder
     */
    public Builder id(CommentId id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Sets the site the comment belongs to.
     *
     * @param site the site the comment belongs to
     * @return this builder
     */
    public Builder site(SiteId site) {
      this.site = Objects.requireNonNull(site, "site");
      return this;
    }

    /**
     * Sets the thread the comment belongs to.
     *
     * @param thread the thread the comment belongs to
     * @return this builder
     */
    public Builder thread(ThreadKey thread) {
      this.thread = Objects.requireNonNull(thread, "thread");
      return this;
    }

    /**
     * The comment replied to, or {@code null} for a top-level comment.
     *
     * @param parentId the parent, or null
     * @return this builder
     */
    public Builder parentId(@Nullable CommentId parentId) {
      this.parentId = parentId;
      return this;
    }

    /**
     * The top-level ancestor; defaults to the comment's own id for a top-level comment.
     *
     * @param rootId the top-level ancestor, or null to use the comment's own id
     * @return this builder
     */
    public Builder rootId(@Nullable CommentId rootId) {
      this.rootId = rootId;
      return this;
    }

    /**
     * Sets who wrote it.
     *
     * @param author who wrote it
     * @return this builder
     */
    public Builder author(Author author) {
      this.author = Objects.requireNonNull(author, "author");
      return this;
    }

    /**
     * Sets the text as the author wrote it (normalized), in {@link Comment#format()}.
     *
     * @param source the text as the author wrote it (normalized), in {@link Comment#format()}
     * @return this builder
     */
    public Builder source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Sets the markup of {@link Comment#source()}.
     *
     * @param format the markup of {@link Comment#source()}
     * @return this builder
     */
    public Builder format(Format format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * The sanitized HTML. Only {@link Comments} and trusted importers should set it.
     *
     * @param html sanitized HTML
     * @return this builder
     */
    public Builder html(String html) {
      this.html = Objects.requireNonNull(html, "html");
      return this;
    }

    /**
     * Sets where it stands in moderation.
     *
     * @param status where it stands in moderation
     * @return this builder
     */
    public Builder status(CommentStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Sets when it was posted.
     *
     * @param created when it was posted
     * @return this builder
     */
    public Builder created(Instant created) {
      this.created = Objects.requireNonNull(created, "created");
      return this;
    }

    /**
     * Sets when its author last edited it.
     *
     * @param edited when its author last edited it
     * @return this builder
     */
    public Builder edited(@Nullable Instant edited) {
      this.edited = edited;
      return this;
    }

    /**
     * Sets the version; 0 for a new comment, which is what {@code CommentStore.insert} expects.
     *
     * @param version the version
     * @return this builder
     */
    public Builder version(long version) {
      this.version = version;
      return this;
    }

    /**
     * Sets how many distinct clients liked it.
     *
     * @param likes how many distinct clients liked it
     * @return this builder
     */
    public Builder likes(int likes) {
      this.likes = likes;
      return this;
    }

    /**
     * Sets the SHA-256 (hex) of the author's edit token.
     *
     * @param editTokenHash the hash, or null for a comment nobody may edit
     * @return this builder
     */
    public Builder editTokenHash(@Nullable String editTokenHash) {
      this.editTokenHash = editTokenHash;
      return this;
    }

    /**
     * Sets a keyed hash of the poster's IP address, for blocking.
     *
     * @param ipHash a keyed hash of the poster's IP address, for blocking
     * @return this builder
     */
    public Builder ipHash(@Nullable String ipHash) {
      this.ipHash = ipHash;
      return this;
    }

    /**
     * Builds the comment.
     *
     * @return the comment
     * @throws NullPointerException if a required field is missing
     * @throws IllegalArgumentException if the fields contradict each other
     */
    public Comment build() {
      return new Comment(this);
    }
  }
}
