package dev.talkback.examples.springbootblog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPageRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

/**
 * The blog in a real server and a real headless Chromium, with Spring Security on: CSRF protects the blog's
 * own forms, Talkback's paths are exempt through {@code TalkbackRequest.toTalkback()}, and a reader logged in
 * with the blog's form login posts through the widget under their own name. Without the exemption, Spring
 * Security refuses the widget's post with 403 and the widget says so: the blog's security refused it, not
 * "the comment server could not be reached".
 */
@Tag("browser")
@DisplayName("The blog in Chromium, with Spring Security on")
class BlogBrowserTest {
  private static WebDriver browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = Chromium.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  static WebDriverWait waitFor() {
    return new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  static String base(Environment env) {
    return "http://127.0.0.1:" + env.getProperty("local.server.port");
  }

  /** Opens a post with a fresh session and waits for the widget's form. */
  static WebElement openPost(String base, String slug) {
    browser.manage().deleteAllCookies();
    browser.get(base + "/posts/" + slug);
    ((JavascriptExecutor) browser).executeScript("sessionStorage.clear(); localStorage.clear();");
    browser.navigate().refresh();
    return widgetForm();
  }

  /**
   * The widget's text field, once the widget has replaced the server-rendered fragment (whose form has the
   * same class): the count is the widget's alone.
   */
  static WebElement widgetForm() {
    waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-talkback] .tb-count")));
    return waitFor().until(ExpectedConditions.elementToBeClickable(By.cssSelector(".tb-form textarea")));
  }

  @Nested
  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
      "spring.datasource.url=jdbc:h2:mem:blog-browser;DB_CLOSE_DELAY=-1",
      "talkback.fallback.spool=target/blog-browser-test.spool", "talkback.moderation=none"})
  @DisplayName("with Talkback's paths exempt from CSRF")
  class Exempt {
    @Autowired Environment env;
    @Autowired Comments comments;

    @Test
    @DisplayName("the blog's login form needs its CSRF token; a logged-in reader posts through the widget as themself")
    void loggedInReader_postsThroughTheWidget() throws Exception {
      String base = base(env);
      HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/login"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("username=reader&password=reader")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(forged.statusCode()).as("CSRF is on for the blog's own forms").isEqualTo(403);

      browser.manage().deleteAllCookies();
      browser.get(base + "/login");
      WebElement login = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
      assertThat(browser.findElements(By.name("_csrf"))).as("the login form carries its token").isNotEmpty();
      login.sendKeys("reader");
      browser.findElement(By.name("password")).sendKeys("reader");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      waitFor().until(d -> !d.getCurrentUrl().contains("/login"));

      browser.get(base + "/posts/hello-world");
      WebElement form = widgetForm();
      assertThat(browser.findElements(By.cssSelector(".tb-form input[name=name]"))).as("no name field: logged in").isEmpty();
      form.click();
      form.sendKeys("Posted from Chromium through Spring Security");
      browser.findElement(By.cssSelector(".tb-form button[type=submit]")).click();
      WebElement comment = waitFor().until(d -> d.findElements(By.cssSelector(".tb-list .tb-c")).stream()
          .filter(c -> c.getText().contains("Posted from Chromium through Spring Security")).findFirst().orElse(null));
      assertThat(comment.findElement(By.cssSelector(".tb-author")).getText()).isEqualTo("reader");

      List<Comment> stored = comments.recent(SiteId.DEFAULT, 10);
      assertThat(stored).anySatisfy(c -> {
        assertThat(c.source()).contains("Posted from Chromium");
        assertThat(c.author().userId()).isEqualTo("reader");
      });
    }
  }

  @Nested
  @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
      "spring.datasource.url=jdbc:h2:mem:blog-browser-csrf;DB_CLOSE_DELAY=-1",
      "talkback.fallback.spool=target/blog-browser-csrf-test.spool", "talkback.moderation=none",
      "blog.talkback-csrf-exempt=false"})
  @DisplayName("without the CSRF exemption")
  class NotExempt {
    @Autowired Environment env;
    @Autowired Comments comments;

    @Test
    @DisplayName("the widget shows the reader that the blog's security refused the post (403), and keeps the text")
    void hostSecurity403_isShownWithItsReason() {
      WebElement text = openPost(base(env), "hello-world");
      text.click();
      text.sendKeys("Refused by the blog");
      browser.findElement(By.cssSelector(".tb-form input[name=name]")).sendKeys("Ada");
      browser.findElement(By.cssSelector(".tb-form button[type=submit]")).click();
      WebElement error = waitFor().until(d -> d.findElements(By.cssSelector(".tb-form .tb-error")).stream()
          .filter(WebElement::isDisplayed).filter(e -> !e.getText().isBlank()).findFirst().orElse(null));
      assertThat(error.getText()).contains("The blog's own security refused this request")
          .contains("HTTP 403").doesNotContain("could not be reached");
      assertThat(browser.findElement(By.cssSelector(".tb-form textarea")).getAttribute("value"))
          .isEqualTo("Refused by the blog");
      assertThat(comments.thread(SiteId.DEFAULT, ThreadKey.of("hello-world"),
          ThreadPageRequest.first(CommentSort.OLDEST, 10)).totalCount()).isZero();
    }
  }
}
