package dev.talkback.examples.demoblog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.testkit.Await;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo blog on a fresh H2 file: every page the README promises answers. */
class DemoBlogTest {
  @TempDir
  Path data;
  private DemoStore store;
  private DemoBlog blog;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    store = DemoStore.open(data);
    blog = DemoBlog.start(new InetSocketAddress("127.0.0.1", 0), store.store(), store, store.outageSwitch(), Clock.systemUTC(),
        List.of());
  }

  @AfterEach
  void stop() {
    blog.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + blog.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pages_answerWithSeededComments() throws Exception {
    HttpResponse<String> index = get("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("unsafe");
    assertThat(index.body()).contains("data-talkback-count=\"posts/keep-the-comments\"").contains("/embed.js");
    assertThat(get("/posts/keep-the-comments").body()).contains("data-talkback data-thread=\"posts/keep-the-comments\"");
    assertThat(get("/posts/keep-the-comments?nojs=1").body()).contains("2 comments").contains("Ada").contains("<form");
    assertThat(get("/posts/markdown-in-comments?nojs=1").body()).doesNotContain("<script>alert");
    assertThat(get("/comments/feed.atom").body()).contains("<feed").contains("Grace");
    assertThat(get("/comments/api/counts?thread=posts/keep-the-comments").body()).contains(":2");
  }

  @Test
  void feeds_linkEveryEntryToItsPost_fromTheHostsOwnThreadUrls() throws Exception {
    String feed = get("/comments/feed.atom").body();
    assertThat(feed).contains("/posts/keep-the-comments#comment-").contains("/posts/markdown-in-comments#comment-");
    assertThat(blog.comments().threadInfo(SiteId.DEFAULT, ThreadKey.of("posts/keep-the-comments")).orElseThrow().url())
        .isEqualTo("http://localhost:" + blog.port() + "/posts/keep-the-comments");
  }

  @Test
  void moderatorLogin_opensTheModerationPage() throws Exception {
    assertThat(get("/comments/admin").statusCode()).isEqualTo(403);
    assertThat(logIn().statusCode()).isEqualTo(302);
    HttpResponse<String> admin = get("/comments/admin?view=recent");
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).contains("Moderation: Recent").contains("Grace");
  }

  private HttpResponse<String> logIn() throws Exception {
    return post("/login", "application/x-www-form-urlencoded", "user=moderator&password=demo&csrf=" + token(get("/login")));
  }

  private static String token(HttpResponse<String> page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(m.find()).as("a form with a token in " + page.body()).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> post(String path, String type, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + blog.port() + path))
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void simulatedOutage_queuesThenPublishes() throws Exception {
    assertThat(post("/outage", "application/x-www-form-urlencoded", "do=start").statusCode()).isEqualTo(403);
    logIn();
    assertThat(post("/outage", "application/x-www-form-urlencoded", "do=start").statusCode())
        .as("without the token").isEqualTo(403);
    HttpResponse<String> pressed = post("/outage", "application/x-www-form-urlencoded",
        "do=start&back=%2Fposts%2Fno-javascript%3Fnojs%3D1&csrf=" + token(get("/posts/no-javascript")));
    assertThat(pressed.statusCode()).isEqualTo(302);
    assertThat(pressed.headers().firstValue("Location").orElseThrow()).as("back to the page the button was on")
        .endsWith("/posts/no-javascript?nojs=1");
    HttpResponse<String> queued = post("/comments/api/comments", "application/json",
        "{\"thread\":\"posts/no-javascript\",\"text\":\"Written while the database is down\"}");
    assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
    String home = get("/").body();
    String banner = home.substring(home.indexOf("<p class=\"outage\""), home.indexOf("</p>", home.indexOf("<p class=\"outage\"")));
    assertThat(banner).contains("The comment database is down. Comments are served from the cache; new comments "
        + "are queued").doesNotContain("(simulated)").doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("jdbc");
    HttpResponse<String> ended = post("/outage", "application/x-www-form-urlencoded",
        "do=end&back=https%3A%2F%2Fevil.example%2F&csrf=" + token(get("/")));
    assertThat(ended.statusCode()).isEqualTo(302);
    assertThat(ended.headers().firstValue("Location").orElseThrow()).as("never off-site").doesNotContain("evil");
    Await.until("the queued comment is published", () -> get("/comments/api/thread?thread=posts/no-javascript")
        .body().contains("Written while the database is down"));
  }

  @Test
  void feedIsTitledWithTheBlogsName_andTheBlogHasAFavicon() throws Exception {
    assertThat(get("/comments/feed.atom").body()).contains("<title>Comments on Talkback demo blog</title>");
    HttpResponse<String> icon = get("/favicon.svg");
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
    assertThat(get("/").body()).contains("rel=\"icon\"");
    assertThat(get("/favicon.ico").statusCode()).isEqualTo(200);
  }

  @Test
  void restart_keepsCommentsAndSeedsNothingTwice() throws Exception {
    blog.close();
    store = DemoStore.open(data);
    blog = DemoBlog.start(new InetSocketAddress("127.0.0.1", 0), store.store(), store);
    assertThat(get("/comments/api/counts?thread=posts/keep-the-comments").body()).contains(":2");
  }

  @Test
  void mailbox_showsConfirmationModeratorAndReplyMails_whoseLinksWork() throws Exception {
    assertThat(get("/").body()).contains("href=\"/mailbox\"");
    assertThat(get("/mailbox").body()).contains("No mail yet");
    HttpResponse<String> posted = post("/comments/api/comments", "application/json", "{\"thread\":\"posts/keep-the-comments\","
        + "\"name\":\"Newcomer\",\"email\":\"me@example.org\",\"text\":\"Tell me about replies\",\"notifyReplies\":true}");
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    assertThat(posted.body()).contains("\"subscription\":\"requested\"").doesNotContain("me@example.org");
    String mine = posted.body().replaceAll("(?s).*\"comment\":\\{\"id\":\"([^\"]+)\".*", "$1");

    // the sender runs on its own: wait for the confirmation mail, follow its link (GET shows, POST confirms)
    Await.until("the confirmation mail is in the mailbox", () -> get("/mailbox").body().contains("/notify/confirm?token="));
    String confirm = link(get("/mailbox").body(), "confirm");
    assertThat(followGet(confirm).body()).contains("Confirm my address").as("in the blog's layout")
        .contains("<a class=\"brand\" href=\"/\">Talkback demo blog</a>");
    HttpResponse<String> confirmed = press(confirm);
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.body()).contains("your address is confirmed");

    // a comment with a link waits: the moderator's mail approves it
    HttpResponse<String> held = post("/comments/api/comments", "application/json", "{\"thread\":\"posts/keep-the-comments\","
        + "\"name\":\"Linker\",\"text\":\"See https://example.org\"}");
    assertThat(held.body()).contains("\"outcome\":\"pending\"");
    Await.until("the moderator mail is in the mailbox", () -> get("/mailbox").body().contains("/notify/moderate?token="));
    HttpResponse<String> approved = press(link(get("/mailbox").body(), "moderate"));
    assertThat(approved.body()).contains("the comment by Linker is approved");
    assertThat(get("/comments/api/thread?thread=posts/keep-the-comments").body()).contains("See ");

    // a reply to the newcomer's comment: the reply mail arrives, with its unsubscribe link
    post("/comments/api/comments", "application/json", "{\"thread\":\"posts/keep-the-comments\",\"parentId\":\"" + mine
        + "\",\"name\":\"Replier\",\"text\":\"Here is a reply\"}");
    Await.until("the reply mail is in the mailbox", () -> get("/mailbox").body().contains("Here is a reply"));
    assertThat(followGet(link(get("/mailbox").body(), "unsubscribe")).body()).contains("Stop mail about");
  }

  /** The newest link of an action on the mailbox page, for this test's loopback address. */
  private static String link(String mailbox, String action) {
    Matcher m = Pattern.compile("<a href=\"(http://[^\"]+/notify/" + action + "\\?token=[^\"]+)\"").matcher(mailbox);
    assertThat(m.find()).as("a " + action + " link in " + mailbox).isTrue();
    return m.group(1).replace("&amp;", "&").replace("//localhost:", "//127.0.0.1:");
  }

  private HttpResponse<String> followGet(String link) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The button on a link's page: the token posted back from the blog's own origin. */
  private HttpResponse<String> press(String link) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(link.substring(0, link.indexOf('?'))))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://127.0.0.1:" + blog.port())
        .POST(HttpRequest.BodyPublishers.ofString("token=" + link.substring(link.indexOf("token=") + 6) + "&confirm=yes"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
