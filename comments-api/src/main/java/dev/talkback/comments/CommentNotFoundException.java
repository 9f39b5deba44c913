package dev.talkback.comments;

import java.util.UUID;

/** No comment has that id on that site (or the caller may not see it). HTTP 404. */
public class CommentNotFoundException extends CommentsException {
  private static final long serialVersionUID = 2L;

  private final UUID id;

  /**
   * An exception for a comment that is not there.
   *
   * @param id the id that was looked for
   */
  public CommentNotFoundException(CommentId id) {
    super("not_found", "no comment with id " + id, null);
    this.id = id.value();
  }

  /**
   * The id that was looked for.
   *
   * @return the id
   */
  public CommentId id() {
    return new CommentId(id);
  }
}
