package dev.talkback.comments.spi;

import dev.talkback.comments.Comment;
import java.util.Objects;

/**
 * What {@link CommentStore#insert} did.
 *
 * @param comment the comment as stored: the one given, or the one already stored under its id
 * @param outcome what happened
 */
public record InsertResult(Comment comment, Outcome outcome) {
  /**
   * Checks the components; see the record's description.
   *
   * @param comment the comment as stored: the one given, or the one already stored under its id
   * @param outcome what happened
   */
  public InsertResult {
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** What happened to an insert. */
  public enum Outcome {
    /** The comment was stored. */
    CREATED,
    /** A comment with that id was already stored; it is returned unchanged. */
    EXISTING,
    /** The primary store is unreachable; the comment waits in a durable local spool and will be stored. */
    QUEUED
  }

  /**
   * A comment newly stored.
   *
   * @param comment the comment
   * @return a comment newly stored
   */
  public static InsertResult created(Comment comment) {
    return new InsertResult(comment, Outcome.CREATED);
  }

  /**
   * A comment found already stored under the same id.
   *
   * @param comment the comment
   * @return a comment found already stored under the same id
   */
  public static InsertResult existing(Comment comment) {
    return new InsertResult(comment, Outcome.EXISTING);
  }

  /**
   * A comment accepted into the write spool.
   *
   * @param comment the comment
   * @return a comment accepted into the write spool
   */
  public static InsertResult queued(Comment comment) {
    return new InsertResult(comment, Outcome.QUEUED);
  }
}
