package dev.talkback.comments;

/** Which new comments wait for a moderator before they are published. */
public enum ModerationMode {
  /** Publish at once, unless a {@link dev.talkback.comments.spi.SpamCheck} asks for moderation. */
  NONE,
  /** Every comment waits for a moderator. */
  ALL,
  /** An author with no approved comment yet waits; an author with one is trusted. */
  FIRST_TIME,
  /** A comment that contains a link waits. */
  LINKS
}
