package dev.talkback.comments;

import org.jspecify.annotations.Nullable;

/**
 * The store could not be reached or did not answer in time: connection refused, a timeout, a closed socket,
 * a read-only transaction on a demoted primary. Only this exception switches a
 * {@link dev.talkback.comments.fallback.FallbackCommentStore} to read-only mode; any other failure is a bug
 * or a constraint and passes through. HTTP 503.
 */
public class StoreUnavailableException extends CommentsException {
  private static final long serialVersionUID = 2L;

  /**
   * An exception for a store that cannot be reached; stores throw it, and callers may retry later.
   *
   * @param message what could not be reached, and how long was waited
   * @param cause the driver's or the network's failure; null if there is none
   */
  public StoreUnavailableException(String message, @Nullable Throwable cause) {
    super("store_unavailable", message, cause);
  }
}
