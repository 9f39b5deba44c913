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
        "0123456789abcdef".getBytes(StandardCharsets.UTF_8), 4096, RateLimit.perMinute(3), RateLimit.unlimited(),
        RateLimit.unlimited(), Duration.ofSeconds(3), Duration.ofDays(1), "queued", null));
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
  void handle_rateLimit_answers429WithRetryAfter() {
    for (int i = 0; i < 3; i++) {
      assertThat(handler.handle(json("POST", "/api/comments", "{\"thread\":\"k\",\"text\":\"x" + i + "\"}")).status())
          .isEqualTo(201);
    }
    Response r = handler.handle(json("POST", "/api/comments", "{\"thread\":\"k\",\"text\":\"x\"}"));
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("Retry-After")).isEqualTo("20");
  }

  @Test
  void handle_bodyOverCap_is413EvenWithoutContentLength() {
    Response r = handler.handle(json("POST", "/api/comments", "{\"text\":\"" + "x".repeat(5000) + "\"}"));
    assertThat(r.status()).isEqualTo(413);
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
