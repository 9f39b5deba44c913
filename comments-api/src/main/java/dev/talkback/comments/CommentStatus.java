package dev.talkback.comments;

/** Where a comment stands in moderation. */
public enum CommentStatus {
  /** Waiting for a moderator; visible to nobody else. */
  PENDING,
  /** Published. */
  APPROVED,
  /** Marked as spam; hidden. */
  SPAM,
  /** Deleted by its author or a moderator; shown as a tombstone while it has visible replies. */
  DELETED
}
