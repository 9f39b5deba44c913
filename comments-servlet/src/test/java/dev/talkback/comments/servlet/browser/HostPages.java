package dev.talkback.comments.servlet.browser;

import dev.talkback.comments.servlet.CommentsServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The pages of a pretend blog that embeds the widget: with and without a strict CSP, and without JavaScript
 * ({@code /nojs} allows the fragment's inline styles by their hash, {@code /nojs-nohash} does not).
 */
final class HostPages extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'";
  private final String scriptUrl;
  private final String connectSrc;

  /** @param scriptUrl the widget's URL; absolute when the comment server is on another origin */
  HostPages(String scriptUrl) {
    this.scriptUrl = scriptUrl;
    this.connectSrc = scriptUrl.startsWith("http") ? java.net.URI.create(scriptUrl).resolve("/").toString() : "";
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
    String page = req.getServletPath();
    if (page.equals("/host.css")) {
      resp.setContentType("text/css");
      resp.getWriter().print("body { font: 17px/1.6 Georgia, serif; max-width: 42rem; margin: 1.5rem auto; padding: 0 1rem; }"
          + " @media (prefers-color-scheme: dark) { body { background: #121212; color: #eee; } }"
          + " html[data-theme=dark] body { background: #121212; color: #eee; }");
      return;
    }
    resp.setContentType("text/html;charset=utf-8");
    if (!page.equals("/post-nocsp") && !page.equals("/nojs-nocsp")) {
      String csp = connectSrc.isEmpty() ? STRICT_CSP : STRICT_CSP.replace("'self';", "'self' " + connectSrc + ";");
      if (page.equals("/nojs")) { // as docs/servlet.md asks: the fragment's inline styles by their hash
        csp = csp.replace("style-src 'self'", "style-src 'self' " + CommentsServlet.fragmentStyleHash());
      }
      resp.setHeader("Content-Security-Policy", csp);
    }
    String lang = req.getParameter("lang") == null ? "en" : req.getParameter("lang").replaceAll("[^a-z]", "");
    PrintWriter w = resp.getWriter();
    String theme = "dark".equals(req.getParameter("theme")) ? " data-theme=\"dark\"" : "";
    w.print("<!doctype html><html lang=\"" + lang + "\"" + theme + "><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Host " + page
        + "</title><link rel=\"stylesheet\" href=\"/host.css\">"
        + "</head><body><main><h1>A post</h1>");
    switch (page) {
      case "/index":
        w.print("<ul><li><a href=\"/post\" data-talkback-count=\"t\">Comments</a></li>"
            + "<li><a href=\"/other\" data-talkback-count=\"other\">Comments</a></li></ul>");
        break;
      case "/nojs":
      case "/nojs-nocsp":
      case "/nojs-nohash":
        w.flush();
        req.getRequestDispatcher("/comments/fragment?thread=t&title=A+post&return=" + page).include(req, resp);
        break;
      default:
        w.print("<div id=\"comments\" data-talkback data-thread=\"t\" data-title=\"A post\"></div>");
    }
    w.print("</main><script src=\"" + scriptUrl + "\" defer></script></body></html>");
  }
}
