package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.JettyContainer;
import dev.talkback.comments.servlet.support.RawHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests a review of the HTTP surface found answered wrongly, sent byte for byte to a real Jetty: a plain
 * {@code OPTIONS} and a preflight to a path no route takes, a no-JS form whose reply field was changed or whose
 * long non-ASCII comment grows past the body cap once percent-encoded, a comment id in a non-canonical
 * form, and JSON past a limit of the reader told the wrong limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpSurfaceReviewTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MOUNT = Container.CONTEXT + "/comments";
  private static final String ORIGIN = "https://blog.example";
  private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");

  private Container container;
  private Comments comments;
  private RawHttp raw;

  @BeforeAll
  void start() throws Exception {
    comments = Comments.builder().store(new InMemoryCommentStore()).build();
    CommentsServlet servlet = CommentsServlet.builder(comments).allowedOrigins(ORIGIN)
        .secret("http-surface-review-secret".getBytes(StandardCharsets.UTF_8))
        .postsPerClient(RateLimit.unlimited()).postsPerThread(RateLimit.unlimited())
        .actionsPerClient(RateLimit.unlimited())
        .formTimeTrap(Duration.ZERO, Duration.ofDays(1))
        .build();
    container = new JettyContainer();
    raw = new RawHttp(container.start(servlet));
  }

  @AfterAll
  void stop() throws Exception {
    if (container != null) {
      container.close();
    }
    if (comments != null) {
      comments.close();
    }
  }

  @Nested
  @DisplayName("OPTIONS")
  class Options {
    @Test
    @DisplayName("without Origin (no preflight) answers 204 with the route's Allow, not a 403 about an origin")
    void options_withoutOrigin_answersAllow() throws IOException {
      RawHttp.Reply r = raw.send("OPTIONS", MOUNT + "/api/comments/0190f3b2-7c1e-7a4b-9f00-1c2d3e4f5a6b", Map.of(),
          new byte[0]);
      assertThat(r.status()).as("%s", r).isEqualTo(204);
      assertThat(r.header("Allow")).isEqualTo("GET, HEAD, PUT, DELETE, OPTIONS");
      assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    @DisplayName("a preflight from an allowed origin carries CORS and the route's Allow")
    void options_preflight_carriesAllow() throws IOException {
      RawHttp.Reply r = raw.send("OPTIONS", MOUNT + "/api/comments", Map.of("Origin", ORIGIN,
          "Access-Control-Request-Method", "POST"), new byte[0]);
      assertThat(r.status()).as("%s", r).isEqualTo(204);
      assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
      assertThat(r.header("Allow")).isEqualTo("POST, OPTIONS");
    }

    @Test
    @DisplayName("to a path no route takes is a 404, preflight or not, never a 204 with CORS")
    void options_unknownPath_is404() throws IOException {
      for (Map<String, String> headers : java.util.List.of(Map.<String, String>of(), Map.of("Origin", ORIGIN))) {
        RawHttp.Reply r = raw.send("OPTIONS", MOUNT + "/api/nothing", headers, new byte[0]);
        assertThat(r.status()).as("%s -> %s", headers, r).isEqualTo(404);
        assertThat(r.header("Access-Control-Allow-Methods")).isNull();
        JsonNode j = JSON.readTree(r.body());
        assertThat(j.path("code").asText()).isEqualTo("not_found");
        assertThat(j.path("detail").asText()).contains("no API endpoint '/api/nothing'");
      }
    }

    @Test
    @DisplayName("from an origin that is not allowed is still a 403")
    void options_foreignOrigin_is403() throws IOException {
      RawHttp.Reply r = raw.send("OPTIONS", MOUNT + "/api/comments", Map.of("Origin", "https://evil.example"),
          new byte[0]);
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    }
  }

  @Nested
  @DisplayName("The no-JS form")
  class Form {
    @Test
    @DisplayName("with a reply field that is not a comment id answers the form page with the text kept, not JSON")
    void form_badParent_keepsText() throws IOException {
      RawHttp.Reply r = form("t", Map.of("text", "KEEP-MY-REPLY-7", "parent", "not-a-comment-id"));
      assertThat(r.status()).as("%s", r).isEqualTo(422);
      assertThat(r.header("Content-Type")).startsWith("text/html");
      assertThat(r.text()).contains("KEEP-MY-REPLY-7").contains("parent must be the id of the comment replied to");
      assertThat(thread("t")).as("nothing posted").isZero();
    }

    @Test
    @DisplayName("posts a comment of the longest length in CJK, which percent-encoding makes larger than maxBodyBytes")
    void form_longNonAsciiComment_isPosted() throws IOException {
      String text = "\u6f22".repeat(9_999); // under the form's maxlength (10,000); about 90,000 bytes encoded
      RawHttp.Reply r = form("cjk", Map.of("text", URLEncoder.encode(text, StandardCharsets.UTF_8)));
      assertThat(r.status()).as("%s", r).isEqualTo(303);
      assertThat(r.header("Location")).contains("#comment-");
      assertThat(comments.thread(SiteId.DEFAULT, ThreadKey.of("cjk"),
          ThreadPageRequest.first(CommentSort.OLDEST, 10)).comments().get(0).comment().source()).isEqualTo(text);
    }

    @Test
    @DisplayName("still refuses a body far beyond any comment with a 413")
    void form_hugeBody_is413() throws IOException {
      RawHttp.Reply r = form("t", Map.of("text", "x".repeat(160_000)));
      assertThat(r.status()).as("%s", r).isEqualTo(413);
    }
  }

  @Nested
  @DisplayName("Comment ids in JSON")
  class Ids {
    @Test
    @DisplayName("a chosen id or parentId that is not a UUID in its canonical form is refused, not stored as another id")
    void post_nonCanonicalId_isRefused() throws IOException {
      for (String field : java.util.List.of("id", "parentId")) {
        RawHttp.Reply r = raw.send("POST", MOUNT + "/api/comments", Map.of("Content-Type", "application/json"),
            ("{\"thread\":\"ids\",\"text\":\"x\",\"" + field + "\":\"1-1-1-1-1\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as("%s -> %s", field, r).isEqualTo(422);
        assertThat(JSON.readTree(r.body()).path("detail").asText()).contains(field + " must be a comment id");
      }
      assertThat(thread("ids")).isZero();
    }
  }

  @Nested
  @DisplayName("JSON bodies past a limit of the reader")
  class ReaderLimits {
    @Test
    @DisplayName("are told which limit, not that they are nested too deep or hold a 1 MiB string")
    void post_pastReaderLimit_namesTheLimit() throws IOException {
      Map<String, String> bodies = new LinkedHashMap<>();
      bodies.put("{\"" + "k".repeat(60_000) + "\":1,\"thread\":\"t\",\"text\":\"x\"}", "a field name in the body is longer");
      bodies.put("{\"thread\":\"t\",\"text\":\"x\",\"n\":" + "9".repeat(2_000) + "}", "a number in the body has more than");
      bodies.put("{\"thread\":\"t\",\"text\":\"x\",\"n\":1." + "9".repeat(2_000) + "}", "a number in the body has more than");
      bodies.put("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}", "nested more than 32 levels deep");
      for (Map.Entry<String, String> e : bodies.entrySet()) {
        RawHttp.Reply r = raw.send("POST", MOUNT + "/api/comments", Map.of("Content-Type", "application/json"),
            e.getKey().getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        JsonNode j = JSON.readTree(r.body());
        assertThat(j.path("code").asText()).isEqualTo("malformed_json");
        assertThat(j.path("detail").asText()).contains(e.getValue()).doesNotContain("StreamReadConstraints");
      }
    }
  }

  private int thread(String key) {
    return comments.thread(SiteId.DEFAULT, ThreadKey.of(key), ThreadPageRequest.first(CommentSort.OLDEST, 10))
        .comments().size();
  }

  /** Posts the no-JS form of thread {@code key} with a fresh token and these fields (values already encoded). */
  private RawHttp.Reply form(String key, Map<String, String> fields) throws IOException {
    String ret = "/posts/" + key;
    RawHttp.Reply page = raw.send("GET", MOUNT + "/fragment?thread=" + key + "&return=" + ret, Map.of(), new byte[0]);
    Matcher m = TOKEN.matcher(page.text());
    assertThat(m.find()).as("a token in %s", page).isTrue();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("thread", key);
    f.put("return", ret);
    f.put("token", m.group(1));
    f.put("name", "Ada");
    f.putAll(fields);
    StringBuilder b = new StringBuilder();
    f.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(k).append('=').append(v));
    return raw.send("POST", MOUNT + "/form", Map.of("Content-Type", "application/x-www-form-urlencoded",
        "Origin", ORIGIN), b.toString().getBytes(StandardCharsets.US_ASCII));
  }
}
