package dev.talkback.examples.demoblog;

import dev.talkback.comments.Comments;
import dev.talkback.comments.servlet.CommentsServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The blog itself: an index with comment counts, post pages with the widget or the no-JS fragment, and a
 * demo login for the moderator. Every page runs under a strict Content-Security-Policy.
 */
final class BlogServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  /** Strict: no inline script; inline style only the no-JS fragment's own, allowed by its published hash. */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' "
      + CommentsServlet.fragmentStyleHash() + "; img-src 'self' https: data:; "
      + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
  static final String MODERATOR = "moderator";
  static final String PASSWORD = "demo";
  private final transient CommentsServlet comments;
  private final transient Comments service;
  private final transient @Nullable SwitchableDataSource outageSwitch;
  private final transient FormGuard guard;
  private final transient LoginThrottle throttle;
  private final transient @Nullable DemoMail mail;

  BlogServlet(CommentsServlet comments, Comments service, @Nullable SwitchableDataSource outageSwitch, FormGuard guard,
      LoginThrottle throttle, @Nullable DemoMail mail) {
    this.mail = mail;
    this.comments = comments;
    this.service = service;
    this.outageSwitch = outageSwitch;
    this.guard = guard;
    this.throttle = throttle;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
    String path = req.getPathInfo() == null ? req.getServletPath() : req.getServletPath() + req.getPathInfo();
    if (path.equals("/") || path.isEmpty()) {
      index(req, resp);
    } else if (path.equals("/blog.css")) {
      css(resp);
    } else if (path.equals("/favicon.svg") || path.equals("/favicon.ico")) {
      favicon(resp);
    } else if (path.equals("/login")) {
      login(req, resp, null);
    } else if (path.equals("/mailbox")) {
      mailbox(req, resp);
    } else if (path.equals("/logout")) {
      logoutPage(req, resp); // a GET only shows the form: logging out takes a POST with the token
    } else if (path.startsWith("/posts/")) {
      Optional<Post> post = Post.bySlug(path.substring("/posts/".length()));
      if (post.isEmpty()) {
        resp.sendError(404, "No such post");
        return;
      }
      post(req, resp, post.get(), "1".equals(req.getParameter("nojs")));
    } else {
      resp.sendError(404, "Not found");
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getServletPath();
    if (path.equals("/login")) {
      logIn(req, resp);
    } else if (path.equals("/outage")) {
      if (!isModerator(req) || outageSwitch == null || !guard.accepts(req)) {
        resp.sendError(403, "Only the demo moderator can simulate an outage");
        return;
      }
      outageSwitch.down("start".equals(req.getParameter("do")));
      // Back to the page the button was pressed on: a path on this blog only, never another site.
      String back = Optional.ofNullable(req.getParameter("back")).orElse("/");
      boolean local = back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") && back.chars().noneMatch(c -> c < 0x20);
      resp.sendRedirect(req.getContextPath() + (local ? back : "/"));
    } else if (path.equals("/logout")) {
      if (!guard.accepts(req)) {
        resp.sendError(403, "Log out with the button on the blog's pages");
        return;
      }
      HttpSession s = req.getSession(false);
      if (s != null) {
        s.invalidate();
      }
      resp.sendRedirect(req.getContextPath() + "/");
    } else {
      resp.sendError(405);
    }
  }

  /**
   * A login: a same-origin POST with the session's token (no login CSRF), not while the client or the
   * account is locked out after wrong passwords (429, no thread waits), then a new session id (no session
   * fixation) and a new token.
   */
  private void logIn(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!guard.sameOrigin(req)) {
      // no page and no session for a cross-site request: a new session cookie would log the reader out
      resp.sendError(403, "Cross-site login refused");
      return;
    }
    if (!guard.tokenMatches(req)) {
      resp.setStatus(403);
      login(req, resp, "This form expired or was sent from another site. Please log in again.");
      return;
    }
    String client = req.getRemoteAddr();
    String user = Optional.ofNullable(req.getParameter("user")).orElse("");
    Optional<Duration> locked = throttle.lockedOut(client, user);
    if (locked.isPresent()) {
      long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
      resp.setStatus(429);
      resp.setHeader("Retry-After", Long.toString(seconds));
      login(req, resp, "Too many wrong passwords. Try again in " + seconds + " seconds.");
      return;
    }
    if (MODERATOR.equals(user) && MessageDigest.isEqual(PASSWORD.getBytes(StandardCharsets.UTF_8),
        Optional.ofNullable(req.getParameter("password")).orElse("").getBytes(StandardCharsets.UTF_8))) {
      throttle.succeeded(client, user);
      req.changeSessionId(); // no session fixation: guard.accepts proved there is a session
      HttpSession session = req.getSession(true);
      FormGuard.rotate(session);
      session.setAttribute(MODERATOR, true);
      resp.sendRedirect(req.getContextPath() + "/comments/admin");
    } else {
      throttle.failed(client, user);
      login(req, resp, "Wrong user or password: this demo's moderator is moderator / demo.");
    }
  }

  static boolean isModerator(HttpServletRequest req) {
    HttpSession s = req.getSession(false);
    return s != null && Boolean.TRUE.equals(s.getAttribute(MODERATOR));
  }

  private PrintWriter page(HttpServletRequest req, HttpServletResponse resp, String title) throws IOException {
    resp.setContentType("text/html;charset=utf-8");
    resp.setHeader("Content-Security-Policy", CSP);
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    resp.setHeader("Cache-Control", "no-store"); // every page shows who is logged in
    PrintWriter w = resp.getWriter();
    String ctx = req.getContextPath();
    w.print("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + esc(title)
        + " · Talkback demo</title><link rel=\"stylesheet\" href=\"" + ctx + "/blog.css\">"
        + "<link rel=\"icon\" type=\"image/svg+xml\" href=\"" + ctx + "/favicon.svg\">"
        + "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"All comments\" href=\"" + ctx
        + "/comments/feed.atom\"></head><body><header class=\"site\"><a class=\"brand\" href=\"" + ctx
        + "/\">Talkback demo blog</a><nav>" + (mail == null ? "" : "<a href=\"" + ctx + "/mailbox\">Mailbox</a> ")
        + "<a href=\"" + ctx + "/comments/admin\">Moderation</a> ");
    if (isModerator(req)) {
      if (outageSwitch != null) {
        boolean down = outageSwitch.isDown();
        String here = req.getRequestURI().substring(ctx.length())
            + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
        w.print("<form method=\"post\" action=\"" + ctx + "/outage\" class=\"inline\"><input type=\"hidden\" name=\"do\" value=\""
            + (down ? "end" : "start") + "\"><input type=\"hidden\" name=\"back\" value=\"" + esc(here) + "\">" + guard.field(req) + "<button>" + (down ? "End the simulated database outage"
            : "Simulate a database outage") + "</button></form> ");
      }
      w.print("<form method=\"post\" action=\"" + ctx + "/logout\" class=\"inline\">" + guard.field(req)
          + "<button>Log out</button></form>");
    } else {
      w.print("<a href=\"" + ctx + "/login\">Log in</a>");
    }
    w.print("</nav></header>");
    if (!service.health().writable()) {
      // Readers get a sentence, never the store's reason (a driver's exception text); /health has the details.
      w.print("<p class=\"outage\" role=\"status\">The comment database is down. Comments are served from the cache; "
          + "new comments are queued and will appear once it is back.</p>");
    }
    w.print("<main>");
    return w;
  }

  private void end(PrintWriter w, HttpServletRequest req) {
    w.print("</main><footer class=\"site\"><span>Comments by Talkback</span> <a href=\"" + req.getContextPath()
        + "/comments/feed.atom\">Atom feed of all comments</a></footer>");
    w.print("<script src=\"" + req.getContextPath() + "/comments" + comments.assetPath("embed.js") + "\" defer></script>");
    w.print("</body></html>");
  }

  private void index(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    PrintWriter w = page(req, resp, "Home");
    w.print("<h1>Posts</h1><ul class=\"posts\">");
    for (Post p : Post.ALL) {
      String href = req.getContextPath() + "/posts/" + p.slug();
      w.print("<li><a href=\"" + href + "\">" + esc(p.title()) + "</a> <time>" + p.date() + "</time> · <a href=\"" + href
          + "#talkback\" data-talkback-count=\"" + esc(p.threadKey()) + "\">Comments</a></li>");
    }
    w.print("</ul>");
    end(w, req);
  }

  private void post(HttpServletRequest req, HttpServletResponse resp, Post p, boolean nojs)
      throws IOException, ServletException {
    PrintWriter w = page(req, resp, p.title());
    String self = req.getContextPath() + "/posts/" + p.slug();
    String absolute = req.getRequestURL().toString();
    w.print("<article><h1>" + esc(p.title()) + "</h1><p class=\"meta\"><time>" + p.date() + "</time></p>");
    for (String para : p.paragraphs()) {
      w.print("<p>" + esc(para) + "</p>");
    }
    w.print("</article><p class=\"switch\">");
    if (nojs) {
      w.print("You are reading the no-JavaScript version. <a href=\"" + self + "\">Back to the widget</a>.");
    } else {
      w.print("<a href=\"" + self + "?nojs=1\">Read the comments without JavaScript</a> · <a href=\"" + req.getContextPath()
          + "/comments/feed/thread.atom?thread=" + enc(p.threadKey()) + "\">Feed of this post's comments</a>");
    }
    w.print("</p>");
    if (nojs) {
      w.flush();
      req.getRequestDispatcher("/comments/fragment?thread=" + enc(p.threadKey()) + "&title=" + enc(p.title())
          + "&url=" + enc(absolute) + "&return=" + enc(self + "?nojs=1")).include(req, resp);
      w.print("</main></body></html>");
      return;
    }
    w.print("<div id=\"talkback\" data-talkback data-thread=\"" + esc(p.threadKey()) + "\" data-title=\"" + esc(p.title())
        + "\" data-url=\"" + esc(absolute) + "\"><noscript><a href=\"" + self + "?nojs=1\">Read and write comments "
        + "without JavaScript</a></noscript></div>");
    end(w, req);
  }

  private void login(HttpServletRequest req, HttpServletResponse resp, @Nullable String error) throws IOException {
    PrintWriter w = page(req, resp, "Moderator login");
    w.print("<h1>Moderator login</h1><p class=\"note\">This is a demo: log in as <strong>moderator</strong> with password "
        + "<strong>demo</strong> to open the moderation page.</p>");
    if (error != null) {
      w.print("<p class=\"error\" role=\"alert\">" + esc(error) + "</p>");
    }
    w.print("<form method=\"post\" action=\"" + req.getContextPath() + "/login\" class=\"login\">" + guard.field(req)
        + "<label for=\"user\">User</label><input id=\"user\" name=\"user\" autocomplete=\"username\" required>"
        + "<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" "
        + "autocomplete=\"current-password\" required><button>Log in</button></form>");
    end(w, req);
  }

  /**
   * The demo's mailbox: every mail the blog sent to its embedded SMTP server, newest first, with the links
   * clickable, so a newcomer can confirm an address, approve a comment or unsubscribe from the mails. A real
   * blog has no such page: its mails go to its readers.
   */
  private void mailbox(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    PrintWriter w = page(req, resp, "Mailbox");
    w.print("<h1>The demo's mailbox</h1><p class=\"note\">Every mail the blog sent, newest first. Tick \u201cEmail me"
        + " replies\u201d under a comment (with any address: nothing leaves this machine), then follow the"
        + " confirmation link here. A comment with a link waits for moderation and sends the moderator a mail"
        + " with approve, spam and delete links. Mail goes out every two seconds: reload to see new ones.</p>");
    List<MimeMessage> all = mail == null ? List.of() : mail.newestFirst();
    if (all.isEmpty()) {
      w.print("<p>No mail yet.</p>");
    }
    w.print("<ol class=\"mailbox\">");
    for (MimeMessage m : all) {
      try {
        w.print("<li><article class=\"mail\"><h2>" + esc(Optional.ofNullable(m.getSubject()).orElse("(no subject)"))
            + "</h2><p class=\"meta\">To " + esc(Arrays.toString(m.getAllRecipients()).replaceAll("^\\[|\\]$", ""))
            + (m.getSentDate() == null ? "" : " · " + esc(m.getSentDate().toInstant().toString())) + "</p><pre>"
            + linkify(textOf(m)) + "</pre></article></li>");
      } catch (MessagingException | IOException e) {
        w.print("<li>A mail that could not be read: " + esc(String.valueOf(e.getMessage())) + "</li>");
      }
    }
    w.print("</ol>");
    end(w, req);
  }

  /** The plain-text part of a mail (Talkback's mails are multipart/alternative: text, then HTML). */
  private static String textOf(MimeMessage m) throws MessagingException, IOException {
    Object content = m.getContent();
    if (content instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        if (mp.getBodyPart(i).isMimeType("text/plain")) {
          return String.valueOf(mp.getBodyPart(i).getContent());
        }
      }
      return String.valueOf(mp.getBodyPart(0).getContent());
    }
    return String.valueOf(content);
  }

  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

  /** The text escaped, with its http(s) links clickable. */
  static String linkify(String text) {
    StringBuilder b = new StringBuilder();
    Matcher m = URL.matcher(text);
    int at = 0;
    while (m.find()) {
      b.append(esc(text.substring(at, m.start())));
      b.append("<a href=\"").append(esc(m.group())).append("\">").append(esc(m.group())).append("</a>");
      at = m.end();
    }
    return b.append(esc(text.substring(at))).toString();
  }

  private void logoutPage(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!isModerator(req)) {
      resp.sendRedirect(req.getContextPath() + "/");
      return;
    }
    PrintWriter w = page(req, resp, "Log out");
    w.print("<h1>Log out</h1><form method=\"post\" action=\"" + req.getContextPath() + "/logout\" class=\"login\">"
        + guard.field(req) + "<button>Log out</button></form>");
    end(w, req);
  }

  private static void favicon(HttpServletResponse resp) throws IOException {
    resp.setContentType("image/svg+xml");
    resp.setHeader("Cache-Control", "public, max-age=86400");
    resp.getWriter().print("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" "
        + "rx=\"7\" fill=\"#0b57d0\"/><path d=\"M7 9h18v11H14l-5 4v-4H7z\" fill=\"#fff\"/></svg>");
  }

  private void css(HttpServletResponse resp) throws IOException {
    resp.setContentType("text/css;charset=utf-8");
    resp.setHeader("Cache-Control", "public, max-age=300");
    try (InputStream in = BlogServlet.class.getResourceAsStream("blog.css")) {
      in.transferTo(resp.getOutputStream());
    }
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
