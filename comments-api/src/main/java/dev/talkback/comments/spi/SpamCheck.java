package dev.talkback.comments.spi;

import dev.talkback.comments.ClientInfo;
import dev.talkback.comments.Comment;
import dev.talkback.comments.ThreadInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a new comment looks like spam. Checks run in the order they were added to
 * {@code Comments.builder().spamCheck(...)}; the harshest verdict wins and a {@code REJECT} stops the
 * rest. Built-in checks are in {@link dev.talkback.comments.SpamChecks}.
 *
 * <p>A check that throws fails the post with that exception: checks should not call slow services
 * without a timeout of their own, and one that cannot reach its service should answer
 * {@link SpamVerdict#moderate}, so that the comment is neither lost nor published unseen.
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
   * Hears a moderator's decision on a comment: marked as spam, or approved. A check that learns (Akismet's
   * submit-spam and submit-ham) reports it; the default does nothing. Called after the change is stored, on
   * the moderator's thread: return quickly, and never throw for a service that cannot be reached.
   *
   * @param comment the comment as stored now
   * @param spam true if it was marked as spam, false if it was approved
   */
  default void moderated(Comment comment, boolean spam) {}

  /**
   * A comment about to be stored.
   *
   * @param comment the comment, already sanitized, with the status moderation would give it
   * @param text its plain text (no markup), for word checks
   * @param linkCount how many links its HTML holds
   * @param client what the request said about its client, if the caller said
   * @param thread the thread as the host describes it (its URL is the permalink), if known
   */
  record Candidate(Comment comment, String text, int linkCount, Optional<ClientInfo> client,
      Optional<ThreadInfo> thread) {
    /**
     * Checks the components; see the record's description.
     *
     * @param comment the comment, already sanitized, with the status moderation would give it
     * @param text its plain text (no markup), for word checks
     * @param linkCount how many links its HTML holds
     * @param client what the request said about its client, if the caller said
     * @param thread the thread as the host describes it, if known
     */
    public Candidate {
      Objects.requireNonNull(comment, "comment");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(thread, "thread");
    }

    /**
     * A candidate without client or thread information.
     *
     * @param comment the comment, already sanitized, with the status moderation would give it
     * @param text its plain text (no markup), for word checks
     * @param linkCount how many links its HTML holds
     */
    public Candidate(Comment comment, String text, int linkCount) {
      this(comment, text, linkCount, Optional.empty(), Optional.empty());
    }
  }
}
