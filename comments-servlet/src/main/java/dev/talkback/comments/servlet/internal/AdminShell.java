package dev.talkback.comments.servlet.internal;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What the moderation pages ({@link AdminPage}, {@link AuthorDataPage}, {@link ImportPage}) share: the HTML frame
 * under a strict Content-Security-Policy, the form token bound to an HttpOnly, SameSite=Strict cookie, and the
 * checks every posted form passes (its origin, its media type, its token).
 */
final class AdminShell {
  /** The cookie the form tokens are bound to; its path is the moderation pages'. */
  static final String CSRF_COOKIE = "tb_admin";

  private final Settings settings;
  private final Secrets secrets;
  private final Assets assets;
  private final Guard guard;
  private final String csp;

  /**
   * @param outsideImages whether the page shows images from other sites over HTTPS (avatars)
   */
  AdminShell(Settings settings, Secrets secrets, Assets assets, Guard guard, boolean outsideImages) {
    this.settings = settings;
    this.secrets = secrets;
    this.assets = assets;
    this.guard = guard;
    this.csp = "default-src 'none'; style-src 'self'; img-src " + (outsideImages ? "'self' https:" : "'self'")
        + "; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  }

  /** A page's form token, and the cookie to set because the request came without a usable one. */
  record Token(String csrf, @Nullable String newCookie) {
    /** Adds the cookie to {@code r} when a new one was made. */
    Response set(Request req, Response r) {
      if (newCookie != null) {
        r.addHeader("Set-Cookie", Guard.cookie(req, CSRF_COOKIE, newCookie, req.mountPath() + "/admin", 86_400,
            "Strict"));
      }
      return r;
    }
  }

  /** The token for the forms of a page answering {@code req}. */
  Token token(Request req) {
    String cookie = req.cookie(CSRF_COOKIE);
    String newCookie = null;
    if (cookie == null || !cookie.matches("[A-Za-z0-9_-]{20,40}")) {
      cookie = Secrets.randomToken();
      newCookie = cookie;
    }
    return new Token(secrets.sign("admin|" + cookie), newCookie);
  }

  /** Whether {@code csrf}, sent with a form, belongs to the request's cookie. */
  boolean tokenValid(Request req, @Nullable String csrf) {
    return tokenValid(req.cookie(CSRF_COOKIE), csrf);
  }

  /** Whether {@code csrf} belongs to {@code cookie}. */
  boolean tokenValid(@Nullable String cookie, @Nullable String csrf) {
    return cookie != null && csrf != null && !csrf.isEmpty() && secrets.verify("admin|" + cookie, csrf);
  }

  /** Refuses a form whose token does not belong to {@code cookie}, with a 403 that says what to do. */
  void checkToken(@Nullable String cookie, @Nullable String csrf, String form) {
    if (!tokenValid(cookie, csrf)) {
      throw HttpProblem.forbidden("csrf_failed",
          "the " + form + " form expired or did not come from the moderation page; reload it and try again");
    }
  }

  /** Refuses a form sent from another origin than the moderation page's. */
  void checkOrigin(Caller caller, String form) {
    String origin = caller.origin();
    if (origin != null && !guard.ownOrigin(caller.request(), origin)) {
      throw HttpProblem.forbidden("origin_not_allowed",
          form + " forms may only be sent from the moderation page itself");
    }
  }

  /**
   * A posted form of this site's moderation pages: its origin checked, its media type, and its fields read
   * (the token is the caller's to check, as pages answer a stale one differently).
   */
  Params form(Caller caller, String form) {
    checkOrigin(caller, form);
    Request req = caller.request();
    String type = req.header("Content-Type");
    if (type == null || !Json.mediaType(type).equals("application/x-www-form-urlencoded")) {
      throw new HttpProblem(415, "unsupported_media_type", "Unsupported media type",
          "send the " + form + " form as a form");
    }
    return Params.parse(new String(Bodies.read(req, settings.maxBodyBytes()), StandardCharsets.UTF_8));
  }

  /**
   * A whole page: head, stylesheet, the title as its heading, then {@code body}; never cached, never framed.
   *
   * @param refresh reload the page every 2 seconds (while a background job runs)
   */
  Response page(Caller caller, String lang, int status, String title, boolean refresh, Consumer<HtmlWriter> body) {
    HtmlWriter w = new HtmlWriter(8192);
    w.doctype().tag("html").attr("lang", lang).tag("head")
        .tag("meta").attr("charset", "utf-8")
        .tag("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1")
        .tag("meta").attr("name", "robots").attr("content", "noindex")
        .tag("meta").attr("name", "color-scheme").attr("content", "light dark");
    if (refresh) {
      w.tag("meta").attr("http-equiv", "refresh").attr("content", "2");
    }
    w.element("title", title)
        .tag("link").attr("rel", "stylesheet").attr("href", caller.request().mountPath() + assets.path("admin.css"))
        .end().tag("body").tag("main").element("h1", title);
    body.accept(w);
    return Response.text(status, "text/html", w.end().end().end().html()).header("Cache-Control", "no-store")
        .header("Content-Security-Policy", csp).header("X-Frame-Options", "DENY");
  }

  /** The page for someone who is not a moderator, in the reader's language. */
  Response denied(Caller caller, Messages msg) {
    return page(caller, msg.lang(), 403, msg.get("admin.denied.title"), false,
        w -> w.element("p", msg.get("admin.denied.text")));
  }
}
