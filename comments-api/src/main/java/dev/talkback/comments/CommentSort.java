package dev.talkback.comments;

/**
 * The order of a thread's top-level comments. Replies are always shown oldest first under their parent, so
 * a conversation reads in order.
 */
public enum CommentSort {
  /** Oldest first: the order of a conversation. */
  OLDEST,
  /** Newest first. */
  NEWEST,
  /** Most liked first; ties oldest first. */
  TOP
}
