package dev.talkback.comments;

/** The comment changed between reading and writing it (its version moved on); reload and retry. HTTP 409. */
public class ConcurrentEditException extends CommentsException {
  private static final long serialVersionUID = 1L;

  public ConcurrentEditException(CommentId id, long expectedVersion) {
    super("conflict", "comment " + id + " was changed by someone else (expected version " + expectedVersion
        + "); reload it and try again", null);
  }
}
