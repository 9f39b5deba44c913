package dev.talkback.comments;

/** A {@link dev.talkback.comments.spi.SpamCheck} rejected the comment; the message gives its reason. HTTP 422. */
public class CommentRejectedException extends CommentsException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public CommentRejectedException(String reason) {
    super("rejected", "the comment was rejected: " + reason, null);
    this.reason = reason;
  }

  /** Why, as the spam check put it. */
  public String reason() {
    return reason;
  }
}
