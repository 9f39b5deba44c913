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
import dev.talkback.comments.CommentId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Comments without JavaScript: an HTML fragment of a thread that a blog template includes server-side, with
 * a plain form inside it that posts to {@code /form} (see {@link FormPosts}). A hidden honeypot field must
 * stay empty; the form's signed token is made by {@link FormTokens}.
 */
final class Fragments {
  /** The no-JS pages' policy: their own inline stylesheet (by its hash) and the linked one, images, forms. */
  static final String CSP = "default-src 'none'; style-src 'self' " + Assets.INLINE_CSS_HASH
      + "; img-src 'self' https:; form-action 'self'; frame-ancestors 'self'";
  private final CommentsAccess access;
  private final HealthView health;
  private final Assets assets;
  private final FormTokens tokens;
  private final @Nullable String publicUrl;
  private final Avatars avatars;
  private final OptIn optIn;

  Fragments(Settings settings, CommentsAccess access, HealthView health, Assets assets, FormTokens tokens,
      Avatars avatars) {
    this.avatars = avatars;
    this.access = access;
    this.health = health;
    this.assets = assets;
    this.tokens = tokens;
    this.publicUrl = settings.publicUrl();
    this.optIn = new OptIn(settings.notifications());
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
   * @param signature the host's signature of the title and URL ({@code ThreadSignature}), or empty
   * @param parent the comment replied to, or {@code null} for a new thread
   * @param wish the "email me" boxes as ticked
   */
  record FormState(SiteId site, ThreadKey key, String title, String url, String ret, String name, String email,
      String website, String text, String token, String signature, @Nullable CommentId parent, OptIn.Wish wish) {
    /** A form with no box ticked. */
    FormState(SiteId site, ThreadKey key, String title, String url, String ret, String name, String email,
        String website, String text, String token, String signature, @Nullable CommentId parent) {
      this(site, key, title, url, ret, name, email, website, text, token, signature, parent, OptIn.Wish.NONE);
    }
  }

  /**
   * {@code GET /fragment?thread=&title=&url=&signature=&return=&lang=&replyTo=}: the title and URL are stored
   * with a new thread only with the host's signature; {@code replyTo} may also come from the query string of
   * the page the fragment is included in (the reply links point there).
   */
  Response thread(Caller caller) {
    Params q = caller.query();
    SiteId site = caller.site();
    ThreadKey key = Fields.requiredThread(q.get("thread"));
    Messages msg = Messages.forRequest(caller);
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
    CommentId replyTo = replyTo(q.get("replyTo"));
    if (replyTo == null && caller.request().pageQueryString() != null) {
      replyTo = replyTo(Params.query(caller.request().pageQueryString()).get("replyTo"));
    }
    FormState form = new FormState(site, key, title, url == null ? "" : url, ret, "", "", "", "",
        tokens.token(site, key, ret, access.clock().millis()), q.get("signature", ""), replyTo);
    String html = render(caller, page, msg, health.writeState(), form);
    return Response.text(200, "text/html", html).header("Cache-Control", "no-store")
        .header("Content-Security-Policy", CSP);
  }

  private static @Nullable CommentId replyTo(@Nullable String raw) {
    if (raw == null || !raw.matches("[0-9a-fA-F-]{36}")) {
      return null;
    }
    try {
      return new CommentId(UUID.fromString(raw));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** What one render needs besides the writer: the caller, texts, the form, the time, the names by id. */
  private record Page(Caller caller, Messages msg, FormState form, Instant now, Map<CommentId, String> names) {}

  private String render(Caller caller, @Nullable ThreadPage page, Messages msg, @Nullable String readOnly,
      FormState form) {
    HtmlWriter w = new HtmlWriter(4096);
    w.tag("section").attr("class", "talkback tb-nojs").attr("id", "talkback").attr("lang", msg.lang()).nl();
    // The styles first paint needs travel with the fragment; the link at its end serves a host whose CSP
    // does not allow their hash (CommentsServlet.fragmentStyleHash), without holding up the paint above it.
    w.inlineStyle().nl();
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
      return stylesheet(w, caller).end().nl().html();
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
    if (optIn.enabled()) {
      for (String notice : List.of("subscribed", "pending-subscribed", "queued-subscribed", "not-subscribed")) {
        w.tag("p").attr("id", "talkback-" + notice).attr("class", "tb-notice tb-target").attr("role", "status")
            .text(msg.get("notice." + notice)).end().nl();
      }
    }
    Page p = new Page(caller, msg, form, access.clock().instant(), new HashMap<>());
    boolean replying = !page.closed() && form.parent() != null && contains(page.comments(), form.parent());
    w.tag("ol").attr("class", "tb-list").nl();
    for (CommentNode n : page.comments()) {
      node(w, n, p, null, !page.closed());
    }
    w.end().nl();
    if (page.closed()) {
      w.tag("p").attr("class", "tb-closed").text(msg.get("closed")).end().nl();
    } else if (!replying) {
      FormState top = form.parent() == null ? form : withParent(form, null);
      form(w, caller, msg, top, null);
      w.nl();
    }
    return stylesheet(w, caller).end().nl().html();
  }

  private static boolean contains(List<CommentNode> nodes, CommentId id) {
    for (CommentNode n : nodes) {
      if ((!n.tombstone() && n.comment().id().equals(id)) || contains(n.replies(), id)) {
        return true;
      }
    }
    return false;
  }

  private static FormState withParent(FormState f, @Nullable CommentId parent) {
    return new FormState(f.site(), f.key(), f.title(), f.url(), f.ret(), f.name(), f.email(), f.website(), f.text(),
        f.token(), f.signature(), parent, f.wish());
  }

  private void node(HtmlWriter w, CommentNode n, Page p, @Nullable CommentId under, boolean open) {
    Messages msg = p.msg();
    CommentId cid = n.comment().id();
    String id = cid.toString();
    w.tag("li").attr("class", "tb-c").attr("id", "comment-" + id);
    if (n.tombstone()) {
      w.tag("p").attr("class", "tb-tombstone").text(msg.get("deleted")).end();
    } else {
      Author a = n.comment().author();
      String name = a.name().isBlank() ? msg.get("anonymous") : a.name();
      p.names().put(cid, name);
      w.tag("article");
      String avatar = avatars.url(n.comment().site(), a);
      w.tag("img").attr("class", "tb-avatar").attr("alt", "").attr("width", 36).attr("height", 36)
          .attr("loading", "lazy").attr("src", Html.isHttpUrl(avatar) ? avatar : mount(p.caller().request()) + "/" + avatar);
      w.tag("header").attr("class", "tb-meta");
      String site = a.website();
      if (site != null && Html.isHttpUrl(site)) {
        w.tag("a").attr("class", "tb-author").attr("rel", "nofollow ugc noopener").attr("href", site).text(name).end();
      } else {
        w.tag("span").attr("class", "tb-author").text(name).end();
      }
      w.text(" ").tag("a").attr("class", "tb-time").attr("href", "#comment-" + id);
      Times.time(w, n.comment().created(), p.now(), msg).end();
      if (n.comment().edited().isPresent()) {
        w.tag("span").attr("class", "tb-edited").text(" · " + msg.get("edited")).end();
      }
      Optional<CommentId> parent = n.comment().parentId();
      if (under != null && parent.isPresent() && !parent.get().equals(under) && p.names().containsKey(parent.get())) {
        w.tag("a").attr("class", "tb-inreply").attr("href", "#comment-" + parent.get())
            .text("↪ " + msg.format("inReply", p.names().get(parent.get()))).end();
      }
      w.end().tag("div").attr("class", "tb-body").sanitizedBody(n.comment()).end();
      if (open) {
        w.tag("footer").attr("class", "tb-actions").tag("a").attr("class", "tb-reply")
            .attr("href", withQuery(p.form().ret(), "replyTo=" + id) + "#talkback-form")
            .attr("aria-label", msg.format("replyTo", name)).text(msg.get("reply")).end().end();
      }
      w.end();
      if (open && cid.equals(p.form().parent())) {
        form(w, p.caller(), msg, p.form(), null);
      }
    }
    if (!n.replies().isEmpty()) {
      w.tag("ol").attr("class", "tb-replies");
      for (CommentNode r : n.replies()) {
        node(w, r, p, cid, open);
      }
      w.end();
    }
    w.end().nl();
  }

  /** {@code url} without a fragment and without {@code replyTo}, plus {@code param} if not {@code null}. */
  static String withQuery(String url, @Nullable String param) {
    int hash = url.indexOf('#');
    String u = (hash < 0 ? url : url.substring(0, hash)).replaceAll("([?&])replyTo=[^&]*(&|$)", "$1");
    if (u.endsWith("?") || u.endsWith("&")) {
      u = u.substring(0, u.length() - 1);
    }
    return param == null ? u : u + (u.contains("?") ? "&" : "?") + param;
  }

  /** The plain form, filled with {@code f}; with {@code error} shown above the fields. */
  void form(HtmlWriter w, Caller caller, Messages msg, FormState f, @Nullable String error) {
    w.tag("form").attr("class", "tb-form").attr("id", "talkback-form").attr("method", "post")
        .attr("action", mount(caller.request()) + "/form?site=" + f.site().value() + "&lang=" + msg.lang()).nl();
    // Under the thread's h2 in a fragment; under the failure page's h1 there.
    w.element(error == null ? "h3" : "h2", f.parent() == null ? msg.get("form.title") : msg.get("form.reply")).nl();
    if (error != null) {
      w.tag("p").attr("class", "tb-error").attr("role", "alert").text(error).end().nl();
    }
    hidden(w, "thread", f.key().value());
    hidden(w, "title", f.title());
    hidden(w, "url", f.url());
    hidden(w, "signature", f.signature());
    hidden(w, "return", f.ret());
    hidden(w, "token", f.token());
    CommentId parent = f.parent();
    if (parent != null) {
      hidden(w, "parent", parent.toString());
    }
    Optional<Identity> id = caller.identity();
    if (id.isPresent()) {
      w.tag("p").attr("class", "tb-as").text(msg.format("form.as", id.get().name())).end().nl();
    } else {
      field(w, "name", "text", msg.get("form.name"), f.name(), "name", true);
      field(w, "email", "email", msg.get("form.email"), f.email(), "email", false);
      field(w, "website", "url", msg.get("form.website"), f.website(), "url", false);
    }
    if (optIn.enabled() && (id.isEmpty() || id.get().email() != null)) {
      box(w, "notifyReplies", msg.get("form.notifyReplies"), f.wish().replies());
      box(w, "notifyThread", msg.get("form.notifyThread"), f.wish().thread());
      w.tag("p").attr("class", "tb-hint").attr("id", "tb-nojs-notify-hint").text(msg.get("form.notifyHint")).end().nl();
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
    w.tag("p").attr("class", "tb-buttons").tag("button").attr("type", "submit").text(msg.get("form.submit")).end();
    if (parent != null) {
      String back = withQuery(f.ret(), null);
      w.tag("a").attr("class", "tb-cancel").attr("href", (back.isEmpty() ? "?" : back) + "#talkback-form")
          .text(msg.get("form.cancelReply")).end();
    }
    w.end().nl();
    w.end();
  }

  /** An opt-in box, off unless the reader ticked it. */
  private static void box(HtmlWriter w, String name, String label, boolean checked) {
    w.tag("p").attr("class", "tb-field tb-check")
        .tag("input").attr("id", "tb-nojs-" + name).attr("name", name).attr("type", "checkbox").attr("value", "yes")
        .attr("aria-describedby", "tb-nojs-notify-hint").flag("checked", checked)
        .text(" ").tag("label").attr("for", "tb-nojs-" + name).text(label).end()
        .end().nl();
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

  /**
   * The widget's stylesheet link: put it after the content, where it does not hold up the first paint (the
   * inline copy styles it already where the page's CSP allows).
   */
  HtmlWriter stylesheet(HtmlWriter w, Caller caller) {
    return w.tag("link").attr("rel", "stylesheet").attr("href", mount(caller.request()) + assets.path("embed.css"));
  }

  private String mount(Request req) {
    return publicUrl != null ? publicUrl : req.mountPath();
  }
}
