package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ErasureMode;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.ExportFormat;
import dev.talkback.comments.io.Exporter;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.SitePosition;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The moderation page's section for one person's own data (GDPR articles 15 and 17), at
 * {@code /admin/authors}: find a person's comments by email and/or host user id, download them (Talkback
 * JSON lines), erase them (remove with tombstones, or anonymize), and read the erasure log. Same rules as
 * {@link AdminPage}: moderators only, no script, a CSRF token bound to the admin cookie, same-origin posts.
 */
final class AuthorDataPage {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
  private static final int SHOWN = 200;

  private final CommentsAccess access;
  private final AdminShell shell;

  AuthorDataPage(Settings settings, CommentsAccess access, Secrets secrets, Assets assets, Guard guard) {
    this.access = access;
    this.shell = new AdminShell(settings, secrets, assets, guard, false);
  }

  /** {@code GET /admin/authors?email=&userId=} */
  Response show(Caller caller) {
    Messages msg = Messages.forRequest(caller);
    if (!caller.moderator()) {
      return shell.denied(caller, msg);
    }
    Request req = caller.request();
    SiteId site = caller.site();
    AdminShell.Token token = shell.token(req);
    String csrf = token.csrf();
    AuthorMatch who = match(caller.query());
    String base = req.mountPath() + "/admin/authors?site=" + enc(site.value());
    Response r = page(caller, msg, 200, msg.get("admin.authors.title"), w -> {
      w.tag("p").tag("a").attr("href", req.mountPath() + "/admin?site=" + enc(site.value()))
          .text(msg.get("admin.backToModeration")).end().end();
      notice(w, msg, caller.query());
      w.tag("form").attr("method", "get").attr("action", req.mountPath() + "/admin/authors");
      w.tag("input").attr("type", "hidden").attr("name", "site").attr("value", site.value());
      field(w, "email", msg.get("admin.authors.email"), who == null ? null : who.email());
      field(w, "userId", msg.get("admin.authors.userId"), who == null ? null : who.userId());
      w.tag("button").text(msg.get("admin.authors.find")).end().end();
      if (who != null) {
        theirs(w, msg, site, who, base, csrf);
      }
      log(w, msg, site);
    });
    return token.set(req, r);
  }

  private void theirs(HtmlWriter w, Messages msg, SiteId site, AuthorMatch who, String base, String csrf) {
    List<Comment> first = access.comments().moderation().authorComments(site, who, null, SHOWN);
    long total = first.size();
    if (first.size() == SHOWN) {
      List<Comment> page = access.comments().moderation().authorComments(site, who,
          SitePosition.of(first.get(first.size() - 1)), 10_000);
      while (!page.isEmpty()) {
        total += page.size();
        page = access.comments().moderation().authorComments(site, who, SitePosition.of(page.get(page.size() - 1)),
            10_000);
      }
    }
    w.tag("section").attr("aria-labelledby", "theirs").tag("h2").attr("id", "theirs")
        .text(total == 0 ? msg.get("admin.authors.count.0") : total == 1 ? msg.get("admin.authors.count.1")
            : msg.format("admin.authors.count.n", total)).end();
    if (total > 0) {
      w.tag("p").tag("a").attr("href", base.replace("/admin/authors?", "/admin/authors/export?") + query(who))
          .text(msg.get("admin.authors.download")).end().end();
      w.tag("table").tag("thead").tag("tr");
      for (String col : List.of("page", "status", "posted", "comment")) {
        w.tag("th").attr("scope", "col").text(msg.get("admin.authors.col." + col)).end();
      }
      w.end().end().tag("tbody");
      for (Comment c : first) {
        w.tag("tr").element("td", c.thread().value()).element("td", msg.get("admin.status." + c.status().name().toLowerCase(Locale.ROOT)))
            .tag("td").tag("time").attr("datetime", c.created().toString()).text(TIME.format(c.created())).end().end()
            .tag("td").attr("class", "body").sanitizedBody(c).end().end();
      }
      w.end().end();
      if (total > first.size()) {
        w.element("p", msg.format("admin.authors.firstShown", first.size(), total));
      }
    }
    w.tag("form").attr("method", "post").attr("action", base + query(who));
    w.tag("input").attr("type", "hidden").attr("name", "csrf").attr("value", csrf);
    w.tag("fieldset").element("legend", msg.get("admin.authors.erase"));
    radio(w, "delete", true, msg.get("admin.authors.mode.delete"));
    radio(w, "anonymize", false, msg.get("admin.authors.mode.anonymize"));
    w.tag("p").tag("label").tag("input").attr("type", "checkbox").attr("name", "confirm").attr("value", "yes")
        .flag("required", true).text(" " + msg.get("admin.authors.confirm")).end().end();
    w.tag("button").attr("name", "action").attr("value", "erase").text(msg.get("admin.authors.eraseButton")).end();
    w.end().end().end();
  }

  private void log(HtmlWriter w, Messages msg, SiteId site) {
    List<ErasureRecord> log = access.comments().moderation().erasures(site, 50);
    w.tag("section").attr("aria-labelledby", "log").tag("h2").attr("id", "log").text(msg.get("admin.authors.log")).end();
    if (log.isEmpty()) {
      w.element("p", msg.get("admin.authors.log.empty"));
    } else {
      w.tag("table").tag("thead").tag("tr");
      for (String col : List.of("when", "by", "mode", "matchedBy", "removed", "tombstones", "anonymized")) {
        w.tag("th").attr("scope", "col").text(msg.get("admin.authors.log.col." + col)).end();
      }
      w.end().end().tag("tbody");
      for (ErasureRecord r : log) {
        w.tag("tr").tag("td").tag("time").attr("datetime", r.at().toString()).text(TIME.format(r.at())).end().end()
            .element("td", r.actor())
            .element("td", msg.get("admin.authors.log.mode." + r.mode().name().toLowerCase(Locale.ROOT)))
            .element("td", (r.byEmail() ? msg.get("admin.authors.log.byEmail") : "")
                + (r.byEmail() && r.byUserId() ? ", " : "") + (r.byUserId() ? msg.get("admin.authors.log.byUserId") : ""))
            .element("td", Integer.toString(r.deleted())).element("td", Integer.toString(r.tombstoned()))
            .element("td", Integer.toString(r.anonymized())).end();
      }
      w.end().end();
    }
    w.end();
  }

  /** {@code GET /admin/authors/export?email=&userId=}: the person's comments as Talkback JSON lines. */
  Response export(Caller caller) {
    if (!caller.moderator()) {
      return denied(caller);
    }
    AuthorMatch who = match(caller.query());
    if (who == null) {
      throw new HttpProblem(400, "author_missing", "Name the author", "give email, userId, or both");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Exporter.builder(new AuthorReader(access.comments())).site(caller.site()).clock(access.clock()).build()
        .exportAuthor(ExportFormat.TALKBACK, who, out);
    return Response.of(200, "application/x-ndjson; charset=utf-8", out.toByteArray())
        .header("Content-Disposition", "attachment; filename=\"author-data.jsonl\"")
        .header("Cache-Control", "no-store");
  }

  /** {@code POST /admin/authors?email=&userId=}: erases, then redirects back with the counts. */
  Response erase(Caller caller) {
    if (!caller.moderator()) {
      return denied(caller);
    }
    Request req = caller.request();
    Params f = shell.form(caller, "erasure");
    shell.checkToken(req.cookie(AdminShell.CSRF_COOKIE), f.get("csrf"), "erasure");
    AuthorMatch who = match(caller.query());
    if (who == null) {
      throw new HttpProblem(400, "author_missing", "Name the author", "give email, userId, or both");
    }
    if (!f.get("confirm", "").equals("yes")) {
      throw new HttpProblem(400, "not_confirmed", "Confirm the erasure", "tick the box that confirms the erasure");
    }
    String mode = f.get("mode", "");
    ErasureMode m = switch (mode) {
      case "delete" -> ErasureMode.DELETE;
      case "anonymize" -> ErasureMode.ANONYMIZE;
      default -> throw new HttpProblem(400, "invalid_mode", "Unknown erasure mode", "mode must be delete or anonymize");
    };
    String actor = "moderator:" + caller.identity().map(i -> i.userId()).orElse("unknown");
    ErasureRecord r = access.comments().moderation().eraseAuthor(caller.site(), who, m,
        actor.length() > 255 ? actor.substring(0, 255) : actor);
    String loc = req.mountPath() + "/admin/authors?site=" + enc(caller.site().value()) + "&erased="
        + r.deleted() + "." + r.tombstoned() + "." + r.anonymized();
    return Response.status(303).header("Location", loc).header("Cache-Control", "no-store");
  }

  private static void notice(HtmlWriter w, Messages msg, Params q) {
    String erased = q.get("erased");
    if (erased != null && erased.matches("\\d{1,9}\\.\\d{1,9}\\.\\d{1,9}")) {
      int a = erased.indexOf('.');
      int b = erased.indexOf('.', a + 1);
      w.tag("p").attr("class", "notice").attr("role", "status").text(msg.format("admin.authors.erased",
          erased.substring(0, a), erased.substring(a + 1, b), erased.substring(b + 1))).end();
    }
  }

  private static @Nullable AuthorMatch match(Params q) {
    String email = blankToNull(q.get("email"));
    String userId = blankToNull(q.get("userId"));
    if (email == null && userId == null) {
      return null;
    }
    return new AuthorMatch(email, userId);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String query(AuthorMatch who) {
    return (who.email() == null ? "" : "&email=" + enc(who.email()))
        + (who.userId() == null ? "" : "&userId=" + enc(who.userId()));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static void field(HtmlWriter w, String name, String label, @Nullable String value) {
    w.tag("p").tag("label").attr("for", "f-" + name).text(label).end().text(" ")
        .tag("input").attr("id", "f-" + name).attr("name", name).attr("value", value).end();
  }

  private static void radio(HtmlWriter w, String value, boolean checked, String label) {
    w.tag("p").tag("label").tag("input").attr("type", "radio").attr("name", "mode").attr("value", value)
        .flag("checked", checked).text(" " + label).end().end();
  }

  private Response denied(Caller caller) {
    return shell.denied(caller, Messages.forRequest(caller));
  }

  private Response page(Caller caller, Messages msg, int status, String title, Consumer<HtmlWriter> body) {
    return shell.page(caller, msg.lang(), status, title, false, body);
  }


  /**
   * What {@link Exporter#exportAuthor} reads, through the moderation view and the thread infos of
   * {@link Comments}: the servlet does not hold the store itself. Nothing else is read.
   */
  private static final class AuthorReader implements CommentReader {
    private final Comments comments;

    AuthorReader(Comments comments) {
      this.comments = comments;
    }

    @Override
    public List<Comment> authorComments(SiteId site, AuthorMatch author, @Nullable SitePosition after, int limit) {
      return comments.moderation().authorComments(site, author, after, limit);
    }

    @Override
    public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
      return comments.threadInfo(site, thread);
    }

    @Override
    public Optional<Comment> find(SiteId site, CommentId id) {
      throw unused();
    }

    @Override
    public ThreadSlice thread(ThreadQuery query) {
      throw unused();
    }

    @Override
    public Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
      throw unused();
    }

    @Override
    public List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
      throw unused();
    }

    @Override
    public List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
      throw unused();
    }

    @Override
    public boolean hasApproved(SiteId site, String authorKey) {
      throw unused();
    }

    private static UnsupportedOperationException unused() {
      return new UnsupportedOperationException("the author export reads authorComments and threadInfo only");
    }
  }
}
