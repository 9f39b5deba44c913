package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.Identity;
import dev.talkback.comments.servlet.RateLimit;
import dev.talkback.comments.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler without a container: requests are plain objects. */
class CommentsHandlerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private Comments comments;
  private CommentsHandler handler;

  @BeforeEach
  void setUp() {
    comments = Comments.builder().store(new InMemoryCommentStore()).clock(clock).build();
    handler = new CommentsHandler(new Settings(comments, SiteId.DEFAULT, Set.of("https://blog.example"),
        new Secrets("0123456789abcdef".getBytes(StandardCharsets.UTF_8)), 4096, RateLimit.perMinute(3), RateLimit.unlimited(),
        RateLimit.unlimited(), Duration.ofSeconds(3), Duration.ofDays(1), null, null));
  }

  @AfterEach
  void tearDown() {
    comments.close();
  }

  @Test
  void handle_postThenRead() {
    Response posted = handler.handle(json("POST", "/api/comments", "{\"thread\":\"k\",\"text\":\"hi\"}"));
    assertThat(posted.status()).isEqualTo(201);
    Response thread = handler.handle(get("/api/thread", "thread=k"));
    assertThat(thread.status()).isEqualTo(200);
    assertThat(thread.bodyText()).contains("<p>hi</p>");
    assertThat(thread.header("ETag")).isNotNull();
  }

  @Test
  void handle_sameThreadTwice_servesTheSameBytes() {
    handler.handle(json("POST", "/api/comments", "{\"thread\":\"k\",\"text\":\"hi\"}"));
    Response a = handler.handle(get("/api/thread", "thread=k"));
    Response b = handler.handle(get("/api/thread", "thread=k"));
    assertThat(b.body()).isSameAs(a.body());
  }

  @Test
  void handle_unknownRoute_isProblem404() {
    Response r = handler.handle(get("/nope", null));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void handle_rateLimit_holdsThenAnswers429WithRetryAfter() {
    // 3 a minute: then held for a moderator up to three times the limit, then refused
    for (int i = 0; i < 9; i++) {
      assertThat(handler.handle(json("POST", "/api/comments", "{\"thread\":\"k\",\"text\":\"x" + i + "\"}")).status())
          .isEqualTo(201);
    }
    assertThat(comments.moderation().pending(SiteId.DEFAULT, 20)).hasSize(6);
    Response r = handler.handle(json("POST", "/api/comments", "{\"thread\":\"k\",\"text\":\"x\"}"));
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("Retry-After")).isEqualTo("7");
  }

  @Test
  void handle_bodyOverCap_is413EvenWithoutContentLength() {
    Response r = handler.handle(json("POST", "/api/comments", "{\"text\":\"" + "x".repeat(5000) + "\"}"));
    assertThat(r.status()).isEqualTo(413);
  }

  @Test
  void handle_wrongMethod_is405WithTheRoutesAllowHeader() {
    String id = "/api/comments/" + java.util.UUID.randomUUID();
    String[][] cases = {
        {"DELETE", "/api/thread", "GET, HEAD, OPTIONS"},
        {"POST", "/api/session", "GET, HEAD, OPTIONS"},
        {"PUT", "/api/counts", "GET, HEAD, OPTIONS"},
        {"POST", "/api/recent", "GET, HEAD, OPTIONS"},
        {"GET", "/api/preview", "POST, OPTIONS"},
        {"GET", "/api/comments", "POST, OPTIONS"},
        {"PUT", "/api/comments/", "POST, OPTIONS"},
        {"POST", id, "GET, HEAD, PUT, DELETE, OPTIONS"},
        {"GET", id + "/like", "POST, OPTIONS"},
        {"POST", "/api/moderation/comments", "GET, HEAD, OPTIONS"},
        {"GET", "/api/moderation/comments/x/approve", "POST, OPTIONS"},
        {"POST", "/embed.js", "GET, HEAD, OPTIONS"},
        {"POST", "/embed.css", "GET, HEAD, OPTIONS"},
        {"DELETE", "/assets/abc/embed.js", "GET, HEAD, OPTIONS"},
        {"POST", "/health", "GET, HEAD, OPTIONS"},
        {"POST", "/fragment", "GET, HEAD, OPTIONS"},
        {"GET", "/form", "POST, OPTIONS"},
        {"POST", "/feed.atom", "GET, HEAD, OPTIONS"},
        {"PUT", "/feed/thread.atom", "GET, HEAD, OPTIONS"},
        {"PUT", "/admin", "GET, HEAD, POST, OPTIONS"},
        {"DELETE", "/admin/", "GET, HEAD, POST, OPTIONS"}};
    for (String[] c : cases) {
      Response r = handler.handle(json(c[0], c[1], "{}"));
      assertThat(r.status()).as(c[0] + " " + c[1]).isEqualTo(405);
      assertThat(r.header("Allow")).as(c[0] + " " + c[1]).isEqualTo(c[2]);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      assertThat(r.bodyText()).contains("\"code\":\"method_not_allowed\"").contains("use " + c[2]);
    }
  }

  @Test
  void handle_head_isAnsweredWhereGetIs() {
    assertThat(handler.handle(new TestRequest("HEAD", "/health", null, Map.of(), new byte[0])).status())
        .isEqualTo(200);
    assertThat(handler.handle(new TestRequest("HEAD", "/api/session", null, Map.of(), new byte[0])).status())
        .isEqualTo(200);
  }

  @Test
  void handle_unknownApiPath_is404SayingWhereTheRoutesAre() {
    Response r = handler.handle(get("/api/comments/x/y/z", null));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.bodyText()).contains("no API endpoint '/api/comments/x/y/z'");
  }

  @Test
  void handle_queryOverCap_is414Problem() {
    Response r = handler.handle(get("/api/counts", "thread=" + "a".repeat(Params.MAX_QUERY_CHARS)));
    assertThat(r.status()).isEqualTo(414);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(r.bodyText()).contains("\"code\":\"query_too_long\"").contains("at most 8192 characters");
  }

  @Test
  void handle_tooManyParameters_is400Problem() {
    Response r = handler.handle(get("/api/counts", "thread=a&".repeat(Params.MAX_PARAMETERS + 1)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("\"code\":\"too_many_parameters\"").contains("at most 256 parameters");
  }

  @Test
  void handle_manyThreadsWithinCaps_areCounted() {
    Response r = handler.handle(get("/api/counts", "thread=a&".repeat(200)));
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void handle_fragmentInGerman_speaksGermanAndKeepsTheLanguageInTheForm() {
    Response r = handler.handle(get("/fragment", "thread=k&lang=de-AT"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).startsWith("<section class=\"talkback tb-nojs\" id=\"talkback\" lang=\"de\">\n")
        .contains("<h2 class=\"tb-heading\">Noch keine Kommentare</h2>")
        .contains("action=\"/comments/form?site=default&amp;lang=de\"")
        .contains(">Kommentar senden</button>");
  }

  @Test
  void params_parse_decodesAndKeepsMalformedEscapes() {
    Params p = Params.parse("a=1&a=2&b=%E2%82%AC&c=%ZZ&d");
    assertThat(p.all("a")).containsExactly("1", "2");
    assertThat(p.get("b")).isEqualTo("€");
    assertThat(p.get("c")).isEqualTo("%ZZ");
    assertThat(p.get("d")).isEmpty();
  }

  @Test
  void html_escape_neutralisesMarkupAndControlCharacters() {
    assertThat(Html.escape("<a href=\"x\" onclick='y'>&\u0000</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  }

  @Test
  void guard_origin_normalisesDefaultPortsAndCase() {
    assertThat(Guard.origin("HTTPS://Blog.Example:443/path")).isEqualTo("https://blog.example");
    assertThat(Guard.origin("http://localhost:8080")).isEqualTo("http://localhost:8080");
  }

  private static TestRequest get(String path, @Nullable String query) {
    return new TestRequest("GET", path, query, Map.of("Host", "comments.test"), new byte[0]);
  }

  private static TestRequest json(String method, String path, String body) {
    Map<String, String> h = new HashMap<>();
    h.put("Host", "comments.test");
    h.put("Content-Type", "application/json");
    return new TestRequest(method, path, null, h, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A request as a plain value. */
  record TestRequest(String method, String path, @Nullable String queryString, Map<String, String> headerMap, byte[] bytes)
      implements Request {
    @Override
    public String mountPath() {
      return "/comments";
    }

    @Override
    public @Nullable String header(String name) {
      for (Map.Entry<String, String> e : headerMap.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
    }

    @Override
    public @Nullable String cookie(String name) {
      return null;
    }

    @Override
    public String remoteAddress() {
      return "192.0.2.1";
    }

    @Override
    public boolean secure() {
      return false;
    }

    @Override
    public InputStream body() {
      return new ByteArrayInputStream(bytes);
    }

    @Override
    public Optional<Identity> identity() {
      return Optional.empty();
    }

    @Override
    public boolean mayModerate(SiteId site) {
      return false;
    }
  }
}
