package dev.talkback.comments.servlet.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.servlet.RateLimit;
import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.SimulatedFallbackStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget, the no-JS form and the moderation page in a real headless Chromium, against the servlet in
 * a real Jetty. Skips loudly without Chromium and chromedriver, and fails instead when {@code CI=true}.
 */
@Tag("browser")
@DisplayName("The widget in headless Chromium")
class WidgetBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static WebDriver browser;
  private static WebDriver noJsBrowser;
  private static Path profile;
  private static Path noJsProfile;
  private Server server;
  private SimulatedFallbackStore store;
  private Comments comments;
  private String base;

  @BeforeAll
  static void startBrowsers() throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!present) {
      String msg = "SKIPPING BROWSER TESTS: " + CHROMIUM + " or " + DRIVER
          + " is missing; install them with: apt-get install -y chromium chromium-driver";
      System.err.println("\n!!!!! " + msg + " !!!!!\n");
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(msg + " (CI=true: browser tests must run)");
      }
      Assumptions.abort(msg);
    }
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    profile = Files.createTempDirectory("talkback-chromium");
    noJsProfile = Files.createTempDirectory("talkback-chromium-nojs");
    browser = chrome(profile, false);
    noJsBrowser = chrome(noJsProfile, true);
  }

  private static WebDriver chrome(Path userDataDir, boolean disableJs) {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + userDataDir);
    if (disableJs) {
      o.addArguments("--blink-settings=scriptEnabled=false");
    }
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    WebDriver d = new ChromeDriver(service, o);
    d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return d;
  }

  @AfterAll
  static void stopBrowsers() {
    if (browser != null) {
      browser.quit();
    }
    if (noJsBrowser != null) {
      noJsBrowser.quit();
    }
  }

  void start(ModerationMode mode) throws Exception {
    start(mode, new String[0]);
  }

  void start(ModerationMode mode, String... allowedOrigins) throws Exception {
    start(mode, false, allowedOrigins);
  }

  void start(ModerationMode mode, boolean proofOfWork, String... allowedOrigins) throws Exception {
    store = new SimulatedFallbackStore();
    comments = Comments.builder().store(store).moderation(mode).build();
    CommentsServlet servlet = CommentsServlet.builder(comments)
        .secret("browser-test-secret-0123456789".getBytes(StandardCharsets.UTF_8))
        .postsPerClient(RateLimit.unlimited()).postsPerThread(RateLimit.unlimited()).actionsPerClient(RateLimit.unlimited())
        .formTimeTrap(Duration.ZERO, Duration.ofHours(1))
        .allowedOrigins(allowedOrigins)
        .proofOfWork(proofOfWork)
        .moderatorAuthorizer((req, site) -> req.getCookies() != null && java.util.Arrays.stream(req.getCookies())
            .anyMatch(c -> c.getName().equals("test-moderator") && c.getValue().equals("yes")))
        .build();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(servlet), "/comments/*");
    server.setHandler(context);
    server.start();
    HostPages pages = new HostPages("/comments" + servlet.assetPath("embed.js"));
    for (String p : List.of("/post", "/post-nocsp", "/nojs", "/nojs-nocsp", "/nojs-nohash", "/index", "/host.css")) {
      context.addServlet(new ServletHolder(pages), p);
    }
    base = "http://127.0.0.1:" + connector.getLocalPort();
    commentsServlet = servlet;
  }

  private CommentsServlet commentsServlet;
  private Server blogServer;

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.get("about:blank");
      browser.manage().deleteAllCookies();
    }
    if (server != null) {
      server.stop();
    }
    if (blogServer != null) {
      blogServer.stop();
      blogServer = null;
    }
    if (comments != null) {
      comments.close();
    }
  }

  private WebDriverWait waitFor() {
    return new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  private WebElement open(String page) {
    browser.get(base + page);
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); localStorage.clear();");
    browser.navigate().refresh();
    return waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tb-form textarea")));
  }

  private void write(WebElement form, String name, String text) {
    form.findElement(By.name("text")).click();
    form.findElement(By.name("text")).sendKeys(text);
    if (name != null) {
      form.findElement(By.name("name")).sendKeys(name);
    }
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private WebElement topForm() {
    return browser.findElement(By.cssSelector("section > div > .tb-form"));
  }

  @Test
  @DisplayName("a reader posts, replies, edits and likes under a strict CSP")
  void postReplyEditLike() throws Exception {
    start(ModerationMode.NONE);
    open("/post");
    assertThat(browser.findElement(By.cssSelector(".tb-count")).getText()).isEqualTo("No comments yet");
    write(topForm(), "Ada", "Hello from Chromium");
    WebElement comment = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tb-list > .tb-c")));
    assertThat(comment.findElement(By.cssSelector(".tb-body")).getText()).contains("Hello from Chromium");
    assertThat(comment.findElement(By.cssSelector(".tb-author")).getText()).isEqualTo("Ada");

    comment.findElement(By.cssSelector(".tb-reply")).click();
    WebElement replyForm = waitFor().until(d -> comment.findElement(By.cssSelector(".tb-form")));
    write(replyForm, null, "A reply");
    waitFor().until(d -> !comment.findElements(By.cssSelector(".tb-replies .tb-c")).isEmpty());
    assertThat(comment.findElement(By.cssSelector(".tb-replies .tb-body")).getText()).contains("A reply");

    comment.findElement(By.cssSelector(".tb-edit")).click();
    WebElement editor = waitFor().until(d -> comment.findElement(By.cssSelector(".tb-editing textarea")));
    editor.clear();
    editor.sendKeys("Hello, edited");
    comment.findElement(By.cssSelector(".tb-editing .tb-save")).click();
    waitFor().until(d -> comment.findElement(By.cssSelector(".tb-body")).getText().contains("Hello, edited"));

    WebElement like = comment.findElement(By.cssSelector(".tb-like"));
    like.click();
    waitFor().until(ExpectedConditions.attributeToBe(like, "aria-pressed", "true"));
    assertThat(like.getText()).contains("1");

    browser.navigate().refresh();
    waitFor().until(d -> d.findElement(By.cssSelector(".tb-count")).getText().equals("2 comments"));
    assertThat(browser.findElement(By.cssSelector(".tb-list > .tb-c .tb-body")).getText()).contains("Hello, edited");
  }

  @Test
  @DisplayName("with proof of work on, the widget solves the ALTCHA challenge in the browser and the comment is"
      + " published")
  void proofOfWork() throws Exception {
    start(ModerationMode.NONE, true);
    open("/post");
    write(topForm(), "Ada", "Proven by work");
    WebElement comment = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tb-list > .tb-c")));
    assertThat(comment.findElement(By.cssSelector(".tb-body")).getText()).contains("Proven by work");
    assertThat(comment.findElements(By.cssSelector(".tb-notice"))).as("published, not held")
        .extracting(WebElement::getText).containsOnly("Your comment was posted.");
    assertThat(comments.moderation().pending(dev.talkback.comments.SiteId.DEFAULT, 10)).isEmpty();
    assertThat(comments.recent(dev.talkback.comments.SiteId.DEFAULT, 10)).extracting(c -> c.source())
        .containsExactly("Proven by work");
  }

  @Test
  @DisplayName("a reader's comment waits for moderation, and the moderator approves it on the moderation page")
  void moderate() throws Exception {
    start(ModerationMode.ALL);
    open("/post");
    write(topForm(), "Bo", "Please approve me");
    waitFor().until(d -> d.findElement(By.cssSelector(".tb-list .tb-notice")).getText().contains("awaits moderation"));

    browser.get(base + "/comments/admin");
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Moderators only");
    browser.manage().addCookie(new org.openqa.selenium.Cookie("test-moderator", "yes", "/"));
    browser.get(base + "/comments/admin");
    assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Moderation");
    browser.findElement(By.xpath("//td[contains(., 'Please approve me')]/..//button[text()='Approve']")).click();
    waitFor().until(d -> d.findElement(By.cssSelector(".notice")).getText().equals("1 comment approved."));

    browser.get(base + "/post");
    waitFor().until(d -> d.findElement(By.cssSelector(".tb-count")).getText().equals("1 comment"));
    assertThat(browser.findElement(By.cssSelector(".tb-list .tb-body")).getText()).contains("Please approve me");
  }

  @Test
  @DisplayName("in read-only mode the banner shows, a queued comment is acknowledged, and a refused one keeps its text")
  void readOnly() throws Exception {
    start(ModerationMode.NONE);
    store.readOnly(SimulatedFallbackStore.Policy.SPOOL);
    open("/post");
    WebElement banner = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".tb-banner")));
    assertThat(banner.getText()).contains("queued and will appear");
    write(topForm(), "Cy", "Queued comment");
    waitFor().until(d -> d.findElement(By.cssSelector(".tb-list .tb-notice")).getText().contains("is queued"));

    store.readOnly(SimulatedFallbackStore.Policy.REJECT);
    write(topForm(), null, "Do not lose me");
    WebElement error = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section > div > .tb-form .tb-extra > .tb-error")));
    assertThat(error.getText()).contains("paused");
    assertThat(topForm().findElement(By.name("text")).getAttribute("value")).isEqualTo("Do not lose me");
    waitFor().until(d -> d.findElement(By.cssSelector(".tb-banner")).getText().contains("paused"));

    browser.navigate().refresh();
    WebElement restored = waitFor().until(d -> d.findElement(By.cssSelector(".tb-form textarea")));
    assertThat(restored.getAttribute("value")).isEqualTo("Do not lose me");
  }

  @Test
  @DisplayName("without JavaScript the plain form posts and redirects back to the new comment")
  void noJavaScript() throws Exception {
    start(ModerationMode.NONE);
    noJsBrowser.get(base + "/nojs");
    WebElement form = noJsBrowser.findElement(By.id("talkback-form"));
    form.findElement(By.name("name")).sendKeys("Dee");
    form.findElement(By.name("text")).sendKeys("Posted without script");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    new WebDriverWait(noJsBrowser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/nojs#comment-"));
    assertThat(noJsBrowser.findElement(By.cssSelector(".tb-list .tb-body")).getText()).contains("Posted without script");
    assertThat(noJsBrowser.findElement(By.cssSelector(".tb-heading")).getText()).isEqualTo("1 comment");
  }

  @Test
  @DisplayName("the no-JS fragment is styled without its stylesheet request under a strict CSP with the published hash,"
      + " and by the stylesheet when the CSP lacks the hash")
  void fragmentPaintsWithoutItsStylesheet() throws Exception {
    start(ModerationMode.NONE);
    new Http(java.net.URI.create(base + "/comments")).json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"styled\"}");
    ChromeDriver nojs = (ChromeDriver) noJsBrowser;
    nojs.executeCdpCommand("Network.enable", java.util.Map.of());
    nojs.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", List.of("*embed.css*")));
    try {
      nojs.get(base + "/nojs");
      // embed.css never arrives: only the inline copy can hide the honeypot and lay out the comment
      assertThat(nojs.findElement(By.cssSelector(".tb-hp")).getCssValue("position")).isEqualTo("absolute");
      assertThat(nojs.findElement(By.cssSelector(".tb-list article")).getCssValue("display")).isEqualTo("grid");
    } finally {
      nojs.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", List.of()));
    }
    nojs.get(base + "/nojs-nohash"); // the inline copy is refused; the linked stylesheet styles the fragment
    new WebDriverWait(nojs, Duration.ofSeconds(15))
        .until(d -> d.findElement(By.cssSelector(".tb-hp")).getCssValue("position").equals("absolute"));
    assertThat(nojs.findElement(By.cssSelector(".tb-list article")).getCssValue("display")).isEqualTo("grid");
  }

  @Test
  @DisplayName("the widget works cross-origin for an allow-listed blog, under the blog's strict CSP")
  void crossOrigin() throws Exception {
    java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
    int blogPort = probe.getLocalPort();
    probe.close();
    start(ModerationMode.NONE, "http://127.0.0.1:" + blogPort);
    blogServer = new Server();
    ServerConnector c = new ServerConnector(blogServer);
    c.setHost("127.0.0.1");
    c.setPort(blogPort);
    blogServer.addConnector(c);
    ServletContextHandler blog = new ServletContextHandler("/");
    blog.addServlet(new ServletHolder(new HostPages(base + "/comments" + commentsServlet.assetPath("embed.js"))), "/post");
    blogServer.setHandler(blog);
    blogServer.start();
    browser.get("http://127.0.0.1:" + blogPort + "/post");
    WebElement form = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tb-form textarea")))
        .findElement(By.xpath("ancestor::form"));
    write(form, "Xo", "Posted across origins");
    waitFor().until(d -> d.findElements(By.cssSelector(".tb-list .tb-body")).stream()
        .anyMatch(e -> e.getText().contains("Posted across origins")));
    assertThat(new Http(java.net.URI.create(base + "/comments")).get("/api/thread?thread=t").json()
        .path("totalCount").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("index pages show comment counts, in German too")
  void counts() throws Exception {
    start(ModerationMode.NONE);
    new Http(java.net.URI.create(base + "/comments")).json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"one\"}");
    browser.get(base + "/index?lang=de");
    waitFor().until(d -> d.findElement(By.cssSelector("[data-talkback-count=t]")).getText().equals("1 Kommentar"));
    assertThat(browser.findElement(By.cssSelector("[data-talkback-count=other]")).getText()).isEqualTo("Noch keine Kommentare");
  }

  @Test
  @DisplayName("a long thread comes a screenful first, then whole and in order; a comment posted at once still comes "
      + "last, and \"more\" shows once the page is whole")
  void longThread() throws Exception {
    start(ModerationMode.NONE);
    Http http = new Http(java.net.URI.create(base + "/comments"));
    List<String> expected = new java.util.ArrayList<>();
    for (int i = 1; i <= 55; i++) {
      assertThat(http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"number " + i + "\"}").status())
          .isEqualTo(201);
      expected.add("number " + i);
    }
    open("/post");
    write(topForm(), "Ada", "the newest"); // as soon as the form is there: the rest of the page may still be pending
    waitFor().until(d -> d.findElements(By.cssSelector(".tb-list > .tb-c")).size() == 51);
    assertThat(bodies()).containsExactlyElementsOf(
        java.util.stream.Stream.concat(expected.subList(0, 50).stream(), java.util.stream.Stream.of("the newest")).toList());
    assertThat(browser.findElement(By.cssSelector(".tb-count")).getText()).isEqualTo("56 comments");
    WebElement more = browser.findElement(By.cssSelector(".tb-more"));
    assertThat(more.isDisplayed()).as("more, after a first page of 50").isTrue();
    more.click();
    waitFor().until(d -> bodies().contains("number 55"));
    waitFor().until(d -> !more.isDisplayed());
    expected.add("the newest");
    assertThat(bodies()).as("the comment posted here is in the second page too, and shown once, in its place")
        .containsExactlyElementsOf(expected);
  }

  private static List<String> corpus() throws java.io.IOException {
    try (InputStream in = WidgetBrowserTest.class.getResourceAsStream("/xss-corpus.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }

  private List<String> bodies() {
    // read in one script, so a page being built meanwhile cannot leave a stale element between find and read
    @SuppressWarnings("unchecked")
    List<String> texts = (List<String>) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return"
        + " Array.from(document.querySelectorAll('.tb-list > .tb-c > article .tb-body')).map(e => e.innerText.trim())");
    return texts;
  }

  @Test
  @DisplayName("no payload of the XSS corpus runs script, in the widget or the no-JS fragment, even without a CSP")
  void xssCorpus() throws Exception {
    start(ModerationMode.NONE);
    Http http = new Http(java.net.URI.create(base + "/comments"));
    ObjectMapper json = new ObjectMapper();
    List<String> corpus = corpus();
    int stored = 0;
    StringBuilder outcomes = new StringBuilder();
    String name;
    for (String payload : corpus) {
      name = payload.length() > 90 ? payload.substring(0, 90) : payload;
      for (String[] variant : new String[][] {{payload, "Eve", null}, {"plain words", name, null},
          {payload, name, "javascript:window.__xss=1"}}) {
        for (String format : List.of("plain", "markdown", "html")) {
          com.fasterxml.jackson.databind.node.ObjectNode body = json.createObjectNode().put("thread", "t")
              .put("text", variant[0]).put("format", format).put("name", variant[1]);
          if (variant[2] != null) {
            body.put("website", variant[2]);
          }
          Http.Reply r = http.json("POST", "/api/comments", body.toString());
          assertThat(r.status()).as(payload + " -> " + r.body()).isIn(201, 422);
          stored += r.status() == 201 ? 1 : 0;
          outcomes.append(format).append(' ').append(r.status()).append(' ').append(payload).append('\n');
        }
      }
    }
    int shown = Math.min(stored, 50);
    assertThat(stored).as("payloads stored:\n" + outcomes).isGreaterThanOrEqualTo(corpus.size());
    for (String page : List.of("/post-nocsp", "/nojs-nocsp")) {
      browser.get(base + page);
      if (page.startsWith("/post")) {
        waitFor().until(d -> d.findElements(By.cssSelector(".tb-list > .tb-c")).size() >= shown);
      }
      assertNothingRan(page);
    }
  }

  private void assertNothingRan(String page) {
    ((JavascriptExecutor) browser).executeScript("document.querySelectorAll('a,button,details,input').forEach(function(e){"
        + "try{e.dispatchEvent(new Event('focus'));e.dispatchEvent(new Event('toggle'));}catch(x){}});");
    try {
      String text = browser.switchTo().alert().getText();
      throw new AssertionError("an alert opened on " + page + ": " + text);
    } catch (NoAlertPresentException expected) {
      // no alert
    }
    Object flag = ((JavascriptExecutor) browser).executeScript("return window.__xss === undefined ? null : window.__xss;");
    assertThat(flag).as("window.__xss on " + page).isNull();
    assertThat(browser.findElements(By.cssSelector(".talkback script, .talkback iframe, .talkback object, "
        + ".talkback [onerror], .talkback [onload], .talkback [onfocus], .talkback [ontoggle], .talkback a[href^=javascript], "
        + ".talkback svg, .talkback math, .talkback template, .talkback .tb-body form")))
        .as("active content on " + page).isEmpty();
  }

  @Test
  @DisplayName("the widget's own guard: the XSS corpus as raw comment HTML, not sanitized by any server, runs no script")
  void rawHtmlGuard() throws Exception {
    start(ModerationMode.NONE);
    Http http = new Http(java.net.URI.create(base + "/comments"));
    ObjectMapper json = new ObjectMapper();
    List<String> corpus = corpus();
    com.fasterxml.jackson.databind.node.ObjectNode thread = json.createObjectNode().put("thread", "t")
        .put("totalCount", corpus.size()).put("closed", false).put("stale", false).putNull("nextCursor").putNull("readOnly");
    com.fasterxml.jackson.databind.node.ArrayNode list = thread.putArray("comments");
    for (int i = 0; i < corpus.size(); i++) {
      com.fasterxml.jackson.databind.node.ObjectNode c = list.addObject().put("id", "raw" + i).put("html", corpus.get(i))
          .put("status", "approved").put("created", "2026-11-26T09:00:00Z").put("likes", 0);
      c.putNull("parentId");
      c.putObject("author").put("name", "Eve");
      c.putArray("replies");
    }
    byte[] script = http.get(commentsServlet.assetPath("embed.js")).bytes();
    String session = http.get("/api/session?thread=t&lang=en").body();
    // a stand-in comment server (same origin as the page) whose thread carries the payloads as they are
    blogServer = new Server();
    ServerConnector c = new ServerConnector(blogServer);
    c.setHost("127.0.0.1");
    c.setPort(0);
    blogServer.addConnector(c);
    ServletContextHandler blog = new ServletContextHandler("/");
    blog.addServlet(new ServletHolder(new HostPages("/raw/embed.js")), "/post-nocsp");
    blog.addServlet(new ServletHolder(new jakarta.servlet.http.HttpServlet() {
      private static final long serialVersionUID = 1L;

      @Override
      protected void doGet(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp)
          throws IOException {
        String path = String.valueOf(req.getPathInfo());
        switch (path) {
          case "/embed.js" -> {
            resp.setContentType("text/javascript;charset=utf-8");
            resp.getOutputStream().write(script);
          }
          case "/api/session", "/api/thread" -> {
            resp.setContentType("application/json;charset=utf-8");
            resp.getWriter().print(path.equals("/api/session") ? session : thread.toString());
          }
          default -> resp.sendError(404);
        }
      }
    }), "/raw/*");
    blogServer.setHandler(blog);
    blogServer.start();
    browser.get("http://127.0.0.1:" + c.getLocalPort() + "/post-nocsp");
    waitFor().until(d -> d.findElements(By.cssSelector(".tb-list > .tb-c > article .tb-body")).size() == corpus.size());
    assertNothingRan("the raw thread");
    assertThat(browser.findElements(By.cssSelector(".tb-list .tb-body a[href]"))).as("links kept, if safe")
        .allMatch(a -> a.getAttribute("href").matches("(https?:|mailto:).*"));
  }
}
