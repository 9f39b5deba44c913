package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentsException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.notification.LinkCheck;
import dev.talkback.comments.notification.LinkToken;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.Subscription;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The pages of the signed links in notification mails: {@code /notify/confirm}, {@code /notify/unsubscribe}
 * and {@code /notify/moderate} ({@link Notifications#path}), each with the token as {@code ?token=}.
 *
 * <ul>
 *   <li>GET shows what the link would do ({@link Notifications#check}) with a button, and changes nothing:
 *       mail scanners and link previews follow links.
 *   <li>POST does it ({@link Notifications#follow}): from the page's button (the token in the body), or as
 *       the RFC 8058 one-click unsubscribe a mailbox provider sends to the {@code List-Unsubscribe} URL
 *       (body {@code List-Unsubscribe=One-Click}, no cookies, no {@code Origin}). The token is the only
 *       authority, and the request is refused when a browser says it comes from another site.
 *   <li>A link that is malformed, changed, expired, used (moderator links work once) or for something gone is
 *       answered with a 4xx page saying so; a database that cannot be reached with a 503 page. Never a 500,
 *       never a problem document: readers come here from their mail.
 * </ul>
 *
 * Pages never show an address: a subscription is named by its thread, a comment by its author and excerpt.
 */
final class NotifyPages {
  private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' https:; form-action 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'";
  private final Settings settings;
  private final CommentsAccess access;
  private final Notifications notifications;
  private final Guard guard;
  private final Fragments fragments;

  NotifyPages(Settings settings, CommentsAccess access, Notifications notifications, Guard guard,
      Fragments fragments) {
    this.settings = settings;
    this.access = access;
    this.notifications = notifications;
    this.guard = guard;
    this.fragments = fragments;
  }

  /** Which links a page takes. */
  enum Kind {
    /** {@code /notify/confirm}. */
    CONFIRM("confirm"),
    /** {@code /notify/unsubscribe}. */
    UNSUBSCRIBE("unsubscribe"),
    /** {@code /notify/moderate}: approve, spam and delete. */
    MODERATE("moderate");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    boolean takes(LinkToken.Action a) {
      return switch (this) {
        case CONFIRM -> a == LinkToken.Action.CONFIRM;
        case UNSUBSCRIBE -> a == LinkToken.Action.UNSUBSCRIBE;
        case MODERATE -> a.singleUse();
      };
    }

    String path() {
      return "/notify/" + key;
    }
  }

  /** GET: what the link would do, with its button; nothing changes. */
  Response show(Caller caller, Kind kind) {
    Messages msg = Messages.forRequest(caller);
    Params q;
    try {
      q = caller.query();
    } catch (HttpProblem e) {
      return page(caller, msg, kind, 400, "invalid_link", msg.get("notify.invalid"), null, null);
    }
    if (q.get("confirm") != null || q.get("List-Unsubscribe") != null) {
      // someone (or something) tried to act with a GET: links act only by POST
      return page(caller, msg, kind, 405, "post_only", msg.get("notify.postOnly"), null, null)
          .header("Allow", "GET, HEAD, POST, OPTIONS");
    }
    String token = q.get("token");
    if (token == null || token.isBlank()) {
      return page(caller, msg, kind, 400, "missing_token", msg.get("notify.missing"), null, null);
    }
    try {
      LinkCheck check = notifications.check(token);
      LinkToken t = check.token();
      if (t == null || !kind.takes(t.action())) {
        return page(caller, msg, kind, 400, "invalid_link", msg.get("notify.invalid"), null, null);
      }
      if (!check.ok()) {
        return failed(caller, msg, kind, check, t);
      }
      String action = t.action().name().toLowerCase(Locale.ROOT);
      if (t.action().singleUse()) {
        Optional<Comment> c = comment(t);
        if (c.isEmpty()) {
          return page(caller, msg, kind, 410, "gone", msg.get("notify.gone.comment"), null, null);
        }
        return page(caller, msg, kind, 200, "ok", msg.format("notify.ask." + action, name(msg, c.get()),
            threadTitle(c.get().site(), c.get().thread())), access.excerpt(c.get()), new Button(token, action));
      }
      return page(caller, msg, kind, 200, "ok", msg.format("notify.ask." + action, about(msg, t)), null,
          new Button(token, action));
    } catch (CommentsException e) {
      return unavailable(caller, msg, kind, e);
    }
  }

  /** POST: follows the link, from the page's button or a mailbox provider's one-click unsubscribe. */
  Response act(Caller caller, Kind kind) {
    Request req = caller.request();
    Messages msg = Messages.forRequest(caller);
    try {
      guard.checkOrigin(req);
    } catch (HttpProblem e) {
      return page(caller, msg, kind, 403, e.code(), msg.get("notify.forbidden"), null, null);
    }
    String token;
    try {
      token = token(caller);
    } catch (HttpProblem e) {
      return page(caller, msg, kind, e.status(), e.code(), msg.get("notify.invalid"), null, null);
    }
    if (token == null || token.isBlank()) {
      return page(caller, msg, kind, 400, "missing_token", msg.get("notify.missing"), null, null);
    }
    Optional<LinkToken> parsed = notifications.links().parse(token);
    if (parsed.isEmpty() || !kind.takes(parsed.get().action())) {
      return page(caller, msg, kind, 400, "invalid_link", msg.get("notify.invalid"), null, null);
    }
    try {
      LinkToken t = parsed.get();
      LinkCheck done = notifications.follow(token);
      if (t.action() == LinkToken.Action.UNSUBSCRIBE && done.outcome() == LinkCheck.Outcome.GONE) {
        // unsubscribing twice (a provider's retry, a second click) ends where the reader wanted
        return page(caller, msg, kind, 200, "ok", msg.get("notify.done.unsubscribe"), null, null);
      }
      if (!done.ok()) {
        return failed(caller, msg, kind, done, t);
      }
      String action = t.action().name().toLowerCase(Locale.ROOT);
      if (t.action().singleUse()) {
        String name = comment(t).map(c -> name(msg, c)).orElse(msg.get("anonymous"));
        return page(caller, msg, kind, 200, "ok", msg.format("notify.done." + action, name), null, null);
      }
      return page(caller, msg, kind, 200, "ok", msg.get("notify.done." + action), null, null);
    } catch (CommentsException e) {
      return unavailable(caller, msg, kind, e);
    }
  }

  /**
   * The token of a POST: the page's form sends it in its body; a one-click unsubscribe (form-urlencoded or
   * multipart) finds it in the URL's query, as the mail's {@code List-Unsubscribe} header gave it.
   */
  private @Nullable String token(Caller caller) {
    Request req = caller.request();
    byte[] raw = Bodies.read(req, settings.maxBodyBytes());
    String type = req.header("Content-Type");
    if (type != null && Json.mediaType(type).equals("application/x-www-form-urlencoded") && raw.length > 0) {
      String fromBody = Params.parse(Bodies.utf8(raw)).get("token");
      if (fromBody != null && !fromBody.isBlank()) {
        return fromBody.trim();
      }
    }
    String fromQuery = caller.query().get("token");
    return fromQuery == null ? null : fromQuery.trim();
  }

  private Response failed(Caller caller, Messages msg, Kind kind, LinkCheck check, LinkToken t) {
    return switch (check.outcome()) {
      case EXPIRED -> page(caller, msg, kind, 410, "expired", msg.get("notify.expired"), null, null);
      case USED -> page(caller, msg, kind, 409, "used", msg.get("notify.used"), null, null);
      case GONE -> page(caller, msg, kind, 410, "gone",
          msg.get(t.action().singleUse() ? "notify.gone.comment" : "notify.gone.subscription"), null, null);
      default -> page(caller, msg, kind, 400, "invalid_link", msg.get("notify.invalid"), null, null);
    };
  }

  private Response unavailable(Caller caller, Messages msg, Kind kind, CommentsException e) {
    Response p = Problems.of(e);
    int status = p.status() >= 500 ? p.status() : 409;
    Response r = page(caller, msg, kind, status, e.code(), msg.get(status >= 500 ? "notify.unavailable" : "notify.conflict"),
        null, null);
    String retry = p.header("Retry-After");
    if (retry != null) {
      r.header("Retry-After", retry);
    }
    return r;
  }

  private Optional<Comment> comment(LinkToken t) {
    try {
      return access.comments().find(t.site(), CommentId.parse(t.subject()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String name(Messages msg, Comment c) {
    return c.author().name().isBlank() ? msg.get("anonymous") : c.author().name();
  }

  private String threadTitle(SiteId site, ThreadKey key) {
    return access.comments().threadInfo(site, key).map(ThreadInfo::title).filter(s -> !s.isBlank())
        .orElse(key.value());
  }

  /** What a subscription is about, named by its thread; never its address. */
  private String about(Messages msg, LinkToken t) {
    Optional<Subscription> s = notifications.store().subscription(t.site(), t.subject());
    if (s.isEmpty()) {
      return msg.get("notify.about.unknown");
    }
    String title = threadTitle(t.site(), s.get().thread());
    return msg.format(s.get().scope() == Subscription.Scope.REPLIES ? "notify.about.replies" : "notify.about.thread",
        title);
  }

  /** The button that POSTs the token back. */
  private record Button(String token, String action) {}

  private Response page(Caller caller, Messages msg, Kind kind, int status, String code, String message,
      @Nullable String excerpt, @Nullable Button button) {
    String title = msg.get(status < 400 ? "notify.title." + kind.key : "notify.error.title");
    HtmlWriter w = new HtmlWriter(2048);
    fragments.stylesheet(w, caller);
    w.tag("section").attr("class", "talkback tb-nojs tb-notify").attr("id", "talkback").attr("lang", msg.lang())
        .nl().element("h1", title).nl();
    w.tag("p").attr("class", status < 400 ? "tb-notice" : "tb-error").attr("role", status < 400 ? "status" : "alert")
        .text(message).end().nl();
    if (excerpt != null) {
      w.tag("blockquote").attr("class", "tb-body").text(excerpt).end().nl();
    }
    if (button != null) {
      w.tag("form").attr("class", "tb-form").attr("method", "post")
          .attr("action", caller.request().mountPath() + kind.path() + "?lang=" + msg.lang()).nl();
      w.tag("input").attr("type", "hidden").attr("name", "token").attr("value", button.token()).nl();
      w.tag("input").attr("type", "hidden").attr("name", "confirm").attr("value", "yes").nl();
      w.tag("p").attr("class", "tb-buttons").tag("button").attr("type", "submit")
          .text(msg.get("notify.button." + button.action())).end().end().nl();
      w.end().nl();
    }
    String blog = settings.presentation().blogUrl();
    w.tag("p").tag("a").attr("href", blog == null ? "/" : blog).text(msg.get("notify.back")).end().end().nl();
    String html = settings.presentation().page(msg.lang(), title, w.end().html());
    Response r = Response.text(status, "text/html", html).header("Cache-Control", "no-store")
        .header("Content-Security-Policy", CSP)
        // the page's URL holds the token: no referrer to other sites ("no-referrer" would make the browser
        // send "Origin: null" with the button's own POST, which the origin check refuses)
        .header("Referrer-Policy", "same-origin");
    if (status >= 400) {
      r.header("X-Talkback-Error", code);
    }
    return r;
  }
}
