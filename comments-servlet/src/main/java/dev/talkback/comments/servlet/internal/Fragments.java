package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentNode;
import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.CommentsException;
import dev.talkback.comments.Format;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.RateLimitedException;
import dev.talkback.comments.ReadOnlyException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPage;
import dev.talkback.comments.servlet.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Comments without JavaScript: an HTML fragment of a thread that a blog template includes server-side, and
 * the plain form inside it, which posts to {@code /form} and redirects back (post/redirect/get).
 *
 * <p>The form carries a signed token binding the thread, the return URL and the time the form was
 * rendered: it cannot be pointed at another site (no open redirect), and a form sent back faster than a
 * person can type is refused (the time trap). A hidden honeypot field must stay empty.
 */
final class Fragments {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(java.time.ZoneOffset.UTC);
  private final CommentsHandler h;
  private final Assets assets;

  Fragments(CommentsHandler h, Assets assets) {
    this.h = h;
    this.assets = assets;
  }

  /** {@code GET /fragment?thread=&title=&url=&return=&lang=} */
  Response thread(Request req) {
    Params q = req.query();
    SiteId site = h.site(req);
    ThreadKey key = h.threadParam(q.get("thread"));
    Messages msg = Messages.forLanguage(q.get("lang"));
    String title = q.get("title", "");
    String url = CommentsHandler.blankToNull(q.get("url"));
    String ret = q.get("return", url == null ? "" : url);
    if (!safeReturn(req, ret)) {
      throw HttpProblem.invalid(List.of(new Violation("return",
          "must be a path on this site (starting with '/') or an http(s) URL of an allowed origin")));
    }
    ThreadPage page = h.settings().comments().thread(site, key, ThreadPageRequest.first(CommentSort.OLDEST, ThreadPageRequest.MAX_LIMIT));
    FormState form = new FormState(site, key, title, url == null ? "" : url, ret, "", "", "", "", token(site, key, ret, now()));
    String html = render(req, page, msg, h.writeState(), form, null);
    return Response.text(200, "text/html", html).header("Cache-Control", "no-store")
        .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'self'");
  }

  /** The typed values of the form, kept when posting fails. */
  record FormState(SiteId site, ThreadKey key, String title, String url, String ret, String name, String email,
      String website, String text, String token) {}

  private long now() {
    return h.settings().clock().millis();
  }

  String token(SiteId site, ThreadKey key, String ret, long issuedAt) {
    return issuedAt + "." + h.secrets().sign("form|" + site + "|" + key + "|" + ret + "|" + issuedAt);
  }

  String render(Request req, ThreadPage page, Messages msg, @Nullable String readOnly, FormState form,
      @Nullable String error) {
    String mount = mount(req);
    StringBuilder b = new StringBuilder(4096);
    b.append("<section class=\"talkback tb-nojs\" id=\"talkback\" lang=\"").append(msg.lang()).append("\">\n");
    b.append("<link rel=\"stylesheet\" href=\"").append(Html.escape(mount + assets.path("embed.css"))).append("\">\n");
    b.append("<h2 class=\"tb-heading\">").append(Html.escape(msg.count(page.totalCount()))).append("</h2>\n");
    if (page.stale()) {
      b.append("<p class=\"tb-banner\" role=\"status\">").append(msg.get("stale")).append("</p>\n");
    }
    if (readOnly != null) {
      b.append("<p class=\"tb-banner tb-readonly\" role=\"status\">").append(Html.escape(msg.get(readOnly))).append("</p>\n");
    }
    b.append("<p id=\"talkback-pending\" class=\"tb-notice tb-target\" role=\"status\">")
        .append(Html.escape(msg.get("notice.pending"))).append("</p>\n");
    b.append("<p id=\"talkback-queued\" class=\"tb-notice tb-target\" role=\"status\">")
        .append(Html.escape(msg.get("notice.queued"))).append("</p>\n");
    b.append("<ol class=\"tb-list\">\n");
    for (CommentNode n : page.comments()) {
      node(b, n, msg);
    }
    b.append("</ol>\n");
    if (page.closed()) {
      b.append("<p class=\"tb-closed\">").append(Html.escape(msg.get("closed"))).append("</p>\n");
    } else {
      form(b, req, mount, msg, form, error);
    }
    b.append("</section>\n");
    return b.toString();
  }

  private void node(StringBuilder b, CommentNode n, Messages msg) {
    String id = n.comment().id().toString();
    b.append("<li class=\"tb-comment\" id=\"comment-").append(id).append("\">");
    if (n.tombstone()) {
      b.append("<p class=\"tb-tombstone\">").append(Html.escape(msg.get("deleted"))).append("</p>");
    } else {
      Author a = n.comment().author();
      b.append("<article><header class=\"tb-meta\">");
      String name = a.name().isBlank() ? "Anonymous" : a.name();
      String w = a.website();
      if (w != null && Html.isHttpUrl(w)) {
        b.append("<a class=\"tb-author\" rel=\"nofollow ugc noopener\" href=\"").append(Html.escape(w)).append("\">")
            .append(Html.escape(name)).append("</a>");
      } else {
        b.append("<span class=\"tb-author\">").append(Html.escape(name)).append("</span>");
      }
      b.append(" <a class=\"tb-time\" href=\"#comment-").append(id).append("\"><time datetime=\"")
          .append(n.comment().created()).append("\">").append(DATE.format(n.comment().created())).append("</time></a>");
      b.append("</header><div class=\"tb-body\">").append(n.comment().html()).append("</div></article>");
    }
    if (!n.replies().isEmpty()) {
      b.append("<ol class=\"tb-replies\">");
      for (CommentNode r : n.replies()) {
        node(b, r, msg);
      }
      b.append("</ol>");
    }
    b.append("</li>\n");
  }

  private void form(StringBuilder b, Request req, String mount, Messages msg, FormState f, @Nullable String error) {
    b.append("<form class=\"tb-form\" id=\"talkback-form\" method=\"post\" action=\"")
        .append(Html.escape(mount + "/form?site=" + f.site().value() + "&lang=" + msg.lang())).append("\">\n");
    b.append("<h3>").append(Html.escape(msg.get("form.title"))).append("</h3>\n");
    if (error != null) {
      b.append("<p class=\"tb-error\" role=\"alert\">").append(Html.escape(error)).append("</p>\n");
    }
    hidden(b, "thread", f.key().value());
    hidden(b, "title", f.title());
    hidden(b, "url", f.url());
    hidden(b, "return", f.ret());
    hidden(b, "token", f.token());
    Optional<Identity> id = h.safeIdentity(req);
    if (id.isPresent()) {
      b.append("<p class=\"tb-as\">").append(Html.escape(String.format(msg.get("form.as"), id.get().name()))).append("</p>\n");
    } else {
      field(b, "name", "text", msg.get("form.name"), f.name(), "name", true);
      field(b, "email", "email", msg.get("form.email"), f.email(), "email", false);
      field(b, "website", "url", msg.get("form.website"), f.website(), "url", false);
    }
    b.append("<p class=\"tb-field\"><label for=\"tb-nojs-text\">").append(Html.escape(msg.get("form.text")))
        .append("</label><textarea id=\"tb-nojs-text\" name=\"text\" rows=\"5\" required maxlength=\"")
        .append(h.settings().comments().settings().contentPolicy().maxBodyLength()).append("\" aria-describedby=\"tb-nojs-hint\">")
        .append(Html.escape(f.text())).append("</textarea><small id=\"tb-nojs-hint\">")
        .append(Html.escape(msg.get("form.hint"))).append("</small></p>\n");
    b.append("<p class=\"tb-hp\" aria-hidden=\"true\"><label for=\"tb-nojs-hp\">").append(Html.escape(msg.get("form.honeypot")))
        .append("</label><input id=\"tb-nojs-hp\" name=\"homepage\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\" value=\"\"></p>\n");
    b.append("<p><button type=\"submit\">").append(Html.escape(msg.get("form.submit"))).append("</button></p>\n</form>\n");
  }

  private static void hidden(StringBuilder b, String name, String value) {
    b.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(Html.escape(value)).append("\">\n");
  }

  private static void field(StringBuilder b, String name, String type, String label, String value, String autocomplete,
      boolean required) {
    b.append("<p class=\"tb-field\"><label for=\"tb-nojs-").append(name).append("\">").append(Html.escape(label))
        .append("</label><input id=\"tb-nojs-").append(name).append("\" name=\"").append(name).append("\" type=\"")
        .append(type).append("\" autocomplete=\"").append(autocomplete).append("\" value=\"").append(Html.escape(value))
        .append('"').append(required ? " required" : "").append("></p>\n");
  }

  /** POST /form: validates, posts and redirects back; on failure shows the form again with the text kept. */
  Response post(Request req) {
    h.guard().checkOrigin(req);
    String type = req.header("Content-Type");
    if (type == null || !Json.mediaType(type).equals("application/x-www-form-urlencoded")) {
      throw new HttpProblem(415, "unsupported_media_type", "Unsupported media type",
          "send the form as application/x-www-form-urlencoded");
    }
    Params f = Params.parse(new String(Bodies.read(req, h.settings().maxBodyBytes()), StandardCharsets.UTF_8));
    Messages msg = Messages.forLanguage(req.query().get("lang"));
    SiteId site = h.site(req);
    ThreadKey key = h.threadParam(f.get("thread"));
    String ret = f.get("return", "");
    String token = f.get("token", "");
    FormState state = new FormState(site, key, f.get("title", ""), f.get("url", ""), ret, f.get("name", ""),
        f.get("email", ""), f.get("website", ""), f.get("text", ""), token);
    long issuedAt = verifiedIssuedAt(site, key, ret, token);
    if (issuedAt < 0) {
      return error(req, state, msg, 400, "form_expired",
          "This form is too old or was changed. Your text is kept below; send it again.", null, true);
    }
    long age = now() - issuedAt;
    if (age > h.settings().maxFormAge().toMillis()) {
      return error(req, state, msg, 400, "form_expired",
          "This form is too old. Your text is kept below; send it again.", null, true);
    }
    if (!f.get("homepage", "").isEmpty()) {
      return error(req, state, msg, 422, "honeypot", "The field '" + msg.get("form.honeypot")
          + "' must be empty. Your text is kept below.", null, false);
    }
    if (age < h.settings().minFormTime().toMillis()) {
      return error(req, state, msg, 422, "too_fast", "That was faster than anyone can type. Wait a few seconds and"
          + " send it again; your text is kept below.", null, false);
    }
    Optional<Identity> identity = h.safeIdentity(req);
    Author author = identity.map(Identity::toAuthor).orElseGet(() -> new Author(state.name(),
        CommentsHandler.blankToNull(state.email()), CommentsHandler.blankToNull(state.website()), null));
    String url = CommentsHandler.blankToNull(state.url());
    try {
      String ipHash = h.ipHash(req);
      h.postsByClient().acquire(ipHash);
      h.postsByThread().acquire(site.value() + "|" + key.value());
      PostResult r = h.settings().comments().post(NewComment.builder(key).site(site).threadTitle(state.title())
          .threadUrl(url != null && Html.isHttpUrl(url) ? url : null).author(author).text(state.text())
          .format(Format.PLAIN).ipHash(ipHash).build());
      String anchor = switch (r.outcome()) {
        case PUBLISHED -> "#comment-" + r.comment().id();
        case PENDING -> "#talkback-pending";
        case QUEUED -> "#talkback-queued";
      };
      int hash = ret.indexOf('#');
      String target = (hash < 0 ? ret : ret.substring(0, hash));
      return Response.status(303).header("Location", (target.isEmpty() ? "/" : target) + anchor)
          .header("Cache-Control", "no-store");
    } catch (CommentValidationException e) {
      StringBuilder d = new StringBuilder();
      for (Violation v : e.violations()) {
        d.append(d.length() == 0 ? "" : "; ").append(v.field()).append(": ").append(v.message());
      }
      return error(req, state, msg, 422, e.code(), d + ". Your text is kept below.", null, false);
    } catch (RateLimitedException e) {
      return error(req, state, msg, 429, e.code(), e.getMessage() + ". Your text is kept below.", e.retryAfter(), false);
    } catch (ReadOnlyException e) {
      return error(req, state, msg, 503, e.code(), msg.get("paused"), e.retryAfter(), false);
    } catch (CommentsException e) {
      Response p = Problems.of(e);
      return error(req, state, msg, p.status(), e.code(), e.getMessage() + ". Your text is kept below.",
          p.header("Retry-After") == null ? null : Duration.ofSeconds(Long.parseLong(p.header("Retry-After"))), false);
    }
  }

  private long verifiedIssuedAt(SiteId site, ThreadKey key, String ret, String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return -1;
    }
    try {
      long issuedAt = Long.parseLong(token.substring(0, dot));
      return h.secrets().verify("form|" + site + "|" + key + "|" + ret + "|" + issuedAt, token.substring(dot + 1))
          && safeReturnPath(ret) ? issuedAt : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A full page showing the error and the form again, filled with what was typed. */
  private Response error(Request req, FormState state, Messages msg, int status, String code, String message,
      @Nullable Duration retryAfter, boolean freshToken) {
    FormState again = freshToken
        ? new FormState(state.site(), state.key(), state.title(), state.url(), state.ret(), state.name(), state.email(),
            state.website(), state.text(), token(state.site(), state.key(), state.ret(), now() - h.settings().minFormTime().toMillis()))
        : state;
    ThreadPage empty = new ThreadPage(state.site(), state.key(), Optional.empty(), List.of(), Optional.empty(), 0, false);
    StringBuilder b = new StringBuilder();
    b.append("<!doctype html><html lang=\"").append(msg.lang()).append("\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
        .append(Html.escape(msg.get("error.title"))).append("</title></head><body><main>");
    b.append("<h1>").append(Html.escape(msg.get("error.title"))).append("</h1>");
    if (safeReturnPath(state.ret()) && !state.ret().isEmpty()) {
      b.append("<p><a href=\"").append(Html.escape(state.ret())).append("\">").append(Html.escape(msg.get("error.back")))
          .append("</a></p>");
    }
    String page = render(req, empty, msg, null, again, message);
    // only the form: drop the empty list and counts of the fragment
    b.append(page, page.indexOf("<form"), page.indexOf("</form>") + 7);
    b.append("<link rel=\"stylesheet\" href=\"").append(Html.escape(mount(req) + assets.path("embed.css"))).append("\">");
    b.append("</main></body></html>");
    Response r = Response.text(status, "text/html", b.toString()).header("Cache-Control", "no-store")
        .header("X-Talkback-Error", code)
        .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'");
    if (retryAfter != null) {
      r.header("Retry-After", Long.toString(Problems.seconds(retryAfter)));
    }
    return r;
  }

  boolean safeReturn(Request req, String ret) {
    if (ret.isEmpty() || safeReturnPath(ret) && ret.startsWith("/")) {
      return true;
    }
    return Html.isHttpUrl(ret) && h.guard().allowedUrl(req, ret);
  }

  /** A relative path on this site or an http(s) URL, with nothing that could escape it. */
  static boolean safeReturnPath(String ret) {
    if (ret.isEmpty()) {
      return true;
    }
    if (ret.indexOf('\\') >= 0 || ret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return false;
    }
    return (ret.startsWith("/") && !ret.startsWith("//")) || Html.isHttpUrl(ret);
  }

  private String mount(Request req) {
    String pub = h.settings().publicUrl();
    return pub != null ? pub : req.mountPath();
  }
}
