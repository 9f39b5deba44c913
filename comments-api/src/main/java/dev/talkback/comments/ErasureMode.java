package dev.talkback.comments;

/** How {@link Moderation#eraseAuthor} erases an author's comments. */
public enum ErasureMode {
  /**
   * Removes the comments. A comment that still has replies (of other authors) becomes a tombstone instead,
   * so the replies stay attached: status {@link CommentStatus#DELETED}, text and HTML empty, no author name,
   * email, website, host user id, IP hash or edit token.
   */
  DELETE,
  /**
   * Keeps the comments, their text and status, and drops everything that names the author: name (made
   * empty), email, website, host user id, IP hash and edit token.
   */
  ANONYMIZE
}
