package dev.talkback.comments.servlet.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.servlet.RateLimit;
import dev.talkback.comments.servlet.support.SimulatedFallbackStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What issue 12 asked of the pages a reader or moderator sees, in a real headless Chromium against the
 * servlet in a real Jetty: the widget's behaviour after each action, its look (avatars, relative times,
 * themes, a phone's first screen), replies and failure pages without JavaScript, the moderation page, the
 * keyboard-only flows, axe-core over every page, and the screenshots in docs/images. Skips loudly without
 * Chromium (fails with {@code CI=true}).
 */
@Tag("browser")
@DisplayName("Issue 12: the widget and pages in headless Chromium")
class ProductBrowserTest {
  private static ChromeDriver browser;
  private static ChromeDriver noJs;
  private Server server;
  private SimulatedFallbackStore store;
  private Comments comments;
  private String base;

  @BeforeAll
  static void startBrowsers() throws IOException {
    if (!Files.isExecutable(WidgetBrowserTest.CHROMIUM) || !Files.isExecutable(WidgetBrowserTest.DRIVER)) {
      String msg = "SKIPPING BROWSER TESTS: " + WidgetBrowserTest.CHROMIUM + " or " + WidgetBrowserTest.DRIVER
          + " is missing; install them with: apt-get install -y chromium chromium-driver";
      System.err.println("\n!!!!! " + msg + " !!!!!\n");
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(msg + " (CI=true: browser tests must run)");
      }
      Assumptions.abort(msg);
    }
    browser = chrome(false);
    noJs = chrome(true);
  }

  private static ChromeDriver chrome(boolean disableJs) throws IOException {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(WidgetBrowserTest.CHROMIUM.toFile());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--hide-scrollbars", "--lang=en-US", "--user-data-dir=" + Files.createTempDirectory("talkback-product"));
    if (disableJs) {
      o.addArguments("--blink-settings=scriptEnabled=false");
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(WidgetBrowserTest.DRIVER.toFile()).build();
    ChromeDriver d = new ChromeDriver(service, o);
    d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    d.manage().window().setSize(new Dimension(1280, 900));
    return d;
  }

  @AfterAll
  static void stopBrowsers() {
    if (browser != null) {
      browser.quit();
    }
    if (noJs != null) {
      noJs.quit();
    }
  }

  void start(ModerationMode mode, RateLimit postsPerClient) throws Exception {
    store = new SimulatedFallbackStore();
    comments = Comments.builder().store(store).moderation(mode).build();
    CommentsServlet servlet = CommentsServlet.builder(comments)
        .secret("browser-test-secret-0123456789".getBytes(StandardCharsets.UTF_8))
        .postsPerClient(postsPerClient).postsPerThread(RateLimit.unlimited()).actionsPerClient(RateLimit.unlimited())
        .formTimeTrap(Duration.ofSeconds(2), Duration.ofHours(1))
        .blogUrl("/index").logoutUrl("/logout")
        .moderatorAuthorizer((req, site) -> req.getCookies() != null && Arrays.stream(req.getCookies())
            .anyMatch(c -> c.getName().equals("test-moderator") && c.getValue().equals("yes")))
        .build();
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(servlet), "/comments/*");
    HostPages pages = new HostPages("/comments" + servlet.assetPath("embed.js"));
    for (String p : List.of("/post", "/nojs", "/index", "/host.css")) {
      context.addServlet(new ServletHolder(pages), p);
    }
    server.setHandler(context);
    server.start();
    base = "http://127.0.0.1:" + connector.getLocalPort();
  }

  void start(ModerationMode mode) throws Exception {
    start(mode, RateLimit.unlimited());
  }

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.get("about:blank");
      browser.manage().deleteAllCookies();
      browser.manage().window().setSize(new Dimension(1280, 900));
      browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }
    if (server != null) {
      server.stop();
    }
    if (comments != null) {
      comments.close();
    }
  }

  private WebDriverWait waitFor() {
    return new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  private JavascriptExecutor js() {
    return browser;
  }

  private WebElement open(String page) {
    browser.get(base + page);
    js().executeScript("sessionStorage.clear(); localStorage.clear();");
    browser.navigate().refresh();
    return waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tb-form textarea")));
  }

  private WebElement topForm() {
    return browser.findElement(By.cssSelector("section > div > .tb-form"));
  }

  private void write(WebElement form, String name, String text) {
    form.findElement(By.name("text")).click();
    form.findElement(By.name("text")).sendKeys(text);
    if (name != null) {
      form.findElement(By.name("name")).sendKeys(name);
    }
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private String count() {
    return browser.findElement(By.cssSelector(".tb-count")).getText();
  }

  private WebElement comment(String text) {
    return waitFor().until(d -> d.findElements(By.cssSelector(".tb-c")).stream()
        .filter(c -> c.findElements(By.cssSelector(":scope > article > .tb-body")).stream()
            .anyMatch(b -> b.getText().contains(text)))
        .findFirst().orElse(null));
  }

  private String post(String name, String text) throws Exception {
    var body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("thread", "t")
        .put("text", text).put("name", name).put("format", "markdown");
    return new dev.talkback.comments.servlet.support.Http(java.net.URI.create(base + "/comments"))
        .json("POST", "/api/comments", body.toString()).json().path("comment").path("id").asText();
  }

  @Test
  @DisplayName("posting, replying and deleting update the count; a new comment is scrolled to, highlighted and confirmed; the preview resets")
  void countPreviewAndHighlight() throws Exception {
    start(ModerationMode.NONE);
    open("/post");
    waitFor().until(d -> count().equals("No comments yet"));
    WebElement form = topForm();
    form.findElement(By.name("text")).click();
    form.findElement(By.name("text")).sendKeys("**Hello** from the composer");
    form.findElement(By.name("name")).sendKeys("Ada");
    form.findElement(By.cssSelector(".tb-preview-btn")).click();
    waitFor().until(d -> form.findElement(By.cssSelector(".tb-preview strong")).getText().equals("Hello"));
    assertThat(form.findElement(By.cssSelector(".tb-preview-btn")).getText()).isEqualTo("Write");
    form.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement c = comment("Hello from the composer");
    waitFor().until(d -> count().equals("1 comment"));
    assertThat(c.getAttribute("class")).contains("tb-new");
    assertThat(c.findElement(By.cssSelector(".tb-notice")).getText()).isEqualTo("Your comment was posted.");
    Object inView = js().executeScript("var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", c);
    assertThat(inView).isEqualTo(true);
    assertThat(form.findElement(By.cssSelector(".tb-preview-btn")).getAttribute("textContent")).isEqualTo("Preview");
    assertThat(form.findElement(By.cssSelector(".tb-preview")).isDisplayed()).isFalse();
    assertThat(form.findElement(By.name("text")).getAttribute("value")).isEmpty();

    c.findElement(By.cssSelector(".tb-reply")).click();
    write(waitFor().until(d -> c.findElement(By.cssSelector(".tb-form"))), null, "A reply");
    WebElement reply = comment("A reply");
    waitFor().until(d -> count().equals("2 comments"));

    reply.findElement(By.cssSelector(".tb-delete")).click();
    browser.switchTo().alert().accept();
    waitFor().until(d -> count().equals("1 comment"));
    assertThat(reply.findElement(By.cssSelector(".tb-tombstone")).getText()).isEqualTo("This comment was deleted.");
    assertThat(reply.findElements(By.cssSelector(":scope > article, :scope > .tb-notice"))).isEmpty();
  }

  @Test
  @DisplayName("edit opens a full-width editor, hides the actions, and shows 'edited' at once")
  void editor() throws Exception {
    start(ModerationMode.NONE);
    open("/post");
    write(topForm(), "Ada", "Before the edit");
    WebElement c = comment("Before the edit");
    c.findElement(By.cssSelector(".tb-edit")).click();
    WebElement editor = waitFor().until(d -> c.findElement(By.cssSelector(".tb-editing textarea")));
    assertThat(c.findElement(By.cssSelector(".tb-actions")).isDisplayed()).isFalse();
    assertThat(c.findElement(By.cssSelector(".tb-editing")).getAttribute("class")).contains("tb-form");
    long articleWidth = (Long) js().executeScript("return Math.round(arguments[0].getBoundingClientRect().width)",
        c.findElement(By.cssSelector(".tb-body")).findElement(By.xpath("..")));
    long editorWidth = (Long) js().executeScript("return Math.round(arguments[0].getBoundingClientRect().width)", editor);
    assertThat(editorWidth).isGreaterThan(articleWidth / 2);
    editor.clear();
    editor.sendKeys("After the edit");
    c.findElement(By.cssSelector(".tb-editing .tb-save")).click();
    waitFor().until(d -> c.findElement(By.cssSelector(".tb-body")).getText().contains("After the edit"));
    assertThat(c.findElement(By.cssSelector(".tb-edited")).getText()).contains("edited");
    assertThat(c.findElement(By.cssSelector(".tb-actions")).isDisplayed()).isTrue();
    assertThat(c.findElements(By.cssSelector(".tb-editing"))).isEmpty();
  }

  @Test
  @DisplayName("the reader's own pending comment stays visible to them, with its badge, across reload and sort changes")
  void ownPending() throws Exception {
    start(ModerationMode.ALL);
    open("/post");
    write(topForm(), "Bo", "Waiting for a moderator");
    WebElement c = comment("Waiting for a moderator");
    assertThat(c.findElement(By.cssSelector(".tb-tag")).getText()).isEqualTo("Awaiting moderation");
    browser.navigate().refresh();
    waitFor().until(d -> comment("Waiting for a moderator").findElement(By.cssSelector(".tb-tag")).getText()
        .equals("Awaiting moderation"));
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector(".tb-bar select"))).selectByValue("newest");
    waitFor().until(d -> comment("Waiting for a moderator").findElement(By.cssSelector(".tb-tag")).isDisplayed());
    assertThat(count()).isEqualTo("No comments yet");
  }

  @Test
  @DisplayName("a failed like says so; a refused edit explains without calling the outage 'paused'")
  void likeFailsAndEditDuringOutage() throws Exception {
    start(ModerationMode.NONE);
    open("/post");
    write(topForm(), "Ada", "Like me");
    WebElement c = comment("Like me");
    store.readOnly(SimulatedFallbackStore.Policy.SPOOL);
    store.faults().failWrites(true);
    c.findElement(By.cssSelector(".tb-like")).click();
    WebElement err = waitFor().until(d -> c.findElements(By.cssSelector(".tb-actions .tb-error")).stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null));
    assertThat(err.getText()).startsWith("Your like was not counted.");
    assertThat(c.findElement(By.cssSelector(".tb-like")).getAttribute("aria-pressed")).isEqualTo("false");
    assertThat(err.getText()).doesNotContainIgnoringCase("exception").doesNotContain("primary");
  }

  @Test
  @DisplayName("during an outage the banner says queued, a queued comment offers no edit, delete or reply, and a failed sort keeps the list")
  void outage() throws Exception {
    start(ModerationMode.NONE);
    post("Ada", "Before the outage");
    open("/post");
    WebElement before = comment("Before the outage");
    store.readOnly(SimulatedFallbackStore.Policy.SPOOL);
    write(topForm(), "Cy", "Queued comment");
    WebElement queued = comment("Queued comment");
    WebElement banner = browser.findElement(By.cssSelector(".tb-banner"));
    waitFor().until(d -> banner.getText().contains("New comments are queued"));
    assertThat(queued.findElement(By.cssSelector(".tb-tag")).getText()).isEqualTo("Queued");
    assertThat(queued.findElements(By.cssSelector(".tb-reply, .tb-edit, .tb-delete, .tb-like"))).isEmpty();
    assertThat(before.findElements(By.cssSelector(".tb-reply"))).hasSize(1);

    store.faults().failReads(true);
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector(".tb-bar select"))).selectByValue("top");
    WebElement notice = waitFor().until(d -> d.findElements(By.cssSelector("section > .tb-notice")).stream()
        .filter(WebElement::isDisplayed).findFirst().orElse(null));
    assertThat(notice.getText()).contains("The order could not be changed right now");
    assertThat(notice.getText()).doesNotContainIgnoringCase("exception").doesNotContain("unreachable (simulated)");
    assertThat(browser.findElement(By.cssSelector(".tb-bar select")).getAttribute("value")).isEqualTo("oldest");
    assertThat(comment("Before the outage").isDisplayed()).isTrue();
    assertThat(banner.getText()).contains("queued").doesNotContain("paused");
  }

  @Test
  @DisplayName("429 and 403 are explained in words that say what to do")
  void refusalsInWords() throws Exception {
    start(ModerationMode.NONE, RateLimit.perMinute(1));
    open("/post");
    write(topForm(), "Ada", "First");
    comment("First");
    // over the limit a post is first held for a moderator (issue 13); at three times the limit it is refused
    write(topForm(), null, "Second, held");
    comment("Second, held");
    write(topForm(), null, "Third, held");
    comment("Third, held");
    write(topForm(), null, "Second, too soon");
    WebElement err = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section > div > .tb-form .tb-error")));
    assertThat(err.getText()).matches("You are sending too fast\\. Wait \\d+ seconds, then try again; your text is kept\\.");
    assertThat(topForm().findElement(By.name("text")).getAttribute("value")).isEqualTo("Second, too soon");

    String id = comment("First").getAttribute("id").substring("comment-".length());
    js().executeScript("localStorage.setItem('tb:tok:' + arguments[0], JSON.stringify('forged-token'))", id);
    browser.navigate().refresh();
    WebElement c = comment("First");
    c.findElement(By.cssSelector(".tb-edit")).click();
    WebElement editor = waitFor().until(d -> c.findElement(By.cssSelector(".tb-editing textarea")));
    editor.sendKeys(" more");
    c.findElement(By.cssSelector(".tb-editing .tb-save")).click();
    WebElement editErr = waitFor().until(ExpectedConditions.visibilityOf(c.findElement(By.cssSelector(".tb-editing .tb-error"))));
    assertThat(editErr.getText()).isEqualTo("This comment can no longer be changed: the time for edits is over, or it was not written in this browser.");
  }

  @Test
  @DisplayName("avatars are keyed identicons from the servlet, and times read '… ago' with the date as a tooltip")
  void avatarsAndTimes() throws Exception {
    start(ModerationMode.NONE);
    post("Ada", "One");
    post("Grace", "Two");
    open("/post");
    List<WebElement> imgs = waitFor().until(d -> {
      List<WebElement> l = d.findElements(By.cssSelector(".tb-avatar"));
      return l.size() == 2 && l.stream().allMatch(i -> Boolean.TRUE.equals(js().executeScript(
          "return arguments[0].complete && arguments[0].naturalWidth > 0", i))) ? l : null;
    });
    String a = imgs.get(0).getAttribute("src");
    String b = imgs.get(1).getAttribute("src");
    assertThat(a).matches(".*/comments/avatar/[0-9a-f]{20}\\.svg").isNotEqualTo(b).doesNotContainIgnoringCase("ada");
    // the widget writes times when the browser is idle, after the comments are painted
    WebElement time = waitFor().until(d -> {
      WebElement t = d.findElement(By.cssSelector(".tb-c time"));
      return t.getText().isEmpty() ? null : t;
    });
    assertThat(time.getText()).isIn("now", "1 second ago").as("relative time");
    assertThat(time.getAttribute("title")).matches(".*\\d{4}.*");
    assertThat(time.getAttribute("datetime")).endsWith("Z");

    noJs.get(base + "/nojs");
    WebElement t2 = noJs.findElement(By.cssSelector(".tb-c time"));
    assertThat(t2.getText()).isIn("now", "1 second ago", "2 seconds ago");
    assertThat(t2.getAttribute("title")).matches(".*\\d{4}.*");
    assertThat(noJs.findElement(By.cssSelector(".tb-avatar")).getAttribute("src")).isEqualTo(a);
  }

  @Test
  @DisplayName("on a 375 px phone the composer is one line and the first screen shows comments; dark follows the system and the host's data-theme")
  void phoneAndThemes() throws Exception {
    start(ModerationMode.NONE);
    String parent = post("Ada", "A top-level comment with `code` and\n\n> a quote\n\n- a list");
    seedReplies(parent, 7);
    browser.manage().window().setSize(new Dimension(375, 740));
    open("/post");
    WebElement first = comment("A top-level comment");
    long viewport = (Long) js().executeScript("return innerHeight");
    long top = (Long) js().executeScript("return Math.round(arguments[0].getBoundingClientRect().top + scrollY)", first);
    assertThat(top).as("first comment's top on a 375 px phone").isLessThan(viewport / 2);
    assertThat(topForm().findElement(By.name("name")).isDisplayed()).isFalse();
    WebElement deepest = comment("Reply 7");
    long left = (Long) js().executeScript("return Math.round(arguments[0].getBoundingClientRect().width)", deepest);
    assertThat(left).as("width of the deepest reply").isGreaterThan(200);
    assertThat(deepest.findElement(By.cssSelector(".tb-inreply")).getText()).isEqualTo("↪ in reply to Replier 6");
    assertThat(bg(By.cssSelector(".tb-form textarea"))).isEqualTo("rgb(255, 255, 255)");

    browser.executeCdpCommand("Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    waitFor().until(d -> bg(By.cssSelector(".tb-form textarea")).equals("rgb(32, 33, 36)"));
    assertThat(js().executeScript("return getComputedStyle(document.querySelector('.tb-form textarea')).color"))
        .isEqualTo("rgb(232, 234, 237)");
    browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    browser.get(base + "/post?theme=dark");
    waitFor().until(d -> !d.findElements(By.cssSelector(".tb-form textarea")).isEmpty());
    assertThat(bg(By.cssSelector(".tb-form textarea"))).isEqualTo("rgb(32, 33, 36)");
    assertThat(js().executeScript("return getComputedStyle(document.querySelector('.talkback')).fontFamily"))
        .isEqualTo("Georgia, serif");
  }

  private String bg(By by) {
    return (String) js().executeScript("return getComputedStyle(arguments[0]).backgroundColor", browser.findElement(by));
  }

  private void seedReplies(String parent, int n) throws Exception {
    String p = parent;
    for (int i = 1; i <= n; i++) {
      var body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("thread", "t")
          .put("text", "Reply " + i).put("name", "Replier " + i).put("parentId", p);
      p = new dev.talkback.comments.servlet.support.Http(java.net.URI.create(base + "/comments"))
          .json("POST", "/api/comments", body.toString()).json().path("comment").path("id").asText();
    }
  }

  @Test
  @DisplayName("without JavaScript a reply link opens the form for that parent, Markdown works, and a failure page keeps the text in the page's look")
  void noJsRepliesAndFailures() throws Exception {
    start(ModerationMode.NONE);
    String parent = post("Ada", "Parent comment");
    noJs.get(base + "/nojs");
    WebElement link = noJs.findElement(By.cssSelector("#comment-" + parent + " .tb-reply"));
    link.click();
    new WebDriverWait(noJs, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("replyTo=" + parent));
    WebElement form = noJs.findElement(By.cssSelector("#comment-" + parent + " #talkback-form"));
    assertThat(form.findElement(By.tagName("h3")).getText()).isEqualTo("Your reply");
    form.findElement(By.name("name")).sendKeys("Dee");
    form.findElement(By.name("text")).sendKeys("A **bold** reply without script");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    // The time trap (2 s) refuses the fast post: the failure page keeps the text, hides the honeypot, has the styles.
    new WebDriverWait(noJs, Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector("h1")).stream()
        .anyMatch(h -> h.getText().equals("Your comment was not posted")));
    assertThat(noJs.findElement(By.cssSelector(".tb-error")).getText()).contains("faster than anyone can type");
    assertThat(noJs.findElement(By.name("text")).getAttribute("value")).isEqualTo("A **bold** reply without script");
    assertThat(noJs.findElement(By.name("homepage")).isDisplayed()).isFalse();
    assertThat(noJs.findElement(By.cssSelector("body")).getAttribute("class")).isEqualTo("tb-page");
    assertThat(noJs.findElement(By.cssSelector("button[type=submit]")).getCssValue("background-color"))
        .isEqualTo("rgba(11, 87, 208, 1)");
    assertThat(noJs.findElement(By.name("parent")).getAttribute("value")).isEqualTo(parent);
    new WebDriverWait(noJs, Duration.ofSeconds(5)).pollingEvery(Duration.ofMillis(200))
        .withMessage("the time trap's 2 seconds").until(d -> {
          d.findElement(By.cssSelector("button[type=submit]")).click();
          return d.getCurrentUrl().contains("#comment-");
        });
    WebElement reply = noJs.findElement(By.cssSelector("#comment-" + parent + " .tb-replies .tb-body"));
    assertThat(reply.findElement(By.tagName("strong")).getText()).isEqualTo("bold");
  }

  @Test
  @DisplayName("the moderation page links back to the blog, to logout and to each post, says '1 comment approved', and shows a notice, not JSON, when the database is down")
  void moderationPage() throws Exception {
    start(ModerationMode.ALL);
    comments.saveThread(new dev.talkback.comments.ThreadInfo(dev.talkback.comments.SiteId.DEFAULT,
        dev.talkback.comments.ThreadKey.of("t"), "A post", base + "/post", false));
    String id = post("Bo", "Please approve me");
    browser.get(base + "/comments/admin");
    browser.manage().addCookie(new Cookie("test-moderator", "yes", "/"));
    browser.get(base + "/comments/admin");
    assertThat(browser.findElement(By.linkText("Back to the blog")).getAttribute("href")).isEqualTo(base + "/index");
    assertThat(browser.findElement(By.linkText("Log out")).getAttribute("href")).isEqualTo(base + "/logout");
    assertThat(browser.findElement(By.linkText("A post")).getAttribute("href")).isEqualTo(base + "/post#comment-" + id);
    // the avatars load under the page's own strict CSP (default-src 'none'; img-src 'self' https:)
    List<WebElement> avatars = browser.findElements(By.cssSelector("td.who img.avatar"));
    assertThat(avatars).isNotEmpty();
    for (WebElement img : avatars) {
      waitFor().until(d -> Boolean.TRUE.equals(js().executeScript("return arguments[0].complete", img)));
      assertThat(((Number) js().executeScript("return arguments[0].naturalWidth", img)).intValue())
          .as("avatar %s loaded", img.getAttribute("src")).isGreaterThan(0);
    }
    browser.get(base + "/comments/admin?lang=de"); // the page's texts come from messages_de.properties
    assertThat(browser.findElement(By.linkText("Zurück zum Blog")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.cssSelector("td.actions .btn-approve")).getText()).isEqualTo("Freigeben");
    browser.get(base + "/comments/admin");
    WebElement approve = browser.findElement(By.cssSelector("td.actions .btn-approve"));
    assertThat(approve.getCssValue("background-color")).isNotEqualTo("rgba(0, 0, 0, 0)");
    approve.click();
    waitFor().until(d -> d.findElement(By.cssSelector(".notice")).getText().equals("1 comment approved."));

    store.faults().failReads(true);
    browser.get(base + "/comments/admin?view=recent");
    WebElement notice = waitFor().until(d -> d.findElement(By.cssSelector("p.error")));
    assertThat(notice.getText()).startsWith("The comment database cannot be reached right now");
    assertThat(browser.getPageSource()).doesNotContain("\"status\"").doesNotContain("problem");
    assertThat(browser.findElement(By.linkText("Back to the blog")).isDisplayed()).isTrue();
  }

  @Test
  @DisplayName("post, reply, edit and moderation work by keyboard alone")
  void keyboardOnly() throws Exception {
    start(ModerationMode.NONE);
    open("/post");
    tabTo(e -> "text".equals(e.getAttribute("name")));
    keys("Typed with the keyboard");
    tabTo(e -> "name".equals(e.getAttribute("name")));
    keys("Kay");
    tabTo(e -> "submit".equals(e.getAttribute("type")));
    keys(Keys.ENTER);
    WebElement c = comment("Typed with the keyboard");

    tabTo(e -> e.getAttribute("class") != null && e.getAttribute("class").contains("tb-reply"));
    keys(Keys.ENTER);
    waitFor().until(d -> "text".equals(active().getAttribute("name")));
    keys("A keyboard reply");
    tabTo(e -> "submit".equals(e.getAttribute("type")) && isInside(e, c));
    keys(Keys.ENTER);
    comment("A keyboard reply");

    tabTo(e -> "tb-edit".equals(e.getAttribute("class")) && isInside(e, c) && !isInside(e, comment("A keyboard reply")));
    keys(Keys.ENTER);
    waitFor().until(d -> "TEXTAREA".equalsIgnoreCase(active().getTagName()) && isInside(active(), c));
    keys(" (edited by keyboard)");
    tabTo(e -> e.getAttribute("class") != null && e.getAttribute("class").contains("tb-save"));
    keys(Keys.ENTER);
    waitFor().until(d -> c.findElement(By.cssSelector(".tb-body")).getText().contains("(edited by keyboard)"));

    browser.manage().addCookie(new Cookie("test-moderator", "yes", "/"));
    browser.get(base + "/comments/admin?view=recent");
    tabTo(e -> "spam:".equals(String.valueOf(e.getAttribute("value")).replaceAll("[0-9a-f-]{36}$", "")));
    keys(Keys.ENTER);
    waitFor().until(d -> d.findElement(By.cssSelector(".notice")).getText().equals("1 comment marked as spam."));
  }

  private WebElement active() {
    return browser.switchTo().activeElement();
  }

  private boolean isInside(WebElement e, WebElement ancestor) {
    return Boolean.TRUE.equals(js().executeScript("return arguments[1].contains(arguments[0])", e, ancestor));
  }

  private void keys(CharSequence... k) {
    new Actions(browser).sendKeys(k).perform();
  }

  private void tabTo(Predicate<WebElement> target) {
    for (int i = 0; i < 80; i++) {
      keys(Keys.TAB);
      if (target.test(active())) {
        return;
      }
    }
    throw new AssertionError("80 tabs did not reach the element; stuck at " + active().getAttribute("outerHTML"));
  }

  @Test
  @DisplayName("axe-core finds no violations on the widget, the no-JS page, its failure page and the moderation page")
  void accessibility() throws Exception {
    start(ModerationMode.ALL);
    String parent = post("Ada", "A comment with `code`, a [link](https://example.org) and\n\n> a quote");
    comments.moderation().approve(dev.talkback.comments.SiteId.DEFAULT,
        dev.talkback.comments.CommentId.parse(parent));
    open("/post");
    write(topForm(), "Bo", "Pending comment");
    comment("Pending comment");
    topForm().findElement(By.name("text")).click();
    assertThat(Axe.violations(browser)).as("widget").isEmpty();

    for (String theme : List.of("dark")) {
      browser.get(base + "/post?theme=" + theme);
      comment("A comment with");
      assertThat(Axe.violations(browser)).as("widget, " + theme).isEmpty();
    }

    browser.get(base + "/nojs");
    assertThat(Axe.violations(browser)).as("no-JS page").isEmpty();
    WebElement form = browser.findElement(By.id("talkback-form"));
    js().executeScript("arguments[0].querySelector('[name=text]').value = 'x';"
        + "arguments[0].querySelector('[name=homepage]').value = 'a bot filled this'; arguments[0].submit()", form);
    waitFor().until(d -> d.findElement(By.tagName("h1")).getText().equals("Your comment was not posted"));
    assertThat(Axe.violations(browser)).as("failure page").isEmpty();

    browser.manage().addCookie(new Cookie("test-moderator", "yes", "/"));
    browser.get(base + "/comments/admin");
    assertThat(Axe.violations(browser)).as("moderation page").isEmpty();
  }

  @Test
  @DisplayName("screenshots at 1280 and 375 px, light and dark, for docs/widget.md")
  void screenshots() throws Exception {
    start(ModerationMode.NONE);
    String a = post("Ada Lovelace", "The spool is a neat idea. **Does it survive a crash?**");
    String g = reply(a, "Grace Hopper", "It is fsynced before the reader is told \"queued\", so yes:\n\n```\nwrite(); fsync(); answer(202);\n```");
    reply(g, "Ada Lovelace", "> so yes\n\nThen I am convinced. Thanks!");
    post("Linus", "Nice widget. Does it work without JavaScript?\n\n- the fragment\n- the plain form");
    Path dir = Path.of("..", "docs", "images");
    Files.createDirectories(dir);
    for (int width : new int[] {1280, 375}) {
      for (String scheme : List.of("light", "dark")) {
        browser.manage().window().setSize(new Dimension(width, width == 375 ? 812 : 1000));
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
            Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
        open("/post");
        comment("Then I am convinced");
        if (width == 1280) {
          topForm().findElement(By.name("text")).click();
        }
        js().executeScript("document.activeElement.blur(); scrollTo(0, 0)");
        Path file = dir.resolve("widget-" + width + "-" + scheme + ".png");
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(file)).as(file.toString()).isGreaterThan(10_000);
      }
    }
  }

  private String reply(String parent, String name, String text) throws Exception {
    var body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("thread", "t")
        .put("text", text).put("name", name).put("parentId", parent).put("format", "markdown");
    return new dev.talkback.comments.servlet.support.Http(java.net.URI.create(base + "/comments"))
        .json("POST", "/api/comments", body.toString()).json().path("comment").path("id").asText();
  }
}
