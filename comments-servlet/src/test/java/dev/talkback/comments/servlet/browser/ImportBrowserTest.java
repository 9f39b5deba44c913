package dev.talkback.comments.servlet.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.testkit.ForwardingCommentStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The moderation page's import in a real headless Chromium with JavaScript off: the upload form, the dry
 * run's report, the import's progress that the page's own refresh keeps up to date, and a reload in the
 * middle of the import that finds it again.
 */
@Tag("browser")
@DisplayName("The moderation page's import in headless Chromium without JavaScript")
class ImportBrowserTest {
  private ChromeDriver browser;
  private Server server;
  private Comments comments;
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private String base;

  @BeforeEach
  void start() throws Exception {
    if (!Files.isExecutable(WidgetBrowserTest.CHROMIUM) || !Files.isExecutable(WidgetBrowserTest.DRIVER)) {
      String msg = "SKIPPING BROWSER TESTS: " + WidgetBrowserTest.CHROMIUM + " or " + WidgetBrowserTest.DRIVER
          + " is missing; install them with: apt-get install -y chromium chromium-driver";
      System.err.println("\n!!!!! " + msg + " !!!!!\n");
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(msg + " (CI=true: browser tests must run)");
      }
      Assumptions.abort(msg);
    }
    ForwardingCommentStore store = new ForwardingCommentStore(new InMemoryCommentStore()) {
      @Override
      public List<InsertResult> insertAll(ThreadInfo thread, List<Comment> list) {
        try {
          if (!gate.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never opened the gate");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        return super.insertAll(thread, list);
      }
    };
    comments = Comments.builder().store(store).build();
    CommentsServlet servlet = CommentsServlet.builder(comments)
        .secret("browser-test-secret-0123456789".getBytes(StandardCharsets.UTF_8))
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
    server.setHandler(context);
    server.start();
    base = "http://127.0.0.1:" + connector.getLocalPort();

    ChromeOptions o = new ChromeOptions();
    o.setBinary(WidgetBrowserTest.CHROMIUM.toFile());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en-US",
        "--blink-settings=scriptEnabled=false", "--user-data-dir=" + Files.createTempDirectory("talkback-import"));
    browser = new ChromeDriver(new ChromeDriverService.Builder()
        .usingDriverExecutable(WidgetBrowserTest.DRIVER.toFile()).build(), o);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() throws Exception {
    gate.countDown();
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.stop();
    }
    if (comments != null) {
      comments.close();
    }
  }

  /** The job's state as the page shows it, read in one script: no element handle to outlive a reload. */
  private @Nullable Object state() {
    return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "var j = document.getElementById('job'); return j ? j.getAttribute('data-state') : null;");
  }

  /**
   * Waits for the page, which reloads itself while a job runs, to show {@code state}. A read that meets the
   * reload (Chromium: "Node with given id does not belong to the document", or a script in an unloading page)
   * is tried again, within the same deadline.
   */
  private void awaitState(String state) {
    new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.WebDriverException.class)
        .until(d -> state.equals(state()));
  }

  @Test
  @DisplayName("upload, dry run, import with progress; a reload in the middle finds the running import")
  void upload_progress_survivesReload(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("disqus.xml");
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<disqus xmlns:dsq=\"http://disqus.com/disqus-internals\">\n");
    for (int t = 0; t < 3; t++) {
      xml.append("<thread dsq:id=\"t").append(t).append("\"><link>https://blog.example/p").append(t)
          .append("</link><title>Post ").append(t).append("</title></thread>\n");
    }
    for (int i = 0; i < 30; i++) {
      xml.append("<post dsq:id=\"p").append(i).append("\"><message><![CDATA[<p>Comment ").append(i)
          .append("</p>]]></message><createdAt>2015-01-01T00:00:").append(String.format("%02d", i))
          .append("Z</createdAt><author><name>Ada</name></author><thread dsq:id=\"t").append(i % 3)
          .append("\"/></post>\n");
    }
    Files.writeString(file, xml.append("</disqus>\n"));

    browser.get(base + "/comments/health");
    browser.manage().addCookie(new Cookie("test-moderator", "yes", "/"));
    browser.get(base + "/comments/admin/import");
    new Select(browser.findElement(By.id("f-format"))).selectByValue("auto");
    browser.findElement(By.id("f-file")).sendKeys(file.toString());
    browser.findElement(By.cssSelector("form[enctype] button")).click();

    awaitState("checked");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Dry run finished")
        .contains("Import 30 comments");

    gate = new CountDownLatch(1); // the store holds the import until the test has seen it run
    browser.findElement(By.cssSelector("button[value=import]")).click();
    awaitState("importing");
    assertThat(browser.findElement(By.id("progress-text")).getText()).startsWith("Importing");
    browser.navigate().refresh();
    awaitState("importing");
    assertThat(browser.findElement(By.id("progress")).getTagName()).isEqualTo("progress");

    gate.countDown();
    awaitState("done"); // reached by the page's own refresh: nobody reloads it here
    assertThat(browser.findElement(By.id("progress-text")).getText()).contains("30 new comments stored");
    assertThat(comments.thread(SiteId.DEFAULT, ThreadKey.of("/p0"), ThreadPageRequest.DEFAULT).totalCount())
        .isEqualTo(10);
  }
}
