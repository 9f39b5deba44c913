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
 * The one place the servlet calls the parts of {@link Comments} that are moving: the helpers that exist for
 * the servlet (excerpt, clock, content policy, edit window) and the moderation calls. Everything else
 * goes through {@link #comments()}.
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
    return comments.clock();
  }

  String excerpt(Comment c) {
    return comments.excerpt(c);
  }

  int maxBodyLength() {
    return comments.contentPolicy().maxBodyLength();
  }

  Duration editWindow() {
    return comments.editWindow();
  }

  /** Comments of a site with a status, newest first; pending ones through the moderation queue. */
  List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    return status == CommentStatus.PENDING ? comments.pending(site, limit) : comments.byStatus(site, status, limit);
  }

  /** Applies approve, spam, delete or restore. */
  Comment apply(SiteId site, CommentId id, String action) {
    return switch (action) {
      case "approve" -> comments.approve(site, id);
      case "spam" -> comments.markSpam(site, id);
      case "delete" -> comments.remove(site, id);
      case "restore" -> comments.restore(site, id);
      default -> throw HttpProblem.notFound("unknown moderation action '" + action
          + "': use approve, spam, delete, restore or block");
    };
  }

  /** Blocks the author of a comment (author key, email and IP hash) and marks the comment as spam. */
  Comment block(SiteId site, CommentId id) {
    Comment c = comments.find(site, id).orElseThrow(() -> new CommentNotFoundException(id));
    comments.blocklist().blockAuthorOf(c);
    if (c.status() != CommentStatus.SPAM) {
      c = comments.markSpam(site, id);
    }
    return c;
  }
}
