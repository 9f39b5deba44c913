package dev.talkback.comments.spi;

import dev.talkback.comments.Comment;
import java.util.Objects;

/**
 * Decides whether a new comment looks like spam. Checks run in the order they were added to
 * {@code Comments.builder().spamCheck(...)}; the harshest verdict wins and a {@code REJECT} stops the
 * rest. Built-in checks are in {@link dev.talkback.comments.SpamChecks}.
 *
 * <p>A check that throws fails the post with that exception: checks should not call slow services
 * without a timeout of their own.
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
@FunctionalInterface
public interface SpamCheck {

  /**
   * Judges one comment before it is stored.
   *
   * @param candidate the comment as it would be stored, with its plain text and link count
   * @return accept, moderate or reject, with a reason; never null
   */
  SpamVerdict check(Candidate candidate);

  /**
   * A comment about to be stored.
   *
   * @param comment the comment, already sanitized, with the status moderation would give it
   * @param text its plain text (no markup), for word checks
   * @param linkCount how many links its HTML holds
   */
  record Candidate(Comment comment, String text, int linkCount) {
    /**
     * Checks the components; see the record's description.
     *
     * @param comment the comment, already sanitized, with the status moderation would give it
     * @param text its plain text (no markup), for word checks
     * @param linkCount how many links its HTML holds
     */
    public Candidate {
      Objects.requireNonNull(comment, "comment");
      Objects.requireNonNull(text, "text");
    }
  }
}
