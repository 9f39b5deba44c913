package dev.talkback.comments.notify;

/** Which comments moderators hear about, and how. */
public enum ModeratorAlerts {
  /** A mail for each comment that waits for moderation (the default). */
  PENDING,
  /** A mail for every new comment, waiting or published. */
  ALL,
  /** One mail per digest interval listing the comments that wait, if any. */
  DIGEST,
  /** No moderator mails. */
  NONE
}
