package dev.talkback.comments;

import dev.talkback.comments.internal.text.TextPipeline;

/**
 * What comment text may contain, and how long it and its author's fields may be. Immutable; build one with
 * {@link #builder()}. Whatever the settings, the sanitizer never lets a script, style, iframe, form, event
 * handler or non-http(s)/mailto URL through.
 */
public final class ContentPolicy {
  private static final ContentPolicy DEFAULTS = builder().build();

  private final int maxBodyLength;
  private final int maxNameLength;
  private final int maxEmailLength;
  private final int maxWebsiteLength;
  private final int excerptLength;
  private final boolean allowImages;

  private ContentPolicy(Builder b) {
    this.maxBodyLength = b.maxBodyLength;
    this.maxNameLength = b.maxNameLength;
    this.maxEmailLength = b.maxEmailLength;
    this.maxWebsiteLength = b.maxWebsiteLength;
    this.excerptLength = b.excerptLength;
    this.allowImages = b.allowImages;
  }

  /** The defaults: 10,000 characters of body, 100 of name, 254 of email, 2,048 of website, no images. */
  public static ContentPolicy defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The longest body, in characters (code points) of normalized source text. */
  public int maxBodyLength() {
    return maxBodyLength;
  }

  /** The longest author name, in characters. */
  public int maxNameLength() {
    return maxNameLength;
  }

  /** The longest email address, in characters. */
  public int maxEmailLength() {
    return maxEmailLength;
  }

  /** The longest website URL, in characters. */
  public int maxWebsiteLength() {
    return maxWebsiteLength;
  }

  /** The length of plain-text excerpts for feeds and notifications, in characters. */
  public int excerptLength() {
    return excerptLength;
  }

  /**
   * A plain-text excerpt of a comment, for feeds and notifications: its text with white space collapsed, at
   * most {@link #excerptLength()} characters, cut at a word boundary and ended with "…" when longer.
   *
   * @param comment the comment
   * @return the excerpt; never null, empty only for a comment without text
   */
  public String excerpt(Comment comment) {
    return TextPipeline.excerpt(comment.html(), excerptLength);
  }

  /** Whether {@code <img>} with an http(s) source survives sanitizing. */
  public boolean allowImages() {
    return allowImages;
  }

  /** Builds a {@link ContentPolicy}; each setter checks its argument at once. */
  public static final class Builder {
    private int maxBodyLength = 10_000;
    private int maxNameLength = 100;
    private int maxEmailLength = 254;
    private int maxWebsiteLength = 2048;
    private int excerptLength = 200;
    private boolean allowImages;

    private Builder() {}

    public Builder maxBodyLength(int chars) {
      this.maxBodyLength = positive(chars, "maxBodyLength");
      return this;
    }

    public Builder maxNameLength(int chars) {
      this.maxNameLength = positive(chars, "maxNameLength");
      return this;
    }

    public Builder maxEmailLength(int chars) {
      this.maxEmailLength = positive(chars, "maxEmailLength");
      return this;
    }

    public Builder maxWebsiteLength(int chars) {
      this.maxWebsiteLength = positive(chars, "maxWebsiteLength");
      return this;
    }

    public Builder excerptLength(int chars) {
      this.excerptLength = positive(chars, "excerptLength");
      return this;
    }

    /** Lets images with an http(s) source through; off by default (they leak readers' IPs to any host). */
    public Builder allowImages(boolean allowImages) {
      this.allowImages = allowImages;
      return this;
    }

    public ContentPolicy build() {
      return new ContentPolicy(this);
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
