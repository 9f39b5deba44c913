package dev.talkback.comments;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Comments#post} did with a new comment.
 *
 * @param comment the comment as stored (or queued)
 * @param outcome published, waiting for a moderator, or queued while the database is down
 * @param editToken the secret that lets the author edit or delete within the edit window; give it to the
 *     author's browser and nowhere else. Present only when this call stored or queued the comment: a
 *     repeated post of the same id returns none, since only the token's hash is kept.
 * @param moderationReason why the comment waits for a moderator, when a spam check said so
 */
public record PostResult(
    Comment comment, Outcome outcome, Optional<String> editToken, Optional<String> moderationReason) {

  /**
   * Checks the components; see the record's description.
   *
   * @param comment the comment as stored (or queued)
   * @param outcome published, waiting for a moderator, or queued while the database is down
   * @param editToken the secret that lets the author edit or delete within the edit window; give it to the
   *     author's browser and nowhere else. Present only when this call stored or queued the comment: a
   *     repeated post of the same id returns none, since only the token's hash is kept.
   * @param moderationReason why the comment waits for a moderator, when a spam check said so
   */
  public PostResult {
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(editToken, "editToken");
    Objects.requireNonNull(moderationReason, "moderationReason");
  }

  static PostResult of(Comment c, Outcome o, @Nullable String token, @Nullable String reason) {
    return new PostResult(c, o, Optional.ofNullable(token), Optional.ofNullable(reason));
  }

  /** What happened to a posted comment. */
  public enum Outcome {
    /** Stored and visible to everyone. */
    PUBLISHED,
    /** Stored, waiting for a moderator. */
    PENDING,
    /**
     * The database is unreachable: the comment is safe in the durable write spool and will be stored (and,
     * if approved, shown) when the database is back.
     */
    QUEUED
  }
}
