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

  /** {@return the defaults: 10,000 characters of body, 100 of name, 254 of email, 2,048 of website, no images} */
  public static ContentPolicy defaults() {
    return DEFAULTS;
  }

  /** {@return a builder that starts from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the longest body, in characters (code points) of normalized source text} */
  public int maxBodyLength() {
    return maxBodyLength;
  }

  /** {@return the longest author name, in characters} */
  public int maxNameLength() {
    return maxNameLength;
  }

  /** {@return the longest email address, in characters} */
  public int maxEmailLength() {
    return maxEmailLength;
  }

  /** {@return the longest website URL, in characters} */
  public int maxWebsiteLength() {
    return maxWebsiteLength;
  }

  /** {@return the length of plain-text excerpts for feeds and notifications, in characters} */
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

  /** {@return whether {@code <img>} with an http(s) source survives sanitizing} */
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

    /**
     * The longest body, in characters (code points) of normalized source text; 10,000 by default.
     *
     * @param chars positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBodyLength(int chars) {
      this.maxBodyLength = positive(chars, "maxBodyLength");
      return this;
    }

    /**
     * The longest author name, in characters; 100 by default.
     *
     * @param chars positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxNameLength(int chars) {
      this.maxNameLength = positive(chars, "maxNameLength");
      return this;
    }

    /**
     * The longest email address, in characters; 254 by default.
     *
     * @param chars positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxEmailLength(int chars) {
      this.maxEmailLength = positive(chars, "maxEmailLength");
      return this;
    }

    /**
     * The longest website URL, in characters; 2,048 by default.
     *
     * @param chars positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxWebsiteLength(int chars) {
      this.maxWebsiteLength = positive(chars, "maxWebsiteLength");
      return this;
    }

    /**
     * The length of plain-text excerpts for feeds and notifications, in characters; 200 by default.
     *
     * @param chars positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder excerptLength(int chars) {
      this.excerptLength = positive(chars, "excerptLength");
      return this;
    }

    /**
     * Lets images with an http(s) source through; off by default (they leak readers' IPs to any host).
     *
     * @param allowImages whether images survive sanitizing
     * @return this builder
     */
    public Builder allowImages(boolean allowImages) {
      this.allowImages = allowImages;
      return this;
    }

    /** {@return the policy} */
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
