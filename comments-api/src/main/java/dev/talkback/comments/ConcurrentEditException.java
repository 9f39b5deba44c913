package dev.talkback.comments;

/** The comment changed between reading and writing it (its version moved on); reload and retry. HTTP 409. */
public class ConcurrentEditException extends CommentsException {
  private static final long serialVersionUID = 2L;

  /**
   * An exception for an update that lost a race.
   *
   * @param id the comment
   * @param expectedVersion the version the writer read, which is no longer the stored one
   */
  public ConcurrentEditException(CommentId id, long expectedVersion) {
    super("conflict", "comment " + id + " was changed by someone else (expected version " + expectedVersion
        + "); reload it and try again", null);
  }
}
