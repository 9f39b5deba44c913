package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.Comments;
import dev.talkback.comments.CommentsException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The moderation page at {@code /admin}: pending, spam, deleted and recent comments with approve, spam,
 * delete, restore and block, one at a time or in bulk. Plain HTML forms and no script at all, under a
 * strict Content-Security-Policy. Admission is the host's {@code ModeratorAuthorizer}; every form carries a
 * CSRF token bound to an HttpOnly, SameSite=Strict cookie, and posts must come from the page's own origin.
 */
final class AdminPage {
  static final String CSRF_COOKIE = "tb_admin";
  private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);
  private static final List<String> VIEWS = List.of("pending", "spam", "recent", "deleted");
  private final CommentsHandler h;
  private final Assets assets;

  AdminPage(CommentsHandler h, Assets assets) {
    this.h = h;
    this.assets = assets;
  }

  Response handle(Request req, SiteId site) {
    boolean allowed;
    try {
      allowed = req.mayModerate(site);
    } catch (RuntimeException e) {
      allowed = false;
    }
    if (!allowed) {
      return page(req, 403, "Moderators only", "<p>This page is for moderators. Log in to the blog as a moderator,"
          + " then reload it.</p>", null);
    }
    if (req.method().equals("POST")) {
      return act(req, site);
    }
    CommentsHandler.requireMethod(req.method(), "GET", "POST");
    return list(req, site);
  }

  private Response list(Request req, SiteId site) {
    String view = req.query().get("view", "pending");
    if (!VIEWS.contains(view)) {
      view = "pending";
    }
    Comments comments = h.settings().comments();
    List<Comment> items = switch (view) {
      case "spam" -> comments.moderation().byStatus(site, CommentStatus.SPAM, 200);
      case "deleted" -> comments.moderation().byStatus(site, CommentStatus.DELETED, 200);
      case "recent" -> comments.recent(site, 200);
      default -> comments.moderation().pending(site, 200);
    };
    String cookie = req.cookie(CSRF_COOKIE);
    String newCookie = null;
    if (cookie == null || !cookie.matches("[A-Za-z0-9_-]{20,40}")) {
      cookie = Secrets.randomToken();
      newCookie = cookie;
    }
    String csrf = h.secrets().sign("admin|" + cookie);
    String base = req.mountPath() + "/admin?site=" + site.value();
    StringBuilder b = new StringBuilder(8192);
    b.append("<nav aria-label=\"Views\"><ul class=\"tabs\">");
    for (String v : VIEWS) {
      b.append("<li><a href=\"").append(Html.escape(base + "&view=" + v)).append('"')
          .append(v.equals(view) ? " aria-current=\"page\"" : "").append('>').append(cap(v)).append("</a></li>");
    }
    b.append("</ul></nav>");
    String done = req.query().get("done");
    if (done != null && done.matches("[a-z]{1,12}:\\d{1,4}")) {
      String[] d = done.split(":");
      b.append("<p class=\"notice\" role=\"status\">").append(d[1]).append(" comment(s): ").append(d[0]).append(".</p>");
    }
    String err = req.query().get("error");
    if (err != null && err.matches("[a-z_]{1,40}")) {
      b.append("<p class=\"error\" role=\"alert\">Some actions failed: ").append(err).append(".</p>");
    }
    String health = h.writeState();
    if (health != null) {
      b.append("<p class=\"error\" role=\"status\">The comment database is unavailable: comments are read-only (").append(health)
          .append("). Moderation waits until it is back.</p>");
    }
    b.append("<form method=\"post\" action=\"").append(Html.escape(base + "&view=" + view)).append("\">");
    b.append("<input type=\"hidden\" name=\"csrf\" value=\"").append(csrf).append("\">");
    if (items.isEmpty()) {
      b.append("<p>No comments here.</p>");
    } else {
      b.append("<fieldset class=\"bulk\"><legend>With the selected comments</legend>");
      for (String a : List.of("approve", "spam", "delete", "restore", "block")) {
        b.append("<button name=\"action\" value=\"").append(a).append("\">").append(cap(a)).append("</button> ");
      }
      b.append("</fieldset><table><caption>").append(cap(view)).append(" comments</caption><thead><tr>")
          .append("<th scope=\"col\">Select</th><th scope=\"col\">Author</th><th scope=\"col\">Page</th>")
          .append("<th scope=\"col\">Comment</th><th scope=\"col\">Posted</th><th scope=\"col\">Actions</th></tr></thead><tbody>");
      for (Comment c : items) {
        row(b, c, comments);
      }
      b.append("</tbody></table>");
    }
    b.append("</form>");
    Response r = page(req, 200, "Moderation: " + cap(view), b.toString(), null);
    if (newCookie != null) {
      r.addHeader("Set-Cookie", Guard.cookie(req, CSRF_COOKIE, newCookie, req.mountPath() + "/admin", 86_400, "Strict"));
    }
    return r;
  }

  private void row(StringBuilder b, Comment c, Comments comments) {
    String id = c.id().toString();
    String name = c.author().name().isBlank() ? "Anonymous" : c.author().name();
    b.append("<tr><td><input type=\"checkbox\" name=\"id\" value=\"").append(id).append("\" id=\"sel-").append(id)
        .append("\" aria-label=\"Select comment by ").append(Html.escape(name)).append("\"></td>");
    b.append("<td>").append(Html.escape(name)).append(c.author().userId() != null ? " <small>(member)</small>" : "")
        .append("<br><small>").append(c.status().name().toLowerCase(Locale.ROOT)).append("</small></td>");
    String title = comments.threadInfo(c.site(), c.thread()).map(i -> i.title()).filter(t -> !t.isBlank())
        .orElse(c.thread().value());
    b.append("<td>").append(Html.escape(title)).append("</td>");
    b.append("<td class=\"body\">").append(c.html()).append("</td>");
    b.append("<td><time datetime=\"").append(c.created()).append("\">").append(TIME.format(c.created())).append("</time></td><td class=\"actions\">");
    for (String a : actionsFor(c.status())) {
      b.append("<button name=\"one\" value=\"").append(a).append(':').append(id).append("\">").append(cap(a)).append("</button> ");
    }
    b.append("</td></tr>");
  }

  private static List<String> actionsFor(CommentStatus s) {
    return switch (s) {
      case PENDING -> List.of("approve", "spam", "delete", "block");
      case APPROVED -> List.of("spam", "delete", "block");
      case SPAM, DELETED -> List.of("restore", "approve", "block");
    };
  }

  private Response act(Request req, SiteId site) {
    String origin = req.header("Origin");
    if (origin != null && !Guard.origin(origin).equals(Guard.ownOrigin(req))) {
      throw HttpProblem.forbidden("origin_not_allowed", "moderation forms may only be sent from the moderation page itself");
    }
    String type = req.header("Content-Type");
    if (type == null || !Json.mediaType(type).equals("application/x-www-form-urlencoded")) {
      throw new HttpProblem(415, "unsupported_media_type", "Unsupported media type", "send the moderation form as a form");
    }
    Params f = Params.parse(new String(Bodies.read(req, h.settings().maxBodyBytes()), StandardCharsets.UTF_8));
    String cookie = req.cookie(CSRF_COOKIE);
    String csrf = f.get("csrf", "");
    if (cookie == null || csrf.isEmpty() || !h.secrets().verify("admin|" + cookie, csrf)) {
      throw HttpProblem.forbidden("csrf_failed", "the moderation form expired or did not come from the moderation page; reload it and try again");
    }
    String action;
    List<String> ids = new ArrayList<>();
    String one = f.get("one");
    if (one != null && one.indexOf(':') > 0) {
      action = one.substring(0, one.indexOf(':'));
      ids.add(one.substring(one.indexOf(':') + 1));
    } else {
      action = f.get("action", "");
      ids.addAll(f.all("id"));
    }
    if (!List.of("approve", "spam", "delete", "restore", "block").contains(action)) {
      throw HttpProblem.invalid(List.of(new dev.talkback.comments.CommentValidationException.Violation("action",
          "must be approve, spam, delete, restore or block")));
    }
    int done = 0;
    String error = null;
    for (String raw : ids) {
      try {
        CommentId id = new CommentId(UUID.fromString(raw));
        if (action.equals("block")) {
          Moderation.block(h.settings().comments(), site, id);
        } else {
          Moderation.apply(h.settings().comments(), site, id, action);
        }
        done++;
      } catch (IllegalArgumentException e) {
        error = "invalid_id";
      } catch (CommentsException e) {
        error = e.code();
      }
    }
    String view = req.query().get("view", "pending");
    String loc = req.mountPath() + "/admin?site=" + site.value() + "&view=" + (VIEWS.contains(view) ? view : "pending")
        + "&done=" + action + ":" + done + (error == null ? "" : "&error=" + error);
    return Response.status(303).header("Location", loc).header("Cache-Control", "no-store");
  }

  private Response page(Request req, int status, String title, String body, @SuppressWarnings("unused") String unused) {
    String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
        + "content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>"
        + Html.escape(title) + "</title><link rel=\"stylesheet\" href=\""
        + Html.escape(req.mountPath() + assets.path("admin.css")) + "\"></head><body><main><h1>" + Html.escape(title)
        + "</h1>" + body + "</main></body></html>";
    return Response.text(status, "text/html", html).header("Cache-Control", "no-store")
        .header("Content-Security-Policy", CSP).header("X-Frame-Options", "DENY");
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
