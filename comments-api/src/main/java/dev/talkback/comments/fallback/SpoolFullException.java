package dev.talkback.comments.fallback;

import dev.talkback.comments.CommentsException;

/**
 * The write spool holds as many comments as it may ({@link FileWriteSpool.Builder#maxDepth}). A
 * {@link FallbackCommentStore} answers it with a {@link dev.talkback.comments.ReadOnlyException}: nothing
 * was stored, and the writer should keep the text and send it again later.
 */
public final class SpoolFullException extends CommentsException {
  private static final long serialVersionUID = 1L;

  /** @param message what is full, and how full */
  public SpoolFullException(String message) {
    super("spool_full", message, null);
  }
}
