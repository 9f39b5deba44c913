package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The one place the servlet reaches past the basic calls of {@link Comments}: its settings (excerpt, clock,
 * content policy, edit window) and its moderation view. Everything else goes through {@link #comments()}.
 */
final class CommentsAccess {
  private final Comments comments;

  CommentsAccess(Comments comments) {
    this.comments = comments;
  }

  /** The comment service, for reads, posts and author actions. */
  Comments comments() {
    return comments;
  }

  Clock clock() {
    return comments.settings().clock();
  }

  String excerpt(Comment c) {
    return comments.settings().contentPolicy().excerpt(c);
  }

  int maxBodyLength() {
    return comments.settings().contentPolicy().maxBodyLength();
  }

  Duration editWindow() {
    return comments.settings().editWindow();
  }

  /** Comments of a site with a status, newest first; pending ones through the moderation queue. */
  List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    dev.talkback.comments.Moderation moderation = comments.moderation();
    return status == CommentStatus.PENDING ? moderation.pending(site, limit) : moderation.byStatus(site, status, limit);
  }

  /** Applies approve, spam, delete or restore. */
  Comment apply(SiteId site, CommentId id, String action) {
    dev.talkback.comments.Moderation moderation = comments.moderation();
    return switch (action) {
      case "approve" -> moderation.approve(site, id);
      case "spam" -> moderation.markSpam(site, id);
      case "delete" -> moderation.remove(site, id);
      case "restore" -> moderation.restore(site, id);
      default -> throw HttpProblem.notFound("unknown moderation action '" + action
          + "': use approve, spam, delete, restore or block");
    };
  }

  /**
   * Blocks the author of a comment on its site (author key, email and IP hash) and marks the comment as
   * spam.
   */
  Comment block(SiteId site, CommentId id) {
    dev.talkback.comments.Moderation moderation = comments.moderation();
    moderation.blockAuthorOf(site, id);
    Comment c = comments.find(site, id).orElseThrow(() -> new CommentNotFoundException(id));
    if (c.status() != CommentStatus.SPAM) {
      c = moderation.markSpam(site, id);
    }
    return c;
  }
}
