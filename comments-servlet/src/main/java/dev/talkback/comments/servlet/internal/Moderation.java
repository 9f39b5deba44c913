package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The moderation API and the actions the moderation page shares with it: list by status, approve, mark as
 * spam, delete, restore, and block a comment's author. Every call needs the {@code ModeratorAuthorizer}'s
 * yes for the site.
 */
final class Moderation {
  private Moderation() {}

  static Response handle(CommentsHandler h, Request req, String m, String[] seg) {
    SiteId site = h.site(req);
    requireModerator(req, site);
    // seg: ["moderation", "comments"] or ["moderation", "comments", id, action]
    if (seg.length == 2 && seg[1].equals("comments")) {
      CommentsHandler.requireMethod(m, "GET");
      List<Violation> v = new ArrayList<>();
      CommentStatus status = status(req.query().get("status", "pending"), v);
      int limit = CommentsHandler.intParam(req.query().get("limit"), "limit", 1, 500, 50, v);
      if (!v.isEmpty()) {
        throw HttpProblem.invalid(v);
      }
      return Json.response(200, Views.list("comments", list(h.settings().comments(), site, status, limit), true));
    }
    if (seg.length == 4 && seg[1].equals("comments")) {
      CommentsHandler.requireMethod(m, "POST");
      Json.readObject(req, h.settings().maxBodyBytes());
      CommentId id = CommentsHandler.pathId(seg[2]);
      ObjectNode o = Json.object();
      if (seg[3].equals("block")) {
        Comment c = block(h.settings().comments(), site, id);
        o.put("blocked", true);
        o.set("comment", Views.moderated(c));
        return Json.response(200, o);
      }
      Comment c = apply(h.settings().comments(), site, id, seg[3]);
      return Json.response(200, Views.moderated(c));
    }
    throw HttpProblem.notFound("no moderation endpoint '" + req.path() + "'; see docs/servlet.md");
  }

  static void requireModerator(Request req, SiteId site) {
    boolean ok;
    try {
      ok = req.mayModerate(site);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Moderation.class).warn("ModeratorAuthorizer failed; denying", e);
      ok = false;
    }
    if (!ok) {
      throw HttpProblem.forbidden("not_moderator",
          "only moderators may do this; the host's ModeratorAuthorizer did not admit this request (log in as a moderator)");
    }
  }

  static List<Comment> list(Comments comments, SiteId site, CommentStatus status, int limit) {
    return status == CommentStatus.PENDING ? comments.moderation().pending(site, limit) : comments.moderation().byStatus(site, status, limit);
  }

  static CommentStatus status(String raw, List<Violation> v) {
    try {
      return CommentStatus.valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      v.add(new Violation("status", "must be pending, approved, spam or deleted (got '" + raw + "')"));
      return CommentStatus.PENDING;
    }
  }

  /** Applies approve, spam, delete or restore. */
  static Comment apply(Comments comments, SiteId site, CommentId id, String action) {
    switch (action) {
      case "approve":
        return comments.moderation().approve(site, id);
      case "spam":
        return comments.moderation().markSpam(site, id);
      case "delete":
        return comments.moderation().remove(site, id);
      case "restore":
        return comments.moderation().restore(site, id);
      default:
        throw HttpProblem.notFound("unknown moderation action '" + action
            + "': use approve, spam, delete, restore or block");
    }
  }

  /** Blocks the author of a comment (author key, email and IP hash) and marks the comment as spam. */
  static Comment block(Comments comments, SiteId site, CommentId id) {
    Comment c = comments.find(site, id).orElseThrow(() -> new CommentNotFoundException(id));
    comments.moderation().blockAuthorOf(site, id);
    if (c.status() != CommentStatus.SPAM) {
      c = comments.moderation().markSpam(site, id);
    }
    return c;
  }
}
