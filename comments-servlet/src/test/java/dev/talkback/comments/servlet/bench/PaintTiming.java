package dev.talkback.comments.servlet.bench;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.servlet.RateLimit;
import dev.talkback.comments.servlet.ThreadFragment;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.servlet.ServletException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * When does a reader see the first comment? Loads a blog page with the widget ({@code /widget}) and one with
 * the server-rendered fragment ({@code /fragment}) in headless Chromium, alternately, and reads from the
 * browser itself (a probe injected before any page script, through the DevTools protocol, so the host's
 * strict CSP stays as it is):
 * <ul>
 *   <li>{@code html}: the host page's {@code responseEnd};</li>
 *   <li>{@code fcp}: First Contentful Paint;</li>
 *   <li>{@code dom}: when the first comment's body entered the DOM;</li>
 *   <li>{@code paint}: the end of the first frame after that (a {@code requestAnimationFrame} callback, then a
 *   task: the frame that paints the comment has been produced; Element Timing cannot be used, as it reports only
 *   elements marked before they are inserted);</li>
 *   <li>{@code all}: when all 50 comments' bodies were in the DOM;</li>
 *   <li>{@code js}, {@code css}, {@code session}, {@code thread}: when {@code embed.js}, {@code embed.css},
 *   {@code /api/session} and {@code /api/thread} finished loading (Resource Timing), where they were requested;</li>
 *   <li>{@code build}: from the last of those three responses to {@code dom}, the widget's own work.</li>
 * </ul>
 * Besides the ratio of the medians, each page's paint is divided by the fragment's paint of the same round, and
 * the median of those paired ratios printed: on a loaded machine it drifts less than the ratio of medians.
 * All in milliseconds since navigation start. Each load starts with an empty HTTP cache ("cold", a first
 * visit) unless {@code warm} is given; {@code latency} adds that many milliseconds to every request (Chromium's
 * network emulation), as a network between reader and blog would. With {@code -Dpaint.before=<embed.js>} a
 * third page, {@code /widget-before}, runs that older widget against the same server in the same rounds;
 * {@code /fragment-before} is the fragment as it was before it carried its styles inline (the stylesheet
 * link first, nothing inline). With {@code -Dpaint.preload}, {@code /widget-preload} is the widget on a page
 * whose head preloads the widget's first two API requests ({@code <link rel="preload" as="fetch">}) and links
 * its stylesheet ({@code data-talkback-css}), as docs/widget.md suggests to hosts. The
 * pages are loaded in rotating order. The thread is the 50-comment one of {@link BenchServer}; the pages send
 * the strict CSP of the browser tests. Usage: {@code PaintTiming [rounds] [cold|warm] [latency]}.
 */
public final class PaintTiming {
  private static final String PROBE = """
      (function () {
        var w = window.__tb = { dom: null, paint: null, fcp: null, all: null };
        new PerformanceObserver(function (l) {
          l.getEntries().forEach(function (e) { if (e.name === 'first-contentful-paint') w.fcp = e.startTime; });
        }).observe({ type: 'paint', buffered: true });
        new MutationObserver(function (ms, obs) {
          var b = document.querySelector('.tb-c .tb-body');
          if (!b) return;
          w.dom = performance.now();
          obs.disconnect();
          requestAnimationFrame(function () { setTimeout(function () { w.paint = performance.now(); }, 0); });
        }).observe(document, { childList: true, subtree: true });
        new MutationObserver(function (ms, obs) {
          if (document.querySelectorAll('.tb-c .tb-body').length < 50) return;
          w.all = performance.now();
          obs.disconnect();
        }).observe(document, { childList: true, subtree: true });
      })();
      """;

  private PaintTiming() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    boolean warm = args.length > 1 && args[1].equals("warm");
    int latency = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    String before = System.getProperty("paint.before");
    Comments comments = Comments.builder().store(new InMemoryCommentStore()).build();
    seed(comments);
    CommentsServlet servlet = CommentsServlet.builder(comments)
        .secret("benchmark-secret-0123456789".getBytes(StandardCharsets.UTF_8))
        .postsPerClient(RateLimit.unlimited()).postsPerThread(RateLimit.unlimited()).actionsPerClient(RateLimit.unlimited())
        .build();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(servlet), "/comments/*");
    server.setHandler(context);
    server.start();
    Host host = new Host("/comments" + servlet.assetPath("embed.js"), servlet);
    List<String> pages = new ArrayList<>(List.of("/widget", "/fragment", "/fragment-before"));
    if (System.getProperty("paint.preload") != null) {
      pages.add(1, "/widget-preload");
    }
    if (before != null) { // an older embed.js (say main's), served beside the servlet so it finds the same API
      byte[] old = Files.readAllBytes(Path.of(before));
      context.addServlet(new ServletHolder(new HttpServlet() {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
          resp.setContentType("text/javascript;charset=utf-8");
          resp.getOutputStream().write(old);
        }
      }), "/comments/assets/before/*");
      pages.add(0, "/widget-before");
    }
    for (String p : pages) {
      context.addServlet(new ServletHolder(host), p);
    }
    context.addServlet(new ServletHolder(host), "/host.css");
    String base = "http://127.0.0.1:" + connector.getLocalPort();
    Path profile = Files.createTempDirectory("talkback-paint");
    ChromeOptions o = new ChromeOptions();
    o.setBinary("/usr/bin/chromium");
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
    ChromeDriver d = new ChromeDriver(new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build(), o);
    Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    Map<String, List<Double>> paired = new LinkedHashMap<>();
    try {
      d.executeCdpCommand("Network.enable", Map.of());
      d.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE));
      if (latency > 0) {
        d.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", latency,
            "downloadThroughput", -1, "uploadThroughput", -1));
      }
      for (int i = 0; i < 3; i++) { // warm the JIT and the connections, not measured
        for (String page : pages) {
          load(d, base + page, warm);
        }
      }
      for (int i = 0; i < rounds; i++) {
        List<String> order = new ArrayList<>(pages);
        Collections.rotate(order, i);
        Map<String, Double> paint = new LinkedHashMap<>();
        for (String page : order) {
          Map<String, Double> m = load(d, base + page, warm);
          Map<String, List<Double>> byMetric = results.computeIfAbsent(page, k -> new LinkedHashMap<>());
          m.forEach((k, v) -> byMetric.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
          paint.put(page, m.get("paint"));
        }
        double f = paint.get("/fragment");
        paint.forEach((page, v) -> paired.computeIfAbsent(page, k -> new ArrayList<>()).add(v / f));
      }
    } finally {
      d.quit();
      server.stop();
      comments.close();
    }
    System.out.printf("Chromium headless, %d rounds, %s cache, %s, ms since navigation start: median (p10-p90)%n",
        rounds, warm ? "warm" : "cold", latency > 0 ? latency + " ms added to every request" : "loopback");
    for (var page : results.entrySet()) {
      StringBuilder line = new StringBuilder(String.format("%-10s", page.getKey()));
      for (var metric : page.getValue().entrySet()) {
        List<Double> v = new ArrayList<>(metric.getValue());
        Collections.sort(v);
        line.append(String.format("  %s %.1f (%.1f-%.1f)", metric.getKey(), pct(v, 50), pct(v, 10), pct(v, 90)));
      }
      System.out.println(line);
    }
    double f = median(results.get("/fragment").get("paint"));
    for (String page : pages) {
      double w = median(results.get(page).get("paint"));
      List<Double> r = new ArrayList<>(paired.get(page));
      Collections.sort(r);
      System.out.printf("first comment painted: %s / fragment = %.1f / %.1f = %.2fx; paired by round: median %.2fx (p10-p90 %.2f-%.2f)%n",
          page, w, f, w / f, pct(r, 50), pct(r, 10), pct(r, 90));
    }
  }

  private static Map<String, Double> load(ChromeDriver d, String url, boolean warm) {
    if (!warm) {
      d.executeCdpCommand("Network.clearBrowserCache", Map.of());
    }
    d.get(url);
    try {
      new WebDriverWait(d, Duration.ofSeconds(15)).until(x -> Boolean.TRUE.equals(d.executeScript(
          "return !!(window.__tb && __tb.paint !== null && __tb.fcp !== null && __tb.all !== null)")));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new IllegalStateException("no paint measured on " + url + ": " + d.executeScript(
          "return JSON.stringify(window.__tb) + ' ' + document.querySelectorAll('.tb-c').length", new Object[0]), e);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> raw = (Map<String, Object>) d.executeScript(
        "function end(re) { var e = performance.getEntriesByType('resource').filter(function (e) { return re.test(e.name); })[0];"
        + "  return e ? e.responseEnd : -1; }"
        + "var nav = performance.getEntriesByType('navigation')[0];"
        + "return { html: nav.responseEnd, js: end(/embed\\.js/), css: end(/embed\\.css/), session: end(/api\\/session/),"
        + "  thread: end(/api\\/thread/), fcp: __tb.fcp, dom: __tb.dom, paint: __tb.paint, all: __tb.all === null ? -1 : __tb.all };");
    Map<String, Double> m = new LinkedHashMap<>();
    for (String k : List.of("html", "js", "css", "session", "thread", "fcp", "dom", "paint", "all")) {
      double v = ((Number) raw.get(k)).doubleValue();
      if (v >= 0) {
        m.put(k, v);
      }
    }
    if (m.containsKey("thread") && m.containsKey("session") && m.containsKey("css")) {
      m.put("build", m.get("dom") - Math.max(m.get("css"), Math.max(m.get("session"), m.get("thread"))));
    }
    d.get("about:blank");
    return m;
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    return pct(s, 50);
  }

  private static double pct(List<Double> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.round((sorted.size() - 1) * p / 100.0)));
  }

  private static void seed(Comments comments) {
    ThreadKey key = ThreadKey.of("bench");
    for (int i = 0; i < 10; i++) {
      CommentId top = comments.post(NewComment.builder(key).threadTitle("Benchmark").author(Author.named("Reader " + i))
          .text("Top-level comment number " + i + ": a paragraph of ordinary length, with a link https://example.org/"
              + i + " and a little more text so the thread weighs what a real one does.").build()).comment().id();
      for (int j = 0; j < 4; j++) {
        comments.post(NewComment.builder(key).replyTo(top).author(Author.named("Replier " + j))
            .text("Reply " + j + " to comment " + i + ". Agreed, mostly; here is why, in two sentences.").build());
      }
    }
  }

  /** The blog: a post with the widget, the same post with the fragment included, its stylesheet. */
  private static final class Host extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final String script;
    private final transient CommentsServlet servlet;

    Host(String script, CommentsServlet servlet) {
      this.script = script;
      this.servlet = servlet;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
      String page = req.getServletPath();
      if (page.equals("/host.css")) {
        resp.setContentType("text/css");
        resp.getWriter().print("body { font: 17px/1.6 Georgia, serif; max-width: 42rem; margin: 1.5rem auto; }");
        return;
      }
      resp.setContentType("text/html;charset=utf-8");
      resp.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'"
          + styleHash(servlet) + "; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'");
      PrintWriter w = resp.getWriter();
      String preload = !page.equals("/widget-preload") ? "" // the host names the widget's first two requests
          : "<link rel=\"preload\" as=\"fetch\" crossorigin=\"use-credentials\" href=\"/comments/api/thread?thread=bench&amp;sort=oldest\">"
          + "<link rel=\"preload\" as=\"fetch\" crossorigin=\"use-credentials\" href=\"/comments/api/session?thread=bench&amp;lang=en\">"
          + "<link rel=\"stylesheet\" data-talkback-css href=\"/comments" + servlet.assetPath("embed.css") + "\">";
      w.print("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A post</title>" + preload
          + "<link rel=\"stylesheet\" href=\"/host.css\"></head><body><main><h1>A post</h1>"
          + "<p>The post's text, a paragraph or two that the reader sees before the comments.</p>");
      String src = page.equals("/widget-before") ? "/comments/assets/before/embed.js" : script;
      if (page.equals("/fragment")) {
        w.flush();
        req.getRequestDispatcher("/comments/fragment?thread=bench&title=Benchmark&return=/fragment").include(req, resp);
        w.print("</main></body></html>");
      } else if (page.equals("/fragment-before")) { // the fragment as it was: no inline styles, the link first
        String html = servlet.renderFragment(req, ThreadFragment.builder("bench").title("Benchmark")
            .returnTo("/fragment").mountPath("/comments").build());
        Matcher link = Pattern.compile("<link rel=\"stylesheet\"[^>]*>").matcher(html);
        if (!link.find()) {
          throw new IllegalStateException("no stylesheet link in the fragment");
        }
        html = html.replace(link.group(), "").replaceFirst("<style>[^<]*</style>", "");
        int open = html.indexOf('>') + 1;
        w.print(html.substring(0, open) + "\n" + link.group() + html.substring(open));
        w.print("</main></body></html>");
      } else {
        w.print("<div data-talkback data-thread=\"bench\" data-title=\"Benchmark\"></div>");
        w.print("</main><script src=\"" + src + "\" defer></script></body></html>");
      }
    }
  }

  /** The fragment's inline-style hash for the host's {@code style-src}, when the servlet publishes one. */
  static String styleHash(CommentsServlet servlet) {
    return System.getProperty("paint.nohash") != null ? "" : " " + CommentsServlet.fragmentStyleHash();
  }
}
