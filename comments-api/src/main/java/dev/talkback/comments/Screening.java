package dev.talkback.comments;

import dev.talkback.comments.internal.text.Rendered;
import dev.talkback.comments.spi.BlockStore;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.SpamCheck;
import dev.talkback.comments.spi.SpamVerdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a new or edited comment is refused, held for a moderator or published: the site's blocks,
 * the spam checks and the {@link ModerationMode}. Thread-safe.
 */
final class Screening {
  private static final Logger log = LoggerFactory.getLogger(Screening.class);

  private final CommentReader store;
  private final BlockStore blocks;
  private final ModerationMode mode;
  private final List<SpamCheck> spamChecks;

  Screening(CommentReader store, BlockStore blocks, ModerationMode mode, List<SpamCheck> spamChecks) {
    this.store = store;
    this.blocks = blocks;
    this.mode = mode;
    this.spamChecks = List.copyOf(spamChecks);
  }

  /** What a post's blocks say: nothing, or that the block store could not answer. */
  enum BlockCheck {
    CLEAR,
    UNKNOWN
  }

  /**
   * Refuses a post by a blocked author. When the block store cannot be reached the post is not refused, so
   * that nothing is lost while the database is down, but the caller holds it for a moderator.
   *
   * @throws CommentRejectedException if one of the author's blocks is on the site
   */
  BlockCheck checkPost(SiteId site, Author author, @Nullable String ipHash) {
    try {
      refuseIfBlocked(site, author, ipHash);
      return BlockCheck.CLEAR;
    } catch (StoreUnavailableException e) {
      log.warn("the block store of site {} cannot be read; the comment waits for a moderator", site, e);
      return BlockCheck.UNKNOWN;
    }
  }

  /**
   * Refuses an edit by a blocked author, so that a blocked author cannot put a comment back in the
   * moderation queue. An edit is never taken on trust: if the blocks cannot be read it fails.
   *
   * @throws CommentRejectedException if one of the author's blocks is on the site
   * @throws StoreUnavailableException if the block store cannot be reached
   */
  void checkEdit(Comment c) {
    refuseIfBlocked(c.site(), c.author(), c.ipHash().orElse(null));
  }

  private void refuseIfBlocked(SiteId site, Author author, @Nullable String ipHash) {
    List<Block> candidates = Block.candidates(author, ipHash);
    if (!candidates.isEmpty() && blocks.anyBlocked(site, candidates)) {
      throw new CommentRejectedException("the author is blocked");
    }
  }

  /** The status a new comment starts with, before the spam checks. */
  CommentStatus initialStatus(SiteId site, Author author, Rendered body) {
    return switch (mode) {
      case ALL -> CommentStatus.PENDING;
      case LINKS -> body.linkCount() > 0 ? CommentStatus.PENDING : CommentStatus.APPROVED;
      case FIRST_TIME -> author.key().map(k -> trusted(site, k)).orElse(false)
          ? CommentStatus.APPROVED
          : CommentStatus.PENDING;
      case NONE -> CommentStatus.APPROVED;
    };
  }

  /**
   * The status a comment queued during an outage gets once the database is back: like
   * {@link #initialStatus}, but a store that still cannot be read is an exception, not an untrusted author.
   *
   * @throws StoreUnavailableException if the store cannot be read yet
   */
  CommentStatus statusOnRecheck(SiteId site, Author author, Rendered body) {
    if (mode == ModerationMode.FIRST_TIME) {
      return author.key().map(k -> store.hasApproved(site, k)).orElse(false)
          ? CommentStatus.APPROVED
          : CommentStatus.PENDING;
    }
    return initialStatus(site, author, body);
  }

  /** Whether an author has an approved comment; an author is untrusted while the store cannot be read. */
  private boolean trusted(SiteId site, String authorKey) {
    try {
      return store.hasApproved(site, authorKey);
    } catch (StoreUnavailableException e) {
      log.debug("store unavailable for a read before a post; going on with what is known", e);
      return false;
    }
  }

  /** Whether an edited text must wait for a moderator again, before the spam checks. */
  boolean holdsEdit(Rendered body) {
    return mode == ModerationMode.ALL || (mode == ModerationMode.LINKS && body.linkCount() > 0);
  }

  /** Tells every spam check of a moderator's decision; a check that throws is logged and skipped. */
  void moderated(Comment comment, boolean spam) {
    for (SpamCheck check : spamChecks) {
      try {
        check.moderated(comment, spam);
      } catch (RuntimeException e) {
        log.warn("spam check {} failed to take a moderator's decision on comment {}", check, comment.id(), e);
      }
    }
  }

  /** The harshest verdict of the spam checks, stopping at the first rejection. */
  SpamVerdict checkSpam(Comment comment, Rendered body, Optional<ClientInfo> client, Optional<ThreadInfo> thread) {
    SpamVerdict worst = SpamVerdict.accept();
    SpamCheck.Candidate candidate = new SpamCheck.Candidate(comment, body.text(), body.linkCount(), client, thread);
    for (SpamCheck check : spamChecks) {
      SpamVerdict v = Objects.requireNonNull(check.check(candidate), "a spam check returned null");
      if (v.action().compareTo(worst.action()) > 0) {
        worst = v;
      }
      if (worst.action() == SpamVerdict.Action.REJECT) {
        break;
      }
    }
    return worst;
  }
}
