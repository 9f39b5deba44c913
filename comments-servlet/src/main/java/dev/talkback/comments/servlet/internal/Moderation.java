package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.CommentValidationException.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The moderation API: list by status, approve, mark as spam, delete, restore, and block a comment's author.
 * Every call needs the {@code ModeratorAuthorizer}'s yes for the site.
 */
final class Moderation {
  private final CommentsAccess access;
  private final int maxBodyBytes;
  private final Avatars avatars;

  Moderation(CommentsAccess access, int maxBodyBytes, Avatars avatars) {
    this.avatars = avatars;
    this.access = access;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** {@code GET /api/moderation/comments?status=&limit=} */
  Response list(Caller caller) {
    requireModerator(caller);
    List<Violation> v = new ArrayList<>();
    CommentStatus status = status(caller.query().get("status", "pending"), v);
    int limit = Fields.intParam(caller.query().get("limit"), "limit", 1, 500, 50, v);
    Fields.check(v);
    return Json.response(200, Views.list("comments", access.byStatus(caller.site(), status, limit), true, avatars));
  }

  /** {@code POST /api/moderation/comments/{id}/{action}} */
  Response act(Caller caller, String rawId, String action) {
    requireModerator(caller);
    Json.readObject(caller.request(), maxBodyBytes);
    CommentId id = Fields.pathId(rawId);
    if (action.equals("block")) {
      Comment c = access.block(caller.site(), id);
      ObjectNode o = Json.object();
      o.put("blocked", true);
      o.set("comment", Views.moderated(c, avatars));
      return Json.response(200, o);
    }
    return Json.response(200, Views.moderated(access.apply(caller.site(), id, action), avatars));
  }

  static void requireModerator(Caller caller) {
    if (!caller.moderator()) {
      throw HttpProblem.forbidden("not_moderator",
          "only moderators may do this; the host's ModeratorAuthorizer did not admit this request (log in as a moderator)");
    }
  }

  private static CommentStatus status(String raw, List<Violation> v) {
    try {
      return CommentStatus.valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      v.add(new Violation("status", "must be pending, approved, spam or deleted (got '" + raw + "')"));
      return CommentStatus.PENDING;
    }
  }
}
