package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentNode;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPage;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.servlet.Identity;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Comments without JavaScript: an HTML fragment of a thread that a blog template includes server-side, with
 * a plain form inside it that posts to {@code /form} (see {@link FormPosts}). A hidden honeypot field must
 * stay empty; the form's signed token is made by {@link FormTokens}.
 */
final class Fragments {
  static final String CSP = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'self'";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private final CommentsAccess access;
  private final HealthView health;
  private final Assets assets;
  private final FormTokens tokens;
  private final @Nullable String publicUrl;

  Fragments(Settings settings, CommentsAccess access, HealthView health, Assets assets, FormTokens tokens) {
    this.access = access;
    this.health = health;
    this.assets = assets;
    this.tokens = tokens;
    this.publicUrl = settings.publicUrl();
  }

  /**
   * The typed values of the form, kept when posting fails.
   *
   * @param site the site
   * @param key the thread
   * @param title the thread's title, from the host
   * @param url the thread's URL, from the host
   * @param ret where to go back to after posting
   * @param name the author's name as typed
   * @param email the author's email as typed
   * @param website the author's website as typed
   * @param text the comment as typed
   * @param token the signed form token
   */
  record FormState(SiteId site, ThreadKey key, String title, String url, String ret, String name, String email,
      String website, String text, String token) {}

  /** {@code GET /fragment?thread=&title=&url=&return=&lang=} */
  Response thread(Caller caller) {
    Params q = caller.query();
    SiteId site = caller.site();
    ThreadKey key = Fields.requiredThread(q.get("thread"));
    Messages msg = Messages.forLanguage(q.get("lang"));
    String title = q.get("title", "");
    String url = Fields.blankToNull(q.get("url"));
    String ret = q.get("return", url == null ? "" : url);
    if (!tokens.safeReturn(ret)) {
      throw HttpProblem.invalid(List.of(new Violation("return",
          "must be a path on this site (starting with '/') or an http(s) URL of an allowed origin")));
    }
    ThreadPage page;
    try {
      page = access.comments().thread(site, key,
          ThreadPageRequest.first(CommentSort.OLDEST, ThreadPageRequest.MAX_LIMIT));
    } catch (StoreUnavailableException e) {
      // Nothing cached and the store is down: the page around the fragment still renders, with the form
      // (which queues when there is a spool), never a problem document inside HTML.
      page = null;
    }
    FormState form = new FormState(site, key, title, url == null ? "" : url, ret, "", "", "", "",
        tokens.token(site, key, ret, access.clock().millis()));
    String html = render(caller, page, msg, health.writeState(), form);
    return Response.text(200, "text/html", html).header("Cache-Control", "no-store")
        .header("Content-Security-Policy", CSP);
  }

  private String render(Caller caller, @Nullable ThreadPage page, Messages msg, @Nullable String readOnly,
      FormState form) {
    HtmlWriter w = new HtmlWriter(4096);
    w.tag("section").attr("class", "talkback tb-nojs").attr("id", "talkback").attr("lang", msg.lang()).nl();
    stylesheet(w, caller).nl();
    if (page == null) {
      w.tag("h2").attr("class", "tb-heading").text(msg.get("comments")).end().nl();
      w.tag("p").attr("class", "tb-banner tb-unavailable").attr("role", "status").text(msg.get("unavailable")).end()
          .nl();
      if (readOnly != null) {
        w.tag("p").attr("class", "tb-banner tb-readonly").attr("role", "status").text(msg.get(readOnly)).end().nl();
      }
      if (!"paused".equals(readOnly)) {
        form(w, caller, msg, form, null);
        w.nl();
      }
      return w.end().nl().html();
    }
    w.tag("h2").attr("class", "tb-heading").text(msg.count(page.totalCount())).end().nl();
    if (page.stale()) {
      w.tag("p").attr("class", "tb-banner").attr("role", "status").text(msg.get("stale")).end().nl();
    }
    if (readOnly != null) {
      w.tag("p").attr("class", "tb-banner tb-readonly").attr("role", "status").text(msg.get(readOnly)).end().nl();
    }
    w.tag("p").attr("id", "talkback-pending").attr("class", "tb-notice tb-target").attr("role", "status")
        .text(msg.get("notice.pending")).end().nl();
    w.tag("p").attr("id", "talkback-queued").attr("class", "tb-notice tb-target").attr("role", "status")
        .text(msg.get("notice.queued")).end().nl();
    w.tag("ol").attr("class", "tb-list").nl();
    for (CommentNode n : page.comments()) {
      node(w, n, msg);
    }
    w.end().nl();
    if (page.closed()) {
      w.tag("p").attr("class", "tb-closed").text(msg.get("closed")).end().nl();
    } else {
      form(w, caller, msg, form, null);
      w.nl();
    }
    return w.end().nl().html();
  }

  private static void node(HtmlWriter w, CommentNode n, Messages msg) {
    String id = n.comment().id().toString();
    w.tag("li").attr("class", "tb-comment").attr("id", "comment-" + id);
    if (n.tombstone()) {
      w.tag("p").attr("class", "tb-tombstone").text(msg.get("deleted")).end();
    } else {
      Author a = n.comment().author();
      w.tag("article").tag("header").attr("class", "tb-meta");
      String name = a.name().isBlank() ? msg.get("anonymous") : a.name();
      String site = a.website();
      if (site != null && Html.isHttpUrl(site)) {
        w.tag("a").attr("class", "tb-author").attr("rel", "nofollow ugc noopener").attr("href", site).text(name).end();
      } else {
        w.tag("span").attr("class", "tb-author").text(name).end();
      }
      w.text(" ").tag("a").attr("class", "tb-time").attr("href", "#comment-" + id)
          .tag("time").attr("datetime", n.comment().created().toString()).text(DATE.format(n.comment().created()))
          .end().end();
      w.end().tag("div").attr("class", "tb-body").sanitizedBody(n.comment()).end().end();
    }
    if (!n.replies().isEmpty()) {
      w.tag("ol").attr("class", "tb-replies");
      for (CommentNode r : n.replies()) {
        node(w, r, msg);
      }
      w.end();
    }
    w.end().nl();
  }

  /** The plain form, filled with {@code f}; with {@code error} shown above the fields. */
  void form(HtmlWriter w, Caller caller, Messages msg, FormState f, @Nullable String error) {
    w.tag("form").attr("class", "tb-form").attr("id", "talkback-form").attr("method", "post")
        .attr("action", mount(caller.request()) + "/form?site=" + f.site().value() + "&lang=" + msg.lang()).nl();
    w.element("h3", msg.get("form.title")).nl();
    if (error != null) {
      w.tag("p").attr("class", "tb-error").attr("role", "alert").text(error).end().nl();
    }
    hidden(w, "thread", f.key().value());
    hidden(w, "title", f.title());
    hidden(w, "url", f.url());
    hidden(w, "return", f.ret());
    hidden(w, "token", f.token());
    Optional<Identity> id = caller.identity();
    if (id.isPresent()) {
      w.tag("p").attr("class", "tb-as").text(msg.format("form.as", id.get().name())).end().nl();
    } else {
      field(w, "name", "text", msg.get("form.name"), f.name(), "name", true);
      field(w, "email", "email", msg.get("form.email"), f.email(), "email", false);
      field(w, "website", "url", msg.get("form.website"), f.website(), "url", false);
    }
    w.tag("p").attr("class", "tb-field")
        .tag("label").attr("for", "tb-nojs-text").text(msg.get("form.text")).end()
        .tag("textarea").attr("id", "tb-nojs-text").attr("name", "text").attr("rows", "5").flag("required", true)
        .attr("maxlength", access.maxBodyLength()).attr("aria-describedby", "tb-nojs-hint").text(f.text()).end()
        .tag("small").attr("id", "tb-nojs-hint").text(msg.get("form.hint")).end()
        .end().nl();
    w.tag("p").attr("class", "tb-hp").attr("aria-hidden", "true")
        .tag("label").attr("for", "tb-nojs-hp").text(msg.get("form.honeypot")).end()
        .tag("input").attr("id", "tb-nojs-hp").attr("name", "homepage").attr("type", "text").attr("tabindex", "-1")
        .attr("autocomplete", "off").attr("value", "")
        .end().nl();
    w.tag("p").tag("button").attr("type", "submit").text(msg.get("form.submit")).end().end().nl();
    w.end();
  }

  private static void hidden(HtmlWriter w, String name, String value) {
    w.tag("input").attr("type", "hidden").attr("name", name).attr("value", value).nl();
  }

  private static void field(HtmlWriter w, String name, String type, String label, String value, String autocomplete,
      boolean required) {
    w.tag("p").attr("class", "tb-field")
        .tag("label").attr("for", "tb-nojs-" + name).text(label).end()
        .tag("input").attr("id", "tb-nojs-" + name).attr("name", name).attr("type", type)
        .attr("autocomplete", autocomplete).attr("value", value).flag("required", required)
        .end().nl();
  }

  /** The widget's stylesheet link. */
  HtmlWriter stylesheet(HtmlWriter w, Caller caller) {
    return w.tag("link").attr("rel", "stylesheet").attr("href", mount(caller.request()) + assets.path("embed.css"));
  }

  private String mount(Request req) {
    return publicUrl != null ? publicUrl : req.mountPath();
  }
}
