package dev.talkback.comments.fallback;

/** What a {@link FallbackCommentStore} does with a new comment while it is read-only. */
public enum WritePolicy {
  /**
   * Append it to the durable local {@link WriteSpool} and answer
   * {@link dev.talkback.comments.spi.InsertResult.Outcome#QUEUED}; it is stored when a writable primary is
   * found. The default. Edits, likes, moderation and thread changes are refused
   * ({@link dev.talkback.comments.ReadOnlyException}) either way: only new comments are queued.
   */
  SPOOL,
  /**
   * Refuse it with {@link dev.talkback.comments.ReadOnlyException} (HTTP 503 with {@code Retry-After});
   * the writer keeps the text and sends it again.
   */
  REJECT
}
