package dev.talkback.comments;

/**
 * A {@link dev.talkback.comments.spi.SpamCheck} rejected the comment, or one of the site's blocks
 * ({@link Moderation#block}) matches its author; the message gives the reason. HTTP 422.
 */
public class CommentRejectedException extends CommentsException {
  private static final long serialVersionUID = 2L;

  private final String reason;

  /**
   * An exception for a refused comment.
   *
   * @param reason why, in words the author may be shown
   */
  public CommentRejectedException(String reason) {
    super("rejected", "the comment was rejected: " + reason, null);
    this.reason = reason;
  }

  /**
   * Why, as the spam check or the block check put it.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
