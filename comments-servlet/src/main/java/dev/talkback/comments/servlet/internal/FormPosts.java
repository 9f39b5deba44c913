package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.CommentsException;
import dev.talkback.comments.Format;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.RateLimitedException;
import dev.talkback.comments.ReadOnlyException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.servlet.Identity;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /form}, the no-JS form's target: checks the signed token, the honeypot and the time trap,
 * posts, and redirects back (post/redirect/get) to the return URL with an anchor saying what happened. When
 * posting fails the answer is a page with the message and the form again, filled with what was typed.
 */
final class FormPosts {
  private static final String CSP = "default-src 'none'; style-src 'self' " + Assets.INLINE_CSS_HASH
      + "; img-src 'self' https:; form-action 'self'; "
      + "frame-ancestors 'none'";
  private final Settings settings;
  private final CommentsAccess access;
  private final Guard guard;
  private final PostGate gate;
  private final FormTokens tokens;
  private final Fragments fragments;
  private final OptIn optIn;
  private final int maxBodyBytes;

  FormPosts(Settings settings, CommentsAccess access, Guard guard, PostGate gate, FormTokens tokens,
      Fragments fragments) {
    this.settings = settings;
    this.access = access;
    this.guard = guard;
    this.gate = gate;
    this.tokens = tokens;
    this.fragments = fragments;
    this.optIn = new OptIn(settings.notifications());
    this.maxBodyBytes = maxBodyBytes(settings.maxBodyBytes(), access.maxBodyLength());
  }

  /**
   * The largest form body taken: the configured cap plus nine bytes per character of the longest comment. A
   * browser percent-encodes every byte of non-ASCII text (a CJK character such as U+6F22 becomes {@code %E6%BC%A2}), so a comment the
   * form's own {@code maxlength} allows (10,000 characters by default) can take 90,000 bytes where the JSON
   * API gets 30,000; under the plain cap such a reader got a 413 and lost the text.
   */
  static int maxBodyBytes(int configured, int maxTextLength) {
    return (int) Math.min(Integer.MAX_VALUE, configured + 9L * maxTextLength);
  }

  /** The largest body {@link #post} takes. */
  int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** POST /form: validates, posts and redirects back; on failure shows the form again with the text kept. */
  Response post(Caller caller) {
    Request req = caller.request();
    guard.checkOrigin(req);
    String type = req.header("Content-Type");
    if (type == null || !Json.mediaType(type).equals("application/x-www-form-urlencoded")) {
      throw new HttpProblem(415, "unsupported_media_type", "Unsupported media type",
          "send the form as application/x-www-form-urlencoded");
    }
    byte[] raw = Bodies.read(req, maxBodyBytes);
    Messages msg = Messages.forRequest(caller);
    Params f;
    try {
      f = Params.parse(Bodies.utf8(raw));
    } catch (HttpProblem e) { // not UTF-8, or too many fields: show what could be read, never post it
      String message = e.code().equals("invalid_utf8") ? msg.get("error.encoding") : msg.format("error.kept", String.valueOf(e.getMessage()));
      return keptText(caller, Params.lenient(Bodies.lenientUtf8(raw)), msg, e.status(), e.code(), message);
    }
    SiteId site;
    ThreadKey key;
    try {
      site = caller.site();
      key = Fields.requiredThread(f.get("thread"));
    } catch (HttpProblem e) { // the page's form is broken (its thread key or site): keep the reader's text
      return keptText(caller, f, msg, e.status(), e.code(), msg.format("error.broken", String.valueOf(e.getMessage())));
    }
    String ret = f.get("return", "");
    String token = f.get("token", "");
    String rawParent = f.get("parent", "").strip();
    CommentId parent = parent(rawParent);
    Fragments.FormState state = new Fragments.FormState(site, key, f.get("title", ""), f.get("url", ""), ret,
        f.get("name", ""), f.get("email", ""), f.get("website", ""), f.get("text", ""), token,
        f.get("signature", ""), parent, new OptIn.Wish(!f.get("notifyReplies", "").isEmpty(),
            !f.get("notifyThread", "").isEmpty()));
    if (parent == null && !rawParent.isEmpty()) {
      // the form's hidden reply field was changed: never posted as a new top-level comment, the text is kept
      return error(caller, state, msg, 422, "validation_failed",
          msg.format("error.kept", "parent must be the id of the comment replied to"), null, false);
    }
    if (!tokens.safeReturn(ret)) {
      // Never re-signed, never linked, never redirected to: the form comes back pointing at the mount point.
      Fragments.FormState home = new Fragments.FormState(site, key, state.title(), state.url(), "", state.name(),
          state.email(), state.website(), state.text(), "", state.signature(), parent, state.wish());
      return error(caller, home, msg, 400, "invalid_return", msg.get("error.changed"), null, true);
    }
    long issuedAt = tokens.verifiedIssuedAt(site, key, ret, token);
    if (issuedAt < 0) {
      return error(caller, state, msg, 400, "form_expired", msg.get("error.changed"), null, true);
    }
    long age = now() - issuedAt;
    if (age > settings.maxFormAge().toMillis()) {
      return error(caller, state, msg, 400, "form_expired", msg.get("error.expired"), null, true);
    }
    if (!f.get("homepage", "").isEmpty()) {
      return error(caller, state, msg, 422, "honeypot", msg.format("error.honeypot", msg.get("form.honeypot")), null,
          false);
    }
    if (age < settings.minFormTime().toMillis()) {
      return error(caller, state, msg, 422, "too_fast", msg.get("error.tooFast"), null, false);
    }
    try {
      return Response.status(303).header("Location", location(ret, publish(caller, state, msg.lang())))
          .header("Cache-Control", "no-store");
    } catch (HttpProblem e) { // a box ticked without an address
      String kept = e.code().equals("email_required") ? msg.get("error.notifyEmail")
          : msg.format("error.kept", String.valueOf(e.getMessage()));
      return error(caller, state, msg, e.status(), e.code(), kept, null, false);
    } catch (CommentValidationException e) {
      StringBuilder d = new StringBuilder();
      for (Violation v : e.violations()) {
        d.append(d.length() == 0 ? "" : "; ").append(v.field()).append(": ").append(v.message());
      }
      return error(caller, state, msg, 422, e.code(), msg.format("error.kept", d), null, false);
    } catch (RateLimitedException e) {
      String kept = msg.format("error.kept", String.valueOf(e.getMessage()));
      return error(caller, state, msg, 429, e.code(), kept, e.retryAfter(), false);
    } catch (ReadOnlyException e) {
      return error(caller, state, msg, 503, e.code(), msg.get("paused"), e.retryAfter(), false);
    } catch (CommentsException e) {
      Response p = Problems.of(e);
      String retry = p.header("Retry-After");
      // Never the store's own text (it names databases and drivers) on a reader's page.
      String kept = p.status() >= 500 ? msg.get("error.unavailable")
          : msg.format("error.kept", String.valueOf(e.getMessage()));
      return error(caller, state, msg, p.status(), e.code(), kept,
          retry == null ? null : Duration.ofSeconds(Long.parseLong(retry)), false);
    }
  }

  /** The comment replied to, or {@code null} when there is none or it is not a comment id. */
  private static @Nullable CommentId parent(String raw) {
    try {
      return CommentId.parse(raw);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Posts the comment; the anchor that tells the reader what happened. */
  private String publish(Caller caller, Fragments.FormState state, String lang) {
    Author author = caller.identity().map(Identity::toAuthor).orElseGet(() -> new Author(state.name(),
        Fields.blankToNull(state.email()), Fields.blankToNull(state.website()), null));
    optIn.check(state.wish(), author.email());
    NewComment.Builder b = NewComment.builder(state.key()).site(state.site()).replyTo(state.parent()).author(author)
        .text(state.text()).format(Format.MARKDOWN).ipHash(caller.clientKey()).subscribe(state.wish().request());
    gate.admit(b, caller, state.site(), state.key(), PostGate.Channel.FORM, new PostGate.ThreadAttributes(
        state.title(), Fields.blankToNull(state.url()), state.signature()), null, lang);
    PostResult r = access.comments().post(b.build());
    OptIn.Outcome subscribed = optIn.subscribe(state.wish(), r);
    if (subscribed == OptIn.Outcome.NOT_RECORDED) {
      return "#talkback-not-subscribed";
    }
    if (subscribed == OptIn.Outcome.REQUESTED) {
      return switch (r.outcome()) {
        case PUBLISHED -> "#talkback-subscribed";
        case PENDING -> "#talkback-pending-subscribed";
        case QUEUED -> "#talkback-queued-subscribed";
      };
    }
    return switch (r.outcome()) {
      case PUBLISHED -> "#comment-" + r.comment().id();
      case PENDING -> "#talkback-pending";
      case QUEUED -> "#talkback-queued";
    };
  }

  private static String location(String ret, String anchor) {
    int hash = ret.indexOf('#');
    String target = hash < 0 ? ret : ret.substring(0, hash);
    return (target.isEmpty() ? "/" : target) + anchor;
  }

  private long now() {
    return access.clock().millis();
  }

  /**
   * A full page for a form that cannot be shown again (its thread or site is not valid, or its text could
   * not be decoded): the error and the reader's text, to copy. Nothing was posted.
   */
  private Response keptText(Caller caller, Params f, Messages msg, int status, String code, String message) {
    String ret = f.get("return", "");
    HtmlWriter w = new HtmlWriter(4096);
    w.doctype().tag("html").attr("lang", msg.lang()).tag("head")
        .tag("meta").attr("charset", "utf-8")
        .tag("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1")
        .element("title", msg.get("error.title")).inlineStyle().end()
        .tag("body").tag("main").element("h1", msg.get("error.title"));
    w.tag("p").attr("class", "tb-error").attr("role", "alert").text(message).end().nl();
    if (!ret.isEmpty() && tokens.safeReturn(ret)) {
      w.tag("p").tag("a").attr("href", ret).text(msg.get("error.back")).end().end();
    }
    w.tag("p").tag("label").attr("for", "talkback-kept-text").text(msg.get("form.text")).end().end();
    w.tag("textarea").attr("id", "talkback-kept-text").attr("name", "text").attr("rows", 10).attr("cols", 60)
        .text(f.get("text", "")).end();
    fragments.stylesheet(w, caller);
    String html = w.end().end().end().html();
    return Response.text(status, "text/html", html).header("Cache-Control", "no-store")
        .header("X-Talkback-Error", code).header("Content-Security-Policy", CSP);
  }

  /**
   * The failure page: the host's template ({@code CommentsServlet.Builder.formPageTemplate}) with the form in
   * its slot, or Talkback's own plain page.
   */
  private String page(Messages msg, String form) {
    return settings.presentation().page(msg.lang(), msg.get("error.title"), form);
  }

  /** A full page showing the error and the form again, filled with what was typed. */
  private Response error(Caller caller, Fragments.FormState state, Messages msg, int status, String code,
      String message, @Nullable Duration retryAfter, boolean freshToken) {
    Fragments.FormState again = freshToken && tokens.safeReturn(state.ret())
        ? new Fragments.FormState(state.site(), state.key(), state.title(), state.url(), state.ret(), state.name(),
            state.email(), state.website(), state.text(),
            tokens.token(state.site(), state.key(), state.ret(), now() - settings.minFormTime().toMillis()),
            state.signature(), state.parent(), state.wish())
        : state;
    HtmlWriter w = new HtmlWriter(4096);
    w.inlineStyle();
    w.tag("section").attr("class", "talkback tb-nojs").attr("id", "talkback").attr("lang", msg.lang())
        .element("h1", msg.get("error.title"));
    if (!state.ret().isEmpty() && tokens.safeReturn(state.ret())) {
      w.tag("p").tag("a").attr("href", state.ret()).text(msg.get("error.back")).end().end();
    }
    fragments.form(w, caller, msg, again, message);
    String html = page(msg, fragments.stylesheet(w, caller).end().html());
    Response r = Response.text(status, "text/html", html).header("Cache-Control", "no-store")
        .header("X-Talkback-Error", code)
        .header("Content-Security-Policy", CSP);
    if (retryAfter != null) {
      r.header("Retry-After", Long.toString(Problems.seconds(retryAfter)));
    }
    return r;
  }
}
