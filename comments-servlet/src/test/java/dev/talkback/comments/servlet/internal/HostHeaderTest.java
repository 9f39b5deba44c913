package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.RateLimit;
import dev.talkback.comments.servlet.internal.CommentsHandlerTest.TestRequest;
import dev.talkback.comments.testkit.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The DNS-rebinding pattern: a page on evil.example whose name resolves to the comment server sends {@code
 * Host: evil.example} and {@code Origin: http://evil.example}. The server's public origins come from its
 * configuration, so such a request gets no CORS, no redirect and no form for evil.example. (Java's HTTP
 * client will not send a forged {@code Host}, hence requests as plain values.)
 */
class HostHeaderTest {
  private static final String EVIL = "http://evil.example";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Comments comments = Comments.builder().store(new InMemoryCommentStore()).clock(clock).build();

  @AfterEach
  void tearDown() {
    comments.close();
  }

  private CommentsHandler handler(@Nullable String publicUrl) {
    return new CommentsHandler(new Settings(comments, SiteId.DEFAULT, Set.of("https://blog.example"),
        new Secrets("0123456789abcdef".getBytes(StandardCharsets.UTF_8)), 4096, RateLimit.unlimited(),
        RateLimit.unlimited(), RateLimit.unlimited(), Duration.ofSeconds(3), Duration.ofDays(1), publicUrl, null));
  }

  private static TestRequest evil(String method, String path, @Nullable String query, String contentType, String body) {
    Map<String, String> h = new HashMap<>();
    h.put("Host", "evil.example");
    h.put("Origin", EVIL);
    h.put("Content-Type", contentType);
    return new TestRequest(method, path, query, h, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Nested
  @DisplayName("Without a configured public URL")
  class Unconfigured {
    private final CommentsHandler handler = handler(null);

    @Test
    @DisplayName("a rebound Host gets no CORS headers for itself")
    void handle_reboundHost_noCors() {
      Response r = handler.handle(evil("GET", "/api/thread", "thread=t", "text/plain", ""));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Access-Control-Allow-Origin")).isNull();
      Response pre = handler.handle(evil("OPTIONS", "/api/comments", null, "text/plain", ""));
      assertThat(pre.status()).isEqualTo(403);
      assertThat(pre.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    @DisplayName("a rebound Host gets no form and no redirect to itself")
    void handle_reboundHost_noRedirect() {
      Response fragment = handler.handle(evil("GET", "/fragment", "thread=t&return=" + enc(EVIL + "/x"), "text/plain", ""));
      assertThat(fragment.status()).isEqualTo(422);
      Response form = handler.handle(evil("POST", "/form", null, "application/x-www-form-urlencoded",
          "thread=t&return=" + enc(EVIL + "/x") + "&token=bogus&text=hi"));
      assertThat(form.status()).isEqualTo(400);
      assertThat(form.header("Location")).isNull();
      assertThat(form.bodyText()).doesNotContain("evil.example");
    }
  }

  @Nested
  @DisplayName("With a configured public URL")
  class Configured {
    private final CommentsHandler handler = handler("https://comments.example/comments");

    @Test
    @DisplayName("a rebound Host may not post, and gets no CORS headers")
    void handle_reboundHost_refused() {
      Response post = handler.handle(evil("POST", "/api/comments", null, "application/json", "{\"thread\":\"t\",\"text\":\"x\"}"));
      assertThat(post.status()).isEqualTo(403);
      assertThat(post.header("Access-Control-Allow-Origin")).isNull();
      assertThat(comments.recent(SiteId.DEFAULT, 10)).isEmpty();
    }

    @Test
    @DisplayName("the configured public origin may post, whatever the Host header says")
    void handle_publicOrigin_allowed() {
      Map<String, String> h = new HashMap<>();
      h.put("Host", "10.0.0.5:8080");
      h.put("Origin", "https://comments.example");
      h.put("Content-Type", "application/json");
      Response post = handler.handle(new TestRequest("POST", "/api/comments", null, h,
          "{\"thread\":\"t\",\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
      assertThat(post.status()).isEqualTo(201);
      assertThat(post.header("Access-Control-Allow-Origin")).isEqualTo("https://comments.example");
    }

    @Test
    @DisplayName("a form may return to the configured public origin and posts there")
    void handle_formReturnToPublicOrigin() {
      String ret = "https://comments.example/posts/t";
      Response fragment = handler.handle(new TestRequest("GET", "/fragment", "thread=t&return=" + enc(ret),
          Map.of("Host", "10.0.0.5"), new byte[0]));
      assertThat(fragment.status()).isEqualTo(200);
      Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(fragment.bodyText());
      assertThat(m.find()).isTrue();
      clock.advance(Duration.ofSeconds(5));
      Response form = handler.handle(new TestRequest("POST", "/form", null,
          Map.of("Host", "evil.example", "Content-Type", "application/x-www-form-urlencoded"),
          ("thread=t&return=" + enc(ret) + "&token=" + enc(m.group(1)) + "&text=hi").getBytes(StandardCharsets.UTF_8)));
      assertThat(form.status()).as(form.bodyText()).isEqualTo(303);
      assertThat(form.header("Location")).startsWith(ret + "#comment-");
    }
  }
}
