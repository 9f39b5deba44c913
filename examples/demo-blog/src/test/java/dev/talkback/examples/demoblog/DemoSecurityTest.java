package dev.talkback.examples.demoblog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.testkit.MutableClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, finding 6: the attacks on the demo's login, logout and pages, over real HTTP. */
class DemoSecurityTest {
  private static final String FORM = "application/x-www-form-urlencoded";
  @TempDir
  Path data;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http = client(cookies);
  private DemoBlog blog;

  private static HttpClient client(CookieManager cookies) {
    return HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @BeforeEach
  void start() throws Exception {
    DemoStore store = DemoStore.open(data);
    blog = DemoBlog.start(new InetSocketAddress("127.0.0.1", 0), store.store(), store, store.outageSwitch(), clock, List.of());
  }

  @AfterEach
  void stop() {
    blog.close();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + blog.port() + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(HttpClient client, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", FORM)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    return post(http, path, body, headers);
  }

  private static String token(HttpResponse<String> page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(m.find()).as("a form with a token in " + page.body()).isTrue();
    return m.group(1);
  }

  private String sessionId() {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
        .map(HttpCookie::getValue).findFirst().orElse("");
  }

  private boolean isModerator() throws Exception {
    return get("/comments/admin").statusCode() == 200;
  }

  private HttpResponse<String> logIn(String password) throws Exception {
    return post("/login", "user=moderator&password=" + password + "&csrf=" + token(get("/login")),
        "Origin", "http://127.0.0.1:" + blog.port());
  }

  @Test
  void login_crossSitePost_isRefused() throws Exception {
    String csrf = token(get("/login")); // even with the reader's own token, were it ever leaked
    HttpResponse<String> fromEvil = post("/login", "user=moderator&password=demo&csrf=" + csrf, "Origin", "https://evil.example");
    assertThat(fromEvil.statusCode()).isEqualTo(403);
    assertThat(fromEvil.headers().allValues("Set-Cookie")).as("no new session for a cross-site request").isEmpty();
    assertThat(post("/login", "user=moderator&password=demo&csrf=" + csrf, "Origin", "null").statusCode()).isEqualTo(403);
    assertThat(post("/login", "user=moderator&password=demo&csrf=" + csrf, "Referer", "https://evil.example/page")
        .statusCode()).isEqualTo(403);
    assertThat(post("/login", "user=moderator&password=demo&csrf=" + csrf,
        "Origin", "http://attacker@127.0.0.1:" + blog.port()).statusCode()).as("userinfo is not our origin").isEqualTo(403);
    assertThat(isModerator()).isFalse();
    assertThat(post("/login", "user=moderator&password=demo&csrf=" + csrf,
        "Referer", "http://127.0.0.1:" + blog.port() + "/login").statusCode()).isEqualTo(302);
    assertThat(isModerator()).isTrue();
  }

  @Test
  void login_originFromTheHostHeader_isNotTrusted() throws Exception {
    String csrf = token(get("/login"));
    String body = "user=moderator&password=demo&csrf=" + csrf;
    // a DNS-rebinding page: the browser sends Host and Origin of the attacker's name, both alike
    String request = "POST /login HTTP/1.1\r\nHost: evil.example:" + blog.port() + "\r\nOrigin: http://evil.example:"
        + blog.port() + "\r\nCookie: JSESSIONID=" + sessionId() + "\r\nContent-Type: " + FORM + "\r\nContent-Length: "
        + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    try (Socket socket = new Socket("127.0.0.1", blog.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 403");
    }
    assertThat(isModerator()).isFalse();
  }

  @Test
  void login_withoutTheSessionsToken_isRefused() throws Exception {
    get("/login");
    assertThat(post("/login", "user=moderator&password=demo").statusCode()).isEqualTo(403);
    CookieManager otherJar = new CookieManager();
    HttpClient other = client(otherJar);
    String othersToken = token(other.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString()));
    assertThat(post("/login", "user=moderator&password=demo&csrf=" + othersToken).statusCode())
        .as("a token bound to another session").isEqualTo(403);
    HttpClient fresh = client(new CookieManager());
    assertThat(post(fresh, "/login", "user=moderator&password=demo&csrf=" + othersToken).statusCode())
        .as("a token without a session").isEqualTo(403);
    assertThat(isModerator()).isFalse();
  }

  @Test
  void logout_needsAPostWithTheToken() throws Exception {
    assertThat(logIn("demo").statusCode()).isEqualTo(302);
    HttpResponse<String> page = get("/logout");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(isModerator()).as("a GET only shows the form").isTrue();
    assertThat(post("/logout", "").statusCode()).isEqualTo(403);
    assertThat(post("/logout", "csrf=" + token(page), "Origin", "https://evil.example").statusCode()).isEqualTo(403);
    assertThat(isModerator()).isTrue();
    assertThat(post("/logout", "csrf=" + token(page), "Origin", "http://localhost:" + blog.port()).statusCode())
        .isEqualTo(302);
    assertThat(isModerator()).isFalse();
  }

  @Test
  void sessionCookie_isHttpOnlyAndSameSite() throws Exception {
    String cookie = get("/login").headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("JSESSIONID=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    assertThat(Arrays.stream(cookie.split(";")).map(String::strip))
        .as("not Secure over plain http, where the browser would not send it back").noneMatch("Secure"::equalsIgnoreCase);
    String afterLogin = logIn("demo").headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(afterLogin).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
  }

  @Test
  void login_changesTheSessionId() throws Exception {
    String csrf = token(get("/login"));
    String before = sessionId();
    assertThat(before).isNotEmpty();
    assertThat(post("/login", "user=moderator&password=demo&csrf=" + csrf).statusCode()).isEqualTo(302);
    assertThat(sessionId()).isNotEmpty().isNotEqualTo(before);
    assertThat(isModerator()).isTrue();
    assertThat(token(get("/"))).as("a new token too").isNotEqualTo(csrf);
  }

  @Test
  void wrongPasswords_answer429WithRetryAfter_evenForTheRightOne() throws Exception {
    for (int i = 1; i <= LoginThrottle.FREE_FAILURES; i++) {
      HttpResponse<String> wrong = logIn("guess" + i);
      assertThat(wrong.statusCode()).as("attempt " + i).isEqualTo(200);
      assertThat(wrong.body()).contains("Wrong user or password");
    }
    HttpResponse<String> locked = logIn("demo");
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).contains("30");
    assertThat(isModerator()).isFalse();
    clock.advance(Duration.ofSeconds(29));
    assertThat(logIn("demo").headers().firstValue("Retry-After")).contains("1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(logIn("guess-again").statusCode()).isEqualTo(200);
    HttpResponse<String> longer = logIn("demo");
    assertThat(longer.statusCode()).isEqualTo(429);
    assertThat(longer.headers().firstValue("Retry-After")).as("the lockout doubles").contains("60");
    assertThat(isModerator()).isFalse();
    clock.advance(Duration.ofSeconds(60));
    assertThat(logIn("demo").statusCode()).isEqualTo(302);
    assertThat(isModerator()).isTrue();
  }

  @Test
  void pagesShowingTheLogin_areNotStored() throws Exception {
    assertThat(logIn("demo").statusCode()).isEqualTo(302);
    for (String path : List.of("/", "/posts/keep-the-comments", "/posts/keep-the-comments?nojs=1", "/login", "/logout")) {
      HttpResponse<String> page = get(path);
      assertThat(page.body()).as(path).contains("Log out");
      assertThat(page.headers().firstValue("Cache-Control")).as(path).contains("no-store");
    }
    assertThat(get("/comments/admin").headers().firstValue("Cache-Control")).contains("no-store");
  }
}
