package dev.talkback.comments;

/** No comment has that id on that site (or the caller may not see it). HTTP 404. */
public class CommentNotFoundException extends CommentsException {
  private static final long serialVersionUID = 1L;

  private final CommentId id;

  public CommentNotFoundException(CommentId id) {
    super("not_found", "no comment with id " + id, null);
    this.id = id;
  }

  /** The id that was looked for. */
  public CommentId id() {
    return id;
  }
}
