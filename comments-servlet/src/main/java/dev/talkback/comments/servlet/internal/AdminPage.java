package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.CommentsException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The moderation page at {@code /admin}: pending, spam, deleted and recent comments with approve, spam,
 * delete, restore and block, one at a time or in bulk. Plain HTML forms and no script at all, under a
 * strict Content-Security-Policy. Admission is the host's {@code ModeratorAuthorizer}; every form carries a
 * CSRF token bound to an HttpOnly, SameSite=Strict cookie, and posts must come from the page's own origin.
 */
final class AdminPage {
  private static final Logger LOG = LoggerFactory.getLogger(AdminPage.class);
  private static final List<String> VIEWS = List.of("pending", "spam", "recent", "deleted");
  private static final List<String> ACTIONS = List.of("approve", "spam", "delete", "restore", "block");
  private final Settings settings;
  private final CommentsAccess access;
  private final HealthView health;
  private final Avatars avatars;
  private final AdminShell shell;

  AdminPage(Settings settings, CommentsAccess access, Secrets secrets, HealthView health, Assets assets, Guard guard,
      Avatars avatars) {
    this.avatars = avatars;
    this.settings = settings;
    this.access = access;
    this.health = health;
    this.shell = new AdminShell(settings, secrets, assets, guard, true);
  }

  /** {@code GET /admin?view=} */
  Response list(Caller caller) {
    Messages msg = Messages.forRequest(caller);
    if (!caller.moderator()) {
      return denied(caller, msg);
    }
    Request req = caller.request();
    SiteId site = caller.site();
    String view = caller.query().get("view", "pending");
    if (!VIEWS.contains(view)) {
      view = "pending";
    }
    List<Comment> items;
    try {
      items = view.equals("recent") ? access.comments().recent(site, 200)
          : access.byStatus(site, CommentStatus.valueOf(view.toUpperCase(Locale.ROOT)), 200);
    } catch (CommentsException e) {
      LOG.warn("moderation list unavailable: {}", e.toString());
      String v = view;
      return page(caller, msg, 503, msg.format("admin.title", msg.get("admin.view." + view)), w -> {
        tabs(w, caller, msg, v);
        w.tag("p").attr("class", "error").attr("role", "alert").text(msg.get("admin.unavailable")).end();
      }).header("Retry-After", "30");
    }
    AdminShell.Token token = shell.token(req);
    String csrf = token.csrf();
    String base = req.mountPath() + "/admin?site=" + site.value();
    String current = view;
    Instant now = access.clock().instant();
    Response r = page(caller, msg, 200, msg.format("admin.title", msg.get("admin.view." + view)), w -> {
      tabs(w, caller, msg, current);
      w.tag("p").tag("a").attr("href", req.mountPath() + "/admin/authors?site=" + site.value())
          .text(msg.get("admin.authorData")).end().end();
      w.tag("p").tag("a").attr("href", req.mountPath() + "/admin/import?site=" + site.value())
          .text(msg.get("admin.toImport")).end().end();
      notices(w, caller.query(), msg);
      w.tag("form").attr("method", "post").attr("action", base + "&view=" + current);
      w.tag("input").attr("type", "hidden").attr("name", "csrf").attr("value", csrf);
      if (items.isEmpty()) {
        w.element("p", msg.get("admin.empty"));
      } else {
        w.tag("fieldset").attr("class", "bulk").element("legend", msg.get("admin.bulk"));
        for (String a : ACTIONS) {
          w.tag("button").attr("name", "action").attr("value", a).attr("class", "btn btn-" + a)
              .text(msg.get("admin.action." + a)).end().text(" ");
        }
        w.end().tag("table").element("caption", msg.format("admin.caption", msg.get("admin.view." + current)))
            .tag("thead").tag("tr");
        for (String col : List.of("select", "author", "page", "comment", "posted", "actions")) {
          w.tag("th").attr("scope", "col").text(msg.get("admin.col." + col)).end();
        }
        w.end().end().tag("tbody");
        for (Comment c : items) {
          row(w, c, msg, now, req);
        }
        w.end().end();
      }
      w.end();
    });
    return token.set(req, r);
  }

  /** The links out (the blog, the host's logout) and the view tabs. */
  private void tabs(HtmlWriter w, Caller caller, Messages msg, String current) {
    Presentation p = settings.presentation();
    String base = caller.request().mountPath() + "/admin?site=" + caller.site().value();
    w.tag("nav").attr("class", "top").attr("aria-label", msg.get("admin.links")).tag("ul");
    String blog = p.blogUrl();
    w.tag("li").tag("a").attr("href", blog == null ? "/" : blog).text(msg.get("admin.back")).end().end();
    String logout = p.logoutUrl();
    if (logout != null) {
      w.tag("li").tag("a").attr("href", logout).text(msg.get("admin.logout")).end().end();
    }
    w.end().end();
    w.tag("nav").attr("aria-label", msg.get("admin.views")).tag("ul").attr("class", "tabs");
    for (String v : VIEWS) {
      w.tag("li").tag("a").attr("href", base + "&view=" + v).attr("aria-current", v.equals(current) ? "page" : null)
          .text(msg.get("admin.view." + v)).end().end();
    }
    w.end().end();
  }

  private void notices(HtmlWriter w, Params q, Messages msg) {
    String done = q.get("done");
    if (done != null && done.matches("[a-z]{1,12}:\\d{1,4}")) {
      int colon = done.indexOf(':');
      int n = Integer.parseInt(done.substring(colon + 1));
      String action = done.substring(0, colon);
      if (ACTIONS.contains(action)) {
        w.tag("p").attr("class", "notice").attr("role", "status")
            .text(n == 0 ? msg.get("admin.done.none") : n == 1 ? msg.get("admin.done." + action + ".1")
                : msg.format("admin.done." + action + ".n", n)).end();
      }
    }
    String err = q.get("error");
    if (err != null && err.matches("[a-z_]{1,40}")) {
      String key = "admin.error." + err;
      String text = msg.get(key);
      w.tag("p").attr("class", "error").attr("role", "alert").text(text.equals(key) ? msg.get("admin.error.other") : text)
          .end();
    }
    String writeState = health.writeState();
    if (writeState != null) {
      w.tag("p").attr("class", "error").attr("role", "status").text(msg.get("admin.readOnly." + writeState)).end();
    }
  }

  private void row(HtmlWriter w, Comment c, Messages msg, Instant now, Request req) {
    String id = c.id().toString();
    String name = c.author().name().isBlank() ? msg.get("anonymous") : c.author().name();
    w.tag("tr").tag("td").tag("input").attr("type", "checkbox").attr("name", "id").attr("value", id)
        .attr("id", "sel-" + id).attr("aria-label", msg.format("admin.select", name)).end();
    String avatar = avatars.url(c.site(), c.author());
    w.tag("td").attr("class", "who").tag("img").attr("class", "avatar").attr("alt", "").attr("width", 28)
        .attr("height", 28).attr("src", Html.isHttpUrl(avatar) ? avatar : req.mountPath() + "/" + avatar).text(name);
    if (c.author().userId() != null) {
      w.text(" ").element("small", msg.get("admin.member"));
    }
    w.tag("br").tag("small").attr("class", "status status-" + c.status().name().toLowerCase(Locale.ROOT))
        .text(msg.get("admin.status." + c.status().name().toLowerCase(Locale.ROOT))).end().end();
    Optional<ThreadInfo> info = access.comments().threadInfo(c.site(), c.thread());
    String title = info.map(ThreadInfo::title).filter(t -> !t.isBlank()).orElse(c.thread().value());
    Optional<String> url = info.map(ThreadInfo::url).filter(u -> u != null && Html.isHttpUrl(u));
    w.tag("td");
    if (url.isPresent()) {
      w.tag("a").attr("href", url.get() + "#comment-" + id).text(title).end();
    } else {
      w.text(title);
    }
    w.end();
    w.tag("td").attr("class", "body").sanitizedBody(c).end();
    w.tag("td");
    Times.time(w, c.created(), now, msg).end().tag("td").attr("class", "actions");
    for (String a : actionsFor(c.status())) {
      w.tag("button").attr("name", "one").attr("value", a + ":" + id).attr("class", "btn btn-" + a)
          .attr("aria-label", msg.get("admin.action." + a) + ": " + name)
          .text(msg.get("admin.action." + a)).end().text(" ");
    }
    w.end().end();
  }

  private static List<String> actionsFor(CommentStatus s) {
    return switch (s) {
      case PENDING -> List.of("approve", "spam", "delete", "block");
      case APPROVED -> List.of("spam", "delete", "block");
      case SPAM, DELETED -> List.of("restore", "approve", "block");
    };
  }

  /** {@code POST /admin}: one action on one comment, or on the checked ones; redirects back to the list. */
  Response act(Caller caller) {
    if (!caller.moderator()) {
      return denied(caller, Messages.forRequest(caller));
    }
    Request req = caller.request();
    SiteId site = caller.site();
    Params f = shell.form(caller, "moderation");
    if (!shell.tokenValid(req, f.get("csrf"))) {
      // Refused, and nothing done; a moderator sees a page with a sentence, never a JSON problem.
      Messages msg = Messages.forRequest(caller);
      String view = VIEWS.contains(caller.query().get("view", "")) ? caller.query().get("view", "") : "pending";
      return page(caller, msg, 403, msg.format("admin.title", msg.get("admin.view." + view)), w -> {
        tabs(w, caller, msg, view);
        w.tag("p").attr("class", "error").attr("role", "alert").text(msg.get("admin.error.csrf_failed")).end();
      }).header("X-Talkback-Error", "csrf_failed");
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
    if (!ACTIONS.contains(action)) {
      throw HttpProblem.invalid(List.of(new Violation("action", "must be approve, spam, delete, restore or block")));
    }
    int done = 0;
    String error = null;
    for (String raw : ids) {
      try {
        CommentId id = new CommentId(UUID.fromString(raw));
        if (action.equals("block")) {
          access.block(site, id);
        } else {
          access.apply(site, id, action);
        }
        done++;
      } catch (IllegalArgumentException e) {
        error = "invalid_id";
      } catch (CommentsException e) {
        error = e.code();
      }
    }
    String view = caller.query().get("view", "pending");
    String loc = req.mountPath() + "/admin?site=" + site.value() + "&view=" + (VIEWS.contains(view) ? view : "pending")
        + "&done=" + action + ":" + done + (error == null ? "" : "&error=" + error);
    return Response.status(303).header("Location", loc).header("Cache-Control", "no-store");
  }

  private Response denied(Caller caller, Messages msg) {
    return page(caller, msg, 403, msg.get("admin.denied.title"), w -> {
      String blog = settings.presentation().blogUrl();
      w.element("p", msg.get("admin.denied.text"));
      w.tag("p").tag("a").attr("href", blog == null ? "/" : blog).text(msg.get("admin.back")).end().end();
    });
  }

  private Response page(Caller caller, Messages msg, int status, String title, Consumer<HtmlWriter> body) {
    return shell.page(caller, msg.lang(), status, title, false, body);
  }

}
