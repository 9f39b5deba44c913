package dev.talkback.comments.servlet.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.notify.OutboxSender;
import dev.talkback.comments.notify.SmtpMailer;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.servlet.RateLimit;
import jakarta.mail.Multipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The "email me replies" opt-in in the widget, in a real headless Chromium under a strict CSP, and the
 * confirmation link of the mail it causes (a real sender, a real SMTP server) followed in the same browser;
 * axe-core checks the open form and the link's page.
 * Skips loudly without Chromium and chromedriver, and fails instead when {@code CI=true}.
 */
@Tag("browser")
@DisplayName("The widget's notification opt-in in headless Chromium")
class NotificationsBrowserTest {
  @RegisterExtension
  final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

  private WebDriver browser;
  private Path profile;
  private Server server;

  @AfterEach
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.stop();
    }
  }

  private void startBrowser() throws Exception {
    if (!Files.isExecutable(WidgetBrowserTest.CHROMIUM) || !Files.isExecutable(WidgetBrowserTest.DRIVER)) {
      String msg = "SKIPPING BROWSER TESTS: " + WidgetBrowserTest.CHROMIUM + " or " + WidgetBrowserTest.DRIVER
          + " is missing; install them with: apt-get install -y chromium chromium-driver";
      System.err.println("\n!!!!! " + msg + " !!!!!\n");
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(msg + " (CI=true: browser tests must run)");
      }
      Assumptions.abort(msg);
    }
    profile = Files.createTempDirectory("talkback-chromium-notify");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(WidgetBrowserTest.CHROMIUM.toFile());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile);
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(WidgetBrowserTest.DRIVER.toFile())
        .build(), o);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @Test
  @DisplayName("the boxes are off; ticked without an address the email field says so; with one the reader is told to"
      + " confirm, and the mail's link confirms in the browser")
  void optIn() throws Exception {
    startBrowser();
    InMemoryCommentStore store = InMemoryCommentStore.withNotifications(Clock.systemUTC());
    Comments comments = Comments.builder().store(store).moderation(ModerationMode.NONE).build();
    Notifications notifications = Notifications.builder(comments, store.notifications().orElseThrow(),
        SignedLinks.create("browser-test-link-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            Clock.systemUTC())).build();
    CommentsServlet servlet = CommentsServlet.builder(comments).notifications(notifications)
        .secret("browser-test-secret-0123456789".getBytes(StandardCharsets.UTF_8))
        .postsPerClient(RateLimit.unlimited()).postsPerThread(RateLimit.unlimited()).build();
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
    for (String p : List.of("/post", "/host.css")) {
      context.addServlet(new ServletHolder(pages), p);
    }
    String base = "http://127.0.0.1:" + connector.getLocalPort();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

    browser.get(base + "/post");
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); localStorage.clear();");
    browser.navigate().refresh();
    WebElement form = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tb-form")));
    form.findElement(By.name("text")).click();
    WebElement replies = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("notifyReplies")));
    WebElement thread = form.findElement(By.name("notifyThread"));
    assertThat(replies.isSelected()).as("off by default").isFalse();
    assertThat(thread.isSelected()).isFalse();
    assertThat(form.findElement(By.cssSelector("label[for='" + replies.getAttribute("id") + "']")).getText())
        .isEqualTo("Email me replies to my comment");
    assertThat(Axe.violations(browser)).as("the open form with its boxes is accessible").isEmpty();

    // ticked without an address: the email field says what is missing, and nothing is posted
    form.findElement(By.name("text")).sendKeys("Tell me about replies");
    form.findElement(By.name("name")).sendKeys("Ada");
    replies.click();
    form.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement email = form.findElement(By.name("email"));
    wait.until(ExpectedConditions.attributeToBe(email, "aria-invalid", "true"));
    assertThat(form.findElement(By.cssSelector(".tb-email .tb-field-error")).getText()).contains("is needed");
    assertThat(comments.recent(SiteId.DEFAULT, 10)).isEmpty();

    // with the address: posted, and the reader is told a confirmation mail may come
    email.sendKeys("ada@example.org");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement notice = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tb-list .tb-notice")));
    assertThat(notice.getText()).contains("Your comment was posted.").contains("a mail asks you to confirm it first");
    assertThat(replies.isSelected()).as("unticked after posting").isFalse();
    assertThat(browser.getPageSource()).doesNotContain("ada@example.org");

    // the confirmation mail's link, followed in the browser: a page with a button, which confirms
    OutboxSender sender = OutboxSender.builder(comments, notifications, base + "/comments")
        .mailer(SmtpMailer.builder("127.0.0.1", smtp.getSmtp().getPort()).from("blog@example.org", "Blog").build())
        .build();
    for (int i = 0; i < 5 && sender.runOnce() > 0; i++) {
      // deliver
    }
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    String text = (String) ((Multipart) smtp.getReceivedMessages()[0].getContent()).getBodyPart(0).getContent();
    Matcher link = Pattern.compile("http://\\S+/notify/confirm\\?token=\\S+").matcher(text);
    assertThat(link.find()).as(text).isTrue();
    dev.talkback.comments.CommentId ada = comments.recent(SiteId.DEFAULT, 1).get(0).id();
    dev.talkback.comments.ThreadKey t = dev.talkback.comments.ThreadKey.of("t");
    assertThat(store.notifications().orElseThrow().subscribers(SiteId.DEFAULT, ada, t)).as("not confirmed yet").isEmpty();
    browser.get(link.group());
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Confirm your email address");
    assertThat(Axe.violations(browser)).as("the link's page is accessible").isEmpty();
    browser.findElement(By.cssSelector("form button[type=submit]")).click();
    wait.until(d -> !d.findElements(By.cssSelector(".tb-notice, .tb-error")).isEmpty());
    assertThat(browser.findElement(By.cssSelector("main p")).getText()).as(browser.getPageSource())
        .contains("your address is confirmed");
    assertThat(store.notifications().orElseThrow().subscribers(SiteId.DEFAULT, ada, t)).singleElement()
        .matches(s -> s.confirmed());
  }
}
