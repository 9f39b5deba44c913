package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.Http.Reply;
import dev.talkback.comments.servlet.support.SimulatedFallbackStore;
import dev.talkback.comments.testkit.MutableClock;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The servlet's behaviour over real HTTP, run in every supported container: each subclass supplies one.
 * Every test starts a fresh container with a fresh in-memory store.
 */
abstract class ServletContract {
  static final String ORIGIN = "https://blog.example";
  static final String HEALTH_TOKEN = "health-token-0123456789";
  static final byte[] SECRET = "0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);

  MutableClock clock;
  SimulatedFallbackStore store;
  Comments comments;
  Container container;
  Http http;

  /** The container under test. */
  abstract Container container();

  void start(ModerationMode mode, Consumer<CommentsServlet.Builder> config) throws Exception {
    clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    store = new SimulatedFallbackStore();
    comments = Comments.builder().store(store).clock(clock).moderation(mode).build();
    CommentsServlet.Builder b = CommentsServlet.builder(comments)
        .allowedOrigins(ORIGIN)
        .secret(SECRET)
        .postsPerClient(RateLimit.unlimited())
        .postsPerThread(RateLimit.unlimited())
        .actionsPerClient(RateLimit.unlimited())
        .identityResolver(req -> Optional.ofNullable(req.getHeader("X-Test-User")).map(u -> Identity.of(u, "User " + u)))
        .moderatorAuthorizer((req, site) -> "yes".equals(req.getHeader("X-Test-Moderator")));
    config.accept(b);
    container = container();
    http = new Http(container.start(b.build()));
  }

  void start() throws Exception {
    start(ModerationMode.NONE, b -> {});
  }

  @AfterEach
  void stop() throws Exception {
    if (container != null) {
      container.close();
    }
    if (comments != null) {
      comments.close();
    }
  }

  Reply post(String thread, String text) {
    return http.json("POST", "/api/comments", "{\"thread\":\"" + thread + "\",\"text\":\"" + text
        + "\",\"name\":\"Ada\",\"email\":\"ada@example.org\",\"threadTitle\":\"Hello\"}");
  }

  static void assertProblem(Reply r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.type()).startsWith("application/problem+json");
    JsonNode j = r.json();
    assertThat(j.path("status").asInt()).isEqualTo(status);
    assertThat(j.path("code").asText()).isEqualTo(code);
    assertThat(j.path("detail").asText()).isNotBlank();
    assertThat(j.path("type").asText()).startsWith("https://talkback.dev/problems/");
  }

  @Nested
  @DisplayName("Reading a thread")
  class Reading {
    @Test
    @DisplayName("an empty thread is an empty list with an ETag")
    void thread_empty() throws Exception {
      start();
      Reply r = http.get("/api/thread?thread=posts/hello");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("totalCount").asInt()).isZero();
      assertThat(r.json().path("comments").size()).isZero();
      assertThat(r.header("ETag")).startsWith("\"");
    }

    @Test
    @DisplayName("a posted comment shows with its sanitized HTML and never its email, IP hash or token hash")
    void thread_neverLeaksPrivateFields() throws Exception {
      start();
      assertThat(post("posts/hello", "Hi <script>alert(1)</script> there").status()).isEqualTo(201);
      Reply r = http.get("/api/thread?thread=posts/hello");
      JsonNode c = r.json().path("comments").get(0);
      assertThat(c.path("author").path("name").asText()).isEqualTo("Ada");
      assertThat(c.path("html").asText()).doesNotContain("<script");
      assertThat(r.body()).doesNotContain("ada@example.org").doesNotContain("ipHash").doesNotContain("editToken")
          .doesNotContainIgnoringCase("email");
    }

    @Test
    @DisplayName("an unchanged thread answers 304 to its ETag, a changed one 200 with a new ETag")
    void thread_etag() throws Exception {
      start();
      post("t", "one");
      Reply first = http.get("/api/thread?thread=t");
      String etag = first.header("ETag");
      Reply again = http.get("/api/thread?thread=t", "If-None-Match", etag);
      assertThat(again.status()).isEqualTo(304);
      assertThat(again.bytes()).isEmpty();
      post("t", "two");
      Reply changed = http.get("/api/thread?thread=t", "If-None-Match", etag);
      assertThat(changed.status()).isEqualTo(200);
      assertThat(changed.header("ETag")).isNotEqualTo(etag);
      assertThat(changed.json().path("totalCount").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("a client that accepts gzip gets the thread pre-gzipped, with its own ETag; Vary on both variants")
    void thread_gzip() throws Exception {
      start();
      post("t", "one, with enough text that the gzipped page is much smaller than the page itself");
      Reply plain = http.get("/api/thread?thread=t");
      Reply gz = http.get("/api/thread?thread=t", "Accept-Encoding", "gzip, deflate, br");
      assertThat(plain.status()).isEqualTo(200);
      assertThat(plain.header("Content-Encoding")).isNull();
      assertThat(gz.status()).isEqualTo(200);
      assertThat(gz.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(gz.type()).startsWith("application/json");
      byte[] unzipped = new GZIPInputStream(new java.io.ByteArrayInputStream(gz.bytes())).readAllBytes();
      assertThat(unzipped).isEqualTo(plain.bytes());
      assertThat(gz.bytes().length).isLessThan(plain.bytes().length);
      assertThat(Long.parseLong(gz.header("Content-Length"))).isEqualTo(gz.bytes().length);
      for (Reply r : new Reply[] {plain, gz}) {
        assertThat(String.join(",", r.response().headers().allValues("Vary"))).contains("Accept-Encoding")
            .contains("Origin");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
      }
      assertThat(gz.header("ETag")).isNotEqualTo(plain.header("ETag")).endsWith("-gz\"");
    }

    @Test
    @DisplayName("each variant answers 304 to its own ETag, and only to it")
    void thread_gzip_etagPerVariant() throws Exception {
      start();
      post("t", "one");
      String plainTag = http.get("/api/thread?thread=t").header("ETag");
      String gzTag = http.get("/api/thread?thread=t", "Accept-Encoding", "gzip").header("ETag");
      Reply gz304 = http.get("/api/thread?thread=t", "Accept-Encoding", "gzip", "If-None-Match", gzTag);
      assertThat(gz304.status()).isEqualTo(304);
      assertThat(gz304.header("ETag")).isEqualTo(gzTag);
      assertThat(String.join(",", gz304.response().headers().allValues("Vary"))).contains("Accept-Encoding");
      Reply plain304 = http.get("/api/thread?thread=t", "If-None-Match", plainTag);
      assertThat(plain304.status()).isEqualTo(304);
      assertThat(plain304.header("ETag")).isEqualTo(plainTag);
      // the other variant's ETag does not validate this one
      Reply crossed = http.get("/api/thread?thread=t", "Accept-Encoding", "gzip", "If-None-Match", plainTag);
      assertThat(crossed.status()).isEqualTo(200);
      assertThat(crossed.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(http.get("/api/thread?thread=t", "If-None-Match", gzTag).status()).isEqualTo(200);
      post("t", "two");
      Reply changed = http.get("/api/thread?thread=t", "Accept-Encoding", "gzip", "If-None-Match", gzTag);
      assertThat(changed.status()).isEqualTo(200);
      assertThat(changed.header("ETag")).isNotEqualTo(gzTag).endsWith("-gz\"");
    }

    @Test
    @DisplayName("HEAD gets the variant's headers and length without a body; gzip;q=0 gets identity")
    void thread_gzip_headAndRefused() throws Exception {
      start();
      post("t", "one");
      Reply gz = http.get("/api/thread?thread=t", "Accept-Encoding", "gzip");
      Reply head = http.send(http.request("/api/thread?thread=t").method("HEAD", HttpRequest.BodyPublishers.noBody())
          .header("Accept-Encoding", "gzip").build());
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.bytes()).isEmpty();
      assertThat(head.header("Content-Encoding")).isEqualTo("gzip");
      assertThat(head.header("ETag")).isEqualTo(gz.header("ETag"));
      assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(gz.bytes().length));
      Reply refused = http.get("/api/thread?thread=t", "Accept-Encoding", "gzip;q=0, identity");
      assertThat(refused.status()).isEqualTo(200);
      assertThat(refused.header("Content-Encoding")).isNull();
      assertThat(refused.json().path("totalCount").asInt()).isEqualTo(1);
      assertThat(refused.header("ETag")).isEqualTo(http.get("/api/thread?thread=t").header("ETag"));
    }

    @Test
    @DisplayName("replies nest under their parent")
    void thread_replies() throws Exception {
      start();
      String parent = post("t", "parent").json().path("comment").path("id").asText();
      Reply reply = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"child\",\"parentId\":\"" + parent + "\"}");
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      JsonNode top = http.get("/api/thread?thread=t").json().path("comments");
      assertThat(top.size()).isEqualTo(1);
      assertThat(top.get(0).path("replies").get(0).path("html").asText()).contains("child");
      assertThat(top.get(0).path("replies").get(0).path("depth").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("pages follow the cursor without duplicates, in the asked sort")
    void thread_pagination() throws Exception {
      start();
      for (int i = 0; i < 5; i++) {
        post("t", "c" + i);
        clock.advance(Duration.ofSeconds(1));
      }
      JsonNode p1 = http.get("/api/thread?thread=t&sort=newest&limit=3").json();
      assertThat(p1.path("comments").size()).isEqualTo(3);
      assertThat(p1.path("comments").get(0).path("html").asText()).contains("c4");
      String cursor = p1.path("nextCursor").asText();
      JsonNode p2 = http.get("/api/thread?thread=t&sort=newest&limit=3&cursor=" + cursor).json();
      assertThat(p2.path("comments").size()).isEqualTo(2);
      assertThat(p2.path("nextCursor").isNull()).isTrue();
      assertThat(p2.path("comments").get(1).path("html").asText()).contains("c0");
    }

    @Test
    @DisplayName("bad parameters are each listed")
    void thread_badParameters() throws Exception {
      start();
      Reply r = http.get("/api/thread?sort=sideways&limit=0");
      assertProblem(r, 422, "validation_failed");
      assertThat(r.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("thread", "sort", "limit");
    }

    @Test
    @DisplayName("a forged cursor is a 422 on field cursor")
    void thread_forgedCursor() throws Exception {
      start();
      Reply r = http.get("/api/thread?thread=t&cursor=not-a-cursor");
      assertProblem(r, 422, "validation_failed");
      assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("cursor");
    }

    @Test
    @DisplayName("counts for many threads come in one call")
    void counts() throws Exception {
      start();
      post("a", "1");
      post("a", "2");
      post("b", "3");
      JsonNode c = http.get("/api/counts?thread=a&thread=b&thread=c").json().path("counts");
      assertThat(c.path("a").asInt()).isEqualTo(2);
      assertThat(c.path("b").asInt()).isEqualTo(1);
      assertThat(c.path("c").asInt()).isZero();
    }

    @Test
    @DisplayName("recent comments are newest first")
    void recent() throws Exception {
      start();
      post("a", "older");
      clock.advance(Duration.ofSeconds(5));
      post("b", "newer");
      JsonNode list = http.get("/api/recent?limit=5").json().path("comments");
      assertThat(list.size()).isEqualTo(2);
      assertThat(list.get(0).path("html").asText()).contains("newer");
    }
  }

  @Nested
  @DisplayName("Posting, editing, deleting and liking")
  class Writing {
    @Test
    @DisplayName("a post answers 201 with the comment, a Location and an edit token")
    void post_created() throws Exception {
      start();
      Reply r = post("t", "hello");
      assertThat(r.status()).isEqualTo(201);
      assertThat(r.json().path("outcome").asText()).isEqualTo("published");
      assertThat(r.json().path("editToken").asText()).hasSizeGreaterThan(20);
      assertThat(r.header("Location")).endsWith("/blog/comments/api/comments/" + r.json().path("comment").path("id").asText());
    }

    @Test
    @DisplayName("posting the same id twice stores one comment")
    void post_idempotent() throws Exception {
      start();
      String id = UUID.randomUUID().toString();
      String body = "{\"thread\":\"t\",\"text\":\"once\",\"id\":\"" + id + "\"}";
      assertThat(http.json("POST", "/api/comments", body).status()).isEqualTo(201);
      Reply again = http.json("POST", "/api/comments", body);
      assertThat(again.status()).isEqualTo(201);
      assertThat(again.json().path("editToken").isNull()).isTrue();
      assertThat(http.get("/api/thread?thread=t").json().path("totalCount").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("the id of a hidden comment posted again with other content is a neutral 409 that reveals nothing")
    void post_idOfHiddenComment_revealsNothing() throws Exception {
      start();
      String id = UUID.randomUUID().toString();
      Reply first = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"secret words\",\"name\":\"Ada\","
          + "\"website\":\"https://ada.example\",\"id\":\"" + id + "\"}");
      assertThat(first.status()).isEqualTo(201);
      http.json("POST", "/api/moderation/comments/" + id + "/spam", "{}", "X-Test-Moderator", "yes");
      // the attack: the public id with any other text, from anyone, in this thread or another
      Reply sameThread = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"x\",\"id\":\"" + id + "\"}");
      Reply otherThread = http.json("POST", "/api/comments", "{\"thread\":\"u\",\"text\":\"x\",\"id\":\"" + id + "\"}");
      Reply otherAuthor = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"secret words\","
          + "\"name\":\"Eve\",\"id\":\"" + id + "\"}");
      for (Reply r : new Reply[] {sameThread, otherThread, otherAuthor}) {
        assertProblem(r, 409, "id_conflict");
        assertThat(r.body()).doesNotContain("secret").doesNotContain("Ada").doesNotContain("ada.example")
            .doesNotContainIgnoringCase("spam").doesNotContain("\"comment\"");
        assertThat(r.json().path("detail").asText()).isEqualTo(sameThread.json().path("detail").asText());
      }
      assertThat(comments.moderation().byStatus(SiteId.DEFAULT, CommentStatus.SPAM, 10))
          .singleElement().satisfies(c -> assertThat(c.source()).isEqualTo("secret words"));
    }

    @Test
    @DisplayName("a moderated post answers pending and stays out of the thread")
    void post_pending() throws Exception {
      start(ModerationMode.ALL, b -> {});
      Reply r = post("t", "wait");
      assertThat(r.status()).isEqualTo(201);
      assertThat(r.json().path("outcome").asText()).isEqualTo("pending");
      assertThat(http.get("/api/thread?thread=t").json().path("totalCount").asInt()).isZero();
    }

    @Test
    @DisplayName("malformed JSON is a 400 that says where")
    void post_malformedJson() throws Exception {
      start();
      Reply r = http.json("POST", "/api/comments", "{\"thread\": \"t\", text: }");
      assertProblem(r, 400, "malformed_json");
      assertThat(r.json().path("detail").asText()).contains("line 1");
    }

    @Test
    @DisplayName("a body that is not an object is a 400")
    void post_notAnObject() throws Exception {
      start();
      assertProblem(http.json("POST", "/api/comments", "[1,2]"), 400, "malformed_json");
      assertProblem(http.json("POST", "/api/comments", ""), 400, "malformed_json");
    }

    @Test
    @DisplayName("a wrong content type is a 415")
    void post_wrongContentType() throws Exception {
      start();
      Reply r = http.send(http.request("/api/comments").POST(HttpRequest.BodyPublishers.ofString("{}"))
          .header("Content-Type", "text/plain").build());
      assertProblem(r, 415, "unsupported_media_type");
      assertThat(r.json().path("detail").asText()).contains("application/json");
    }

    @Test
    @DisplayName("an oversized body is a 413")
    void post_oversized() throws Exception {
      start(ModerationMode.NONE, b -> b.maxBodyBytes(2048));
      Reply r = post("t", "x".repeat(5000));
      assertProblem(r, 413, "body_too_large");
    }

    @Test
    @DisplayName("missing and mistyped fields are each listed")
    void post_missingFields() throws Exception {
      start();
      Reply r = http.json("POST", "/api/comments", "{\"parentId\":\"nope\",\"format\":\"rtf\",\"name\":5}");
      assertProblem(r, 422, "validation_failed");
      assertThat(r.json().path("errors").findValuesAsText("field"))
          .contains("thread", "text", "parentId", "format", "name");
    }

    @Test
    @DisplayName("empty text is refused by the comment pipeline with the field named")
    void post_emptyText() throws Exception {
      start();
      Reply r = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"   \"}");
      assertProblem(r, 422, "validation_failed");
      assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("text");
    }

    @Test
    @DisplayName("a logged-in user posts under the host's identity")
    void post_identity() throws Exception {
      start();
      Reply r = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"hi\",\"name\":\"Forged\"}",
          "X-Test-User", "u42");
      assertThat(r.json().path("comment").path("author").path("name").asText()).isEqualTo("User u42");
      assertThat(r.json().path("comment").path("author").path("member").asBoolean()).isTrue();
      assertThat(http.get("/api/session", "X-Test-User", "u42").json().path("user").path("name").asText())
          .isEqualTo("User u42");
    }

    @Test
    @DisplayName("the author edits with the token; a wrong token or a closed window is a 403")
    void edit() throws Exception {
      start();
      JsonNode posted = post("t", "first").json();
      String id = posted.path("comment").path("id").asText();
      String token = posted.path("editToken").asText();
      Reply ok = http.json("PUT", "/api/comments/" + id, "{\"editToken\":\"" + token + "\",\"text\":\"second\"}");
      assertThat(ok.status()).as(ok.body()).isEqualTo(200);
      assertThat(ok.json().path("html").asText()).contains("second");
      assertProblem(http.json("PUT", "/api/comments/" + id, "{\"editToken\":\"wrong\",\"text\":\"x\"}"), 403,
          "edit_token_invalid");
      clock.advance(comments.settings().editWindow().plusSeconds(1));
      assertProblem(http.json("PUT", "/api/comments/" + id, "{\"editToken\":\"" + token + "\",\"text\":\"late\"}"), 403,
          "edit_window_expired");
    }

    @Test
    @DisplayName("the author deletes with the token in X-Edit-Token")
    void delete() throws Exception {
      start();
      JsonNode posted = post("t", "bye").json();
      String id = posted.path("comment").path("id").asText();
      assertProblem(http.json("DELETE", "/api/comments/" + id, "{}"), 422, "validation_failed");
      Reply r = http.json("DELETE", "/api/comments/" + id, "{}", "X-Edit-Token", posted.path("editToken").asText());
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(http.get("/api/thread?thread=t").json().path("totalCount").asInt()).isZero();
    }

    @Test
    @DisplayName("a client address's second like changes nothing")
    void like() throws Exception {
      start();
      String id = post("t", "like me").json().path("comment").path("id").asText();
      Reply first = http.json("POST", "/api/comments/" + id + "/like", "{}");
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.json().path("likes").asInt()).isEqualTo(1);
      assertThat(http.json("POST", "/api/comments/" + id + "/like", "{}").json().path("likes").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("an unknown or malformed comment id is a 404")
    void unknownComment() throws Exception {
      start();
      assertProblem(http.json("POST", "/api/comments/" + UUID.randomUUID() + "/like", "{}"), 404, "not_found");
      assertProblem(http.get("/api/comments/not-a-uuid"), 404, "not_found");
      assertProblem(http.get("/api/nothing"), 404, "not_found");
    }

    @Test
    @DisplayName("a closed thread refuses comments with a 403")
    void closedThread() throws Exception {
      start();
      comments.saveThread(ThreadInfo.of(SiteId.DEFAULT, ThreadKey.of("t"), "T").withClosed(true));
      assertProblem(post("t", "late"), 403, "thread_closed");
      assertThat(http.get("/api/thread?thread=t").json().path("closed").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("a client over its posting limit is held for a moderator and told so; three times over, a 429 with"
        + " Retry-After")
    void rateLimited() throws Exception {
      start(ModerationMode.NONE, b -> b.postsPerClient(new RateLimit(2, Duration.ofMinutes(1))));
      assertThat(post("t", "1").json().path("outcome").asText()).isEqualTo("published");
      assertThat(post("t", "2").json().path("outcome").asText()).isEqualTo("published");
      for (int i = 3; i <= 6; i++) {
        Reply held = post("t", "held " + i);
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        assertThat(held.json().path("outcome").asText()).isEqualTo("pending");
        assertThat(held.json().path("moderationReason").asText()).contains("posted many comments")
            .contains("moderator");
      }
      Reply r = post("t", "7");
      assertProblem(r, 429, "rate_limited");
      assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 60);
      clock.advance(Duration.ofMinutes(1));
      assertThat(post("t", "8").json().path("outcome").asText()).isEqualTo("published");
      assertThat(comments.moderation().pending(SiteId.DEFAULT, 10)).hasSize(4);
    }

    @Test
    @DisplayName("a thread over its posting limit holds new comments for a moderator; three times over, a 429")
    void rateLimitedPerThread() throws Exception {
      start(ModerationMode.NONE, b -> b.postsPerThread(new RateLimit(1, Duration.ofMinutes(1))));
      assertThat(post("t", "1").json().path("outcome").asText()).isEqualTo("published");
      Reply held = post("t", "2");
      assertThat(held.json().path("outcome").asText()).isEqualTo("pending");
      assertThat(held.json().path("moderationReason").asText()).contains("many comments at once");
      assertThat(post("t", "3").json().path("outcome").asText()).isEqualTo("pending");
      assertProblem(post("t", "4"), 429, "rate_limited");
      assertThat(post("other", "5").json().path("outcome").asText()).isEqualTo("published");
    }

    @Test
    @DisplayName("a preview renders without storing")
    void preview() throws Exception {
      start();
      Reply r = http.json("POST", "/api/preview", "{\"text\":\"**hi** <script>x</script>\",\"format\":\"markdown\"}");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("html").asText()).doesNotContain("<script");
      assertThat(http.get("/api/recent").json().path("comments").size()).isZero();
    }
  }

  @Nested
  @DisplayName("Read-only mode")
  class ReadOnly {
    @Test
    @DisplayName("under the spool policy a post answers 202 queued, and the thread says queued")
    void spool() throws Exception {
      start();
      store.readOnly(SimulatedFallbackStore.Policy.SPOOL);
      Reply r = post("t", "keep me");
      assertThat(r.status()).as(r.body()).isEqualTo(202);
      assertThat(r.json().path("outcome").asText()).isEqualTo("queued");
      clock.advance(Duration.ofSeconds(2));
      assertThat(http.get("/api/thread?thread=t").json().path("readOnly").asText()).isEqualTo("queued");
      assertThat(http.get("/health", "X-Test-Moderator", "yes").json().path("store").path("mode").asText())
          .isEqualTo("READ_ONLY");
    }

    @Test
    @DisplayName("under the reject policy a post answers 503 with Retry-After")
    void reject() throws Exception {
      start();
      store.readOnly(SimulatedFallbackStore.Policy.REJECT);
      Reply r = post("t", "later");
      assertProblem(r, 503, "read_only");
      assertThat(r.header("Retry-After")).isEqualTo("42");
      clock.advance(Duration.ofSeconds(2));
      assertThat(http.get("/api/thread?thread=t").json().path("readOnly").asText()).isEqualTo("paused");
    }

    @Test
    @DisplayName("a store that cannot be reached at all is a 503, never a 500")
    void unreachable() throws Exception {
      start();
      store.faults().failWrites(true);
      Reply r = post("t", "x");
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.header("Retry-After")).isNotNull();
    }
  }

  @Nested
  @DisplayName("Cross-origin requests and forgery")
  class Security {
    @Test
    @DisplayName("an allowed origin may post and gets CORS headers")
    void allowedOrigin() throws Exception {
      start();
      Reply r = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"x\"}", "Origin", ORIGIN);
      assertThat(r.status()).isEqualTo(201);
      assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
      assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
    }

    @Test
    @DisplayName("another origin may not post (CSRF) and gets no CORS headers")
    void foreignOrigin() throws Exception {
      start();
      Reply r = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"x\"}", "Origin", "https://evil.example");
      assertProblem(r, 403, "origin_not_allowed");
      assertThat(r.header("Access-Control-Allow-Origin")).isNull();
      Reply sec = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"x\"}", "Sec-Fetch-Site", "cross-site");
      assertProblem(sec, 403, "origin_not_allowed");
    }

    @Test
    @DisplayName("odd Origin strings are refused and never echoed; CORS echoes only the normalized origin")
    void oddOrigins() throws Exception {
      start();
      for (String odd : new String[] {"https://user@blog.example", "https://blog.example/", "https://blog.example/x",
          "https://blog.example?x", "https://blog.example#x", "https://user:pw@blog.example:443", "null",
          "https://blog.example\\@evil.example", "https://blog.example:0"}) {
        Reply read = http.get("/api/thread?thread=t", "Origin", odd);
        assertThat(read.header("Access-Control-Allow-Origin")).as(odd).isNull();
        String echo = odd.equals("null") ? "\"null\"" : odd; // JSON has null values of its own
        assertThat(read.body()).doesNotContain(echo);
        Reply write = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"x\"}", "Origin", odd);
        assertProblem(write, 403, "origin_not_allowed");
        assertThat(write.header("Access-Control-Allow-Origin")).as(odd).isNull();
        assertThat(write.body()).doesNotContain(echo);
        Reply pre = http.send(http.request("/api/comments").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", odd).header("Access-Control-Request-Method", "POST").build());
        assertThat(pre.status()).as(odd).isEqualTo(403);
        assertThat(pre.header("Access-Control-Allow-Origin")).isNull();
      }
      Reply upper = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"x\"}", "Origin",
          "https://BLOG.example:443");
      assertThat(upper.status()).isEqualTo(201);
      assertThat(upper.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    }

    @Test
    @DisplayName("a preflight from an allowed origin is answered, from another refused")
    void preflight() throws Exception {
      start();
      Reply ok = http.send(http.request("/api/comments").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
          .header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST").build());
      assertThat(ok.status()).isEqualTo(204);
      assertThat(ok.header("Access-Control-Allow-Methods")).contains("POST");
      assertThat(ok.header("Access-Control-Allow-Headers")).contains("Content-Type");
      Reply no = http.send(http.request("/api/comments").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
          .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").build());
      assertThat(no.status()).isEqualTo(403);
    }

    @Test
    @DisplayName("every response carries the security headers")
    void securityHeaders() throws Exception {
      start();
      Reply r = http.get("/api/thread?thread=t");
      assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'").contains("frame-ancestors 'none'");
      assertThat(r.header("Cross-Origin-Resource-Policy")).isEqualTo("same-site");
      // JSON is no document: the CSP's frame-ancestors refuses framing, and it loads nothing to send a referrer
      assertThat(r.header("X-Frame-Options")).isNull();
      assertThat(r.header("Referrer-Policy")).isNull();
      Reply problem = http.get("/api/thread");
      assertThat(problem.status()).isEqualTo(422);
      assertThat(problem.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(problem.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
      // HTML keeps both
      Reply page = http.get("/fragment?thread=t");
      assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(page.header("Referrer-Policy")).isNotNull();
      assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    @DisplayName("an error answered to a request with a body never breaks the next request on the connection")
    void earlyErrorWithBody_closesConnection() throws Exception {
      start();
      String big = "{\"thread\":\"t\",\"text\":\"" + "x".repeat(60_000) + "\"}";
      for (int i = 0; i < 20; i++) {
        Reply refused = http.json("PATCH", "/api/comments", big);
        assertThat(refused.status()).isEqualTo(405);
        // The body was read (without a thread, before routing), or the connection is closed if it was not.
        Reply next = http.get("/api/thread?thread=t");
        assertThat(next.status()).isEqualTo(200);
      }
    }

    @Test
    @DisplayName("no odd input yields a 500")
    void noInputYields500() throws Exception {
      start();
      String[][] json = {{"POST", "/api/comments", "{\"thread\":\"" + "k".repeat(300) + "\",\"text\":\"x\"}"},
          {"POST", "/api/comments", "{\"thread\":\" spaced \",\"text\":\"x\"}"},
          {"POST", "/api/comments", "{\"thread\":\"t\",\"text\":{\"a\":[1,2,{}]}}"},
          {"POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"x\",\"parentId\":\"" + UUID.randomUUID() + "\"}"},
          {"POST", "/api/comments", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"},
          {"POST", "/api/comments", "null"},
          {"POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"x\",\"threadUrl\":\"javascript:alert(1)\"}"},
          {"PUT", "/api/comments/" + UUID.randomUUID(), "{\"editToken\":\"x\",\"text\":\"y\"}"},
          {"PUT", "/api/comments", "{}"},
          {"DELETE", "/api/comments/" + UUID.randomUUID(), "{}"},
          {"POST", "/api/moderation/comments/x/approve", "{}"},
          {"POST", "/api/thread", "{}"},
          {"PATCH", "/api/comments", "{}"}};
      for (String[] c : json) {
        Reply r = http.json(c[0], c[1], c[2], "X-Edit-Token", "nope");
        assertThat(r.status()).as(c[0] + " " + c[1] + " " + c[2] + " -> " + r.body()).isBetween(400, 499);
        assertThat(r.type()).startsWith("application/problem+json");
      }
      String[] gets = {"/api/thread?thread=%C3%28%FF", "/api/thread?thread=t&limit=99999999999999", "/api/counts",
          "/api/recent?limit=-1", "/api/thread?thread=t&site=../../etc", "/fragment", "/feed/thread.atom",
          "/assets/x/nope.js", "/admin?site=%00", "/api/comments/" + UUID.randomUUID(), "/../../etc/passwd"};
      for (String g : gets) {
        Reply r = http.get(g.replace("..", "%2E%2E"));
        assertThat(r.status()).as(g + " -> " + r.body()).isLessThan(500);
      }
    }
  }

  @Nested
  @DisplayName("Moderation")
  class Moderation {
    @Test
    @DisplayName("the moderation API is denied to non-moderators")
    void denied() throws Exception {
      start();
      assertProblem(http.get("/api/moderation/comments"), 403, "not_moderator");
      Reply admin = http.get("/admin");
      assertThat(admin.status()).isEqualTo(403);
      assertThat(admin.header("Content-Security-Policy")).contains("default-src 'none'");
    }

    @Test
    @DisplayName("a moderator lists the queue and approves, marks spam, deletes and restores")
    void actions() throws Exception {
      start(ModerationMode.ALL, b -> {});
      String id = post("t", "queued").json().path("comment").path("id").asText();
      JsonNode queue = http.get("/api/moderation/comments?status=pending", "X-Test-Moderator", "yes").json();
      assertThat(queue.path("comments").get(0).path("id").asText()).isEqualTo(id);
      assertThat(queue.toString()).doesNotContain("ada@example.org");
      for (String[] step : new String[][] {{"approve", "approved"}, {"spam", "spam"}, {"restore", "approved"},
          {"delete", "deleted"}}) {
        Reply r = http.json("POST", "/api/moderation/comments/" + id + "/" + step[0], "{}", "X-Test-Moderator", "yes");
        assertThat(r.status()).as(step[0] + ": " + r.body()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo(step[1]);
      }
    }

    @Test
    @DisplayName("blocking an author refuses their next comment")
    void block() throws Exception {
      start();
      String id = post("t", "spam spam").json().path("comment").path("id").asText();
      Reply r = http.json("POST", "/api/moderation/comments/" + id + "/block", "{}", "X-Test-Moderator", "yes");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertProblem(post("t", "more spam"), 422, "rejected");
    }

    @Test
    @DisplayName("the moderation page needs its CSRF token, then acts in bulk and redirects back")
    void adminPage() throws Exception {
      start(ModerationMode.ALL, b -> {});
      String a = post("t", "one").json().path("comment").path("id").asText();
      String b = post("t", "two").json().path("comment").path("id").asText();
      Reply page = http.get("/admin", "X-Test-Moderator", "yes");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").doesNotContain("script-src")
          .doesNotContain("unsafe");
      assertThat(page.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Strict");
      assertThat(page.body()).contains(a).contains(b).doesNotContain("ada@example.org");
      Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
      assertThat(m.find()).isTrue();
      String csrf = m.group(1);
      Reply forged = http.form("/admin?view=pending", "csrf=forged&action=approve&id=" + a + "&id=" + b,
          "X-Test-Moderator", "yes");
      assertThat(forged.status()).isEqualTo(403);
      assertThat(forged.header("X-Talkback-Error")).isEqualTo("csrf_failed");
      assertThat(forged.body()).contains("Nothing was done").doesNotContain("\"code\"");
      Reply done = http.form("/admin?view=pending", "csrf=" + csrf + "&action=approve&id=" + a + "&id=" + b,
          "X-Test-Moderator", "yes");
      assertThat(done.status()).isEqualTo(303);
      assertThat(done.header("Location")).contains("/blog/comments/admin").contains("done=approve:2");
      assertThat(http.get("/api/thread?thread=t").json().path("totalCount").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("the author data page finds a person's comments, downloads them, erases them with its CSRF token, and logs it")
    void authorDataPage() throws Exception {
      start();
      String a = post("t", "mine").json().path("comment").path("id").asText();
      assertThat(http.get("/admin/authors?email=ada@example.org").status()).isEqualTo(403);
      Reply page = http.get("/admin/authors?email=ADA@example.org", "X-Test-Moderator", "yes");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'").doesNotContain("script-src");
      assertThat(page.body()).contains("1 comment on this site").contains("mine").contains("Nothing was erased");
      assertThat(http.get("/admin", "X-Test-Moderator", "yes").body()).contains("/admin/authors?site=");

      Reply download = http.get("/admin/authors/export?email=ada@example.org", "X-Test-Moderator", "yes");
      assertThat(download.status()).isEqualTo(200);
      assertThat(download.header("Content-Disposition")).contains("attachment");
      assertThat(download.body().lines()).hasSize(3);
      assertThat(download.body()).contains(a).contains("ada@example.org");

      Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
      assertThat(m.find()).isTrue();
      assertProblem(http.form("/admin/authors?email=ada@example.org", "csrf=forged&mode=delete&confirm=yes",
          "X-Test-Moderator", "yes"), 403, "csrf_failed");
      assertProblem(http.form("/admin/authors?email=ada@example.org", "csrf=" + m.group(1) + "&mode=delete",
          "X-Test-Moderator", "yes"), 400, "not_confirmed");
      Reply erased = http.form("/admin/authors?email=ada@example.org",
          "csrf=" + m.group(1) + "&mode=delete&confirm=yes", "X-Test-Moderator", "yes");
      assertThat(erased.status()).as(erased.body()).isEqualTo(303);
      assertThat(erased.header("Location")).contains("erased=1.0.0");
      assertThat(http.get("/api/thread?thread=t").json().path("totalCount").asInt()).isZero();
      Reply after = http.get("/admin/authors?email=ada@example.org", "X-Test-Moderator", "yes");
      assertThat(after.body()).contains("No comments on this site").contains("moderator:").contains("email")
          .doesNotContain("Nothing was erased");
    }
  }

  @Nested
  @DisplayName("Without JavaScript")
  class NoJs {
    String token(String fragment) {
      Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(fragment);
      assertThat(m.find()).isTrue();
      return m.group(1);
    }

    @Test
    @DisplayName("the fragment shows the thread escaped and a form with a signed token")
    void fragment() throws Exception {
      start();
      http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"hello\",\"name\":\"<img src=x onerror=alert(1)>\"}");
      Reply r = http.get("/fragment?thread=t&return=/posts/t");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.type()).startsWith("text/html");
      assertThat(r.body()).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x")
          .contains("action=\"/blog/comments/form").contains("name=\"homepage\"");
      assertThat(token(r.body())).contains(".");
    }

    @Test
    @DisplayName("the form posts and redirects back to the comment (post/redirect/get)")
    void post_redirects() throws Exception {
      start();
      String token = token(http.get("/fragment?thread=t&return=/posts/t").body());
      clock.advance(Duration.ofSeconds(5));
      Reply r = http.form("/form", "thread=t&return=%2Fposts%2Ft&token=" + enc(token) + "&name=Bo&text=Hi+there&homepage=");
      assertThat(r.status()).as(r.body()).isEqualTo(303);
      assertThat(r.header("Location")).startsWith("/posts/t#comment-");
      assertThat(http.get("/api/thread?thread=t").json().path("totalCount").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("a form sent too fast is refused and keeps the text")
    void post_timeTrap() throws Exception {
      start();
      String token = token(http.get("/fragment?thread=t&return=/posts/t").body());
      Reply r = http.form("/form", "thread=t&return=%2Fposts%2Ft&token=" + enc(token) + "&name=Bo&text=%3Cb%3Emine%3C%2Fb%3E");
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.body()).contains("&lt;b&gt;mine&lt;/b&gt;</textarea>");
      assertThat(http.get("/api/recent").json().path("comments").size()).isZero();
    }

    @Test
    @DisplayName("a filled honeypot is refused")
    void post_honeypot() throws Exception {
      start();
      String token = token(http.get("/fragment?thread=t&return=/posts/t").body());
      clock.advance(Duration.ofSeconds(5));
      Reply r = http.form("/form", "thread=t&return=%2Fposts%2Ft&token=" + enc(token) + "&text=buy&homepage=http://spam");
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.header("X-Talkback-Error")).isEqualTo("honeypot");
    }

    @Test
    @DisplayName("a changed return URL invalidates the token (no open redirect)")
    void post_tamperedReturn() throws Exception {
      start();
      String token = token(http.get("/fragment?thread=t&return=/posts/t").body());
      clock.advance(Duration.ofSeconds(5));
      Reply r = http.form("/form", "thread=t&return=https%3A%2F%2Fevil.example%2F&token=" + enc(token) + "&text=x");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.header("Location")).isNull();
    }

    @Test
    @DisplayName("an off-site return URL is never signed again and never redirected to (no open redirect)")
    void post_offSiteReturn_neverResigned() throws Exception {
      start();
      String[] offSite = {"https://evil.example/x", "//evil.example/x", "/\\evil.example/x", "https:evil.example",
          "/\t/evil.example", "javascript:alert(1)", "https://user@blog.example/x", "https://blog.example@evil.example/"};
      for (String ret : offSite) {
        // the attack: a bad token gets the error page; the page's form is posted again as is
        Reply first = http.form("/form", "thread=t&return=" + enc(ret) + "&token=bogus&name=Bo&text=Hi");
        assertThat(first.status()).as(ret).isEqualTo(400);
        assertThat(first.header("Location")).isNull();
        assertThat(first.body()).doesNotContain("evil.example").doesNotContain("javascript:");
        Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(first.body());
        String token = m.find() ? m.group(1) : "none";
        clock.advance(Duration.ofSeconds(5));
        Reply again = http.form("/form", "thread=t&return=" + enc(ret) + "&token=" + enc(token) + "&name=Bo&text=Hi");
        assertThat(again.status()).as(ret).isNotEqualTo(303);
        assertThat(again.header("Location")).as(ret).isNull();
        assertProblem(http.get("/fragment?thread=t&return=" + enc(ret)), 422, "validation_failed");
      }
      assertThat(http.get("/api/recent").json().path("comments").size()).isZero();
    }

    @Test
    @DisplayName("a bad token with a same-site return gets a fresh token for that return, which then posts")
    void post_badTokenSameSiteReturn_freshToken() throws Exception {
      start();
      Reply first = http.form("/form", "thread=t&return=%2Fposts%2Ft&token=bogus&name=Bo&text=Hi");
      assertThat(first.status()).isEqualTo(400);
      clock.advance(Duration.ofSeconds(5));
      Reply again = http.form("/form", "thread=t&return=%2Fposts%2Ft&token=" + enc(token(first.body())) + "&name=Bo&text=Hi");
      assertThat(again.status()).as(again.body()).isEqualTo(303);
      assertThat(again.header("Location")).startsWith("/posts/t#comment-");
    }

    @Test
    @DisplayName("a fragment for a foreign return URL is refused")
    void fragment_foreignReturn() throws Exception {
      start();
      assertProblem(http.get("/fragment?thread=t&return=https://evil.example/"), 422, "validation_failed");
      assertThat(http.get("/fragment?thread=t&return=" + enc(ORIGIN + "/posts/t")).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("in read-only mode the fragment shows the banner")
    void fragment_readOnly() throws Exception {
      start();
      store.readOnly(SimulatedFallbackStore.Policy.SPOOL);
      assertThat(http.get("/fragment?thread=t").body()).contains("tb-readonly").contains("saved and will appear");
    }
  }

  @Nested
  @DisplayName("Feeds, widget files and health")
  class Extras {
    @Test
    @DisplayName("a wrong method is answered 405 with Allow, HEAD works wherever GET does, and parameters are capped")
    void methodsAndCaps() throws Exception {
      start();
      Reply wrong = http.json("DELETE", "/api/thread?thread=t", "{}");
      assertProblem(wrong, 405, "method_not_allowed");
      assertThat(wrong.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
      assertThat(http.json("PATCH", "/api/comments/" + UUID.randomUUID(), "{}").header("Allow"))
          .isEqualTo("GET, HEAD, PUT, DELETE, OPTIONS");
      Reply head = http.send(http.request("/health").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertProblem(http.get("/api/counts?" + "thread=a&".repeat(257)), 400, "too_many_parameters");
    }

    @Test
    @DisplayName("the feeds hold approved comments only")
    void feeds() throws Exception {
      start();
      post("t", "visible");
      String spam = post("t", "spammy").json().path("comment").path("id").asText();
      http.json("POST", "/api/moderation/comments/" + spam + "/spam", "{}", "X-Test-Moderator", "yes");
      for (String path : new String[] {"/feed.atom", "/feed/thread.atom?thread=t"}) {
        Reply r = http.get(path);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.type()).startsWith("application/atom+xml");
        assertThat(r.body()).contains("visible").doesNotContain("spammy").contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">");
      }
    }

    @Test
    @DisplayName("a first anonymous poster's thread title and URL, by the API or the form, never become a feed's link"
        + " or title; the host's signed ones do (issue 13, finding 3)")
    void feeds_readerThreadMetadata_ignoredUnlessSigned() throws Exception {
      start();
      // the attack: the first anonymous post on a thread names the thread's title and URL, by the API and the form
      assertThat(http.json("POST", "/api/comments", "{\"thread\":\"p\",\"text\":\"first\","
          + "\"threadUrl\":\"https://evil.example/phish\",\"threadTitle\":\"Mine now\"}").status()).isEqualTo(201);
      assertThat(http.json("POST", "/api/comments", "{\"thread\":\"p2\",\"text\":\"first\",\"threadUrl\":\""
          + ORIGIN + "/posts/elsewhere\",\"threadTitle\":\"Same origin, still mine\"}").status()).isEqualTo(201);
      assertThat(http.json("POST", "/api/comments", "{\"thread\":\"p3\",\"text\":\"first\","
          + "\"threadUrl\":\"https://evil.example/x\",\"threadTitle\":\"Forged\",\"threadSignature\":\"AAAA\"}")
          .status()).isEqualTo(201);
      Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"")
          .matcher(http.get("/fragment?thread=q&return=/posts/q").body());
      assertThat(m.find()).isTrue();
      String token = m.group(1);
      clock.advance(Duration.ofSeconds(5));
      Reply form = http.form("/form", "thread=q&return=%2Fposts%2Fq&url=" + enc("https://evil.example/form")
          + "&title=" + enc("Form title") + "&token=" + enc(token) + "&text=first");
      assertThat(form.status()).as(form.body()).isEqualTo(303);
      for (String path : new String[] {"/feed.atom", "/feed/thread.atom?thread=p", "/feed/thread.atom?thread=p2",
          "/feed/thread.atom?thread=p3", "/feed/thread.atom?thread=q"}) {
        assertThat(http.get(path).body()).as(path).doesNotContain("evil.example").doesNotContain("/posts/elsewhere")
            .doesNotContain("Mine now").doesNotContain("still mine").doesNotContain("Forged")
            .doesNotContain("Form title");
      }
      for (String k : new String[] {"p", "p2", "p3", "q"}) {
        ThreadInfo info = comments.threadInfo(SiteId.DEFAULT, ThreadKey.of(k)).orElseThrow();
        assertThat(info.url()).as(k).isNull();
        assertThat(info.title()).as(k).isEmpty();
      }

      // the host's signature makes them count
      String sig = ThreadSignature.withSecret(SECRET).sign(SiteId.DEFAULT, ThreadKey.of("ok"), "Signed title",
          ORIGIN + "/posts/ok");
      assertThat(http.json("POST", "/api/comments", "{\"thread\":\"ok\",\"text\":\"fine\",\"threadTitle\":"
          + "\"Signed title\",\"threadUrl\":\"" + ORIGIN + "/posts/ok\",\"threadSignature\":\"" + sig + "\"}")
          .status()).isEqualTo(201);
      assertThat(http.get("/feed.atom").body()).contains("href=\"" + ORIGIN + "/posts/ok#comment-")
          .contains("Signed title");
    }

    @Test
    @DisplayName("the moderation page never shows a reader's thread title (issue 13, finding 3)")
    void admin_readerThreadTitle_notShown() throws Exception {
      start(ModerationMode.ALL, b -> {});
      assertThat(http.json("POST", "/api/comments", "{\"thread\":\"p\",\"text\":\"first\","
          + "\"threadUrl\":\"https://evil.example/phish\",\"threadTitle\":\"Click evil.example now\"}").status())
          .isEqualTo(201);
      Reply page = http.get("/admin", "X-Test-Moderator", "yes");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("first").doesNotContain("Click evil.example").doesNotContain("evil.example");
    }

    @Test
    @DisplayName("widget files are served versioned, immutable and gzipped, under 10 KB together")
    void assets() throws Exception {
      CommentsServlet servlet;
      start();
      Reply unversioned = http.get("/embed.js");
      assertThat(unversioned.status()).isEqualTo(200);
      assertThat(unversioned.header("Cache-Control")).contains("max-age=300");
      assertThat(unversioned.body()).as("embed.js as the build minified it, without the source's comments")
          .startsWith("'use strict';").doesNotContain("Talkback embed widget");
      Matcher m = Pattern.compile("/assets/[0-9a-f]+/").matcher(http.get("/fragment?thread=t").body());
      assertThat(m.find()).isTrue();
      int total = 0;
      for (String name : new String[] {"embed.js", "embed.css"}) {
        Reply r = http.get(m.group() + name, "Accept-Encoding", "gzip");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("immutable").contains("max-age=31536000");
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(new String(new GZIPInputStream(new java.io.ByteArrayInputStream(r.bytes())).readAllBytes(),
            StandardCharsets.UTF_8)).isNotEmpty();
        total += r.bytes().length;
      }
      assertThat(total).isLessThanOrEqualTo(10 * 1024);
    }

    @Test
    @DisplayName("health reports the store mode and cache to a moderator or the health token")
    void health() throws Exception {
      start(ModerationMode.NONE, b -> b.healthToken(HEALTH_TOKEN));
      for (String[] auth : new String[][] {{"X-Test-Moderator", "yes"}, {"Authorization", "Bearer " + HEALTH_TOKEN}}) {
        Reply r = http.get("/health", auth);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("ok");
        assertThat(r.json().path("store").path("mode").asText()).isEqualTo("READ_WRITE");
        assertThat(r.json().has("cache")).isTrue();
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
      }
    }

    @Test
    @DisplayName("health tells the public only its status: no spool path, driver error or counters")
    void health_publicSeesStatusOnly() throws Exception {
      start(ModerationMode.NONE, b -> b.healthToken(HEALTH_TOKEN));
      store.readOnly(SimulatedFallbackStore.Policy.SPOOL);
      for (String[] auth : new String[][] {{}, {"Authorization", "Bearer wrong-token-0123456789"},
          {"Authorization", "Bearer " + HEALTH_TOKEN + "x"}, {"Authorization", "Basic " + HEALTH_TOKEN},
          {"X-Test-Moderator", "no"}}) {
        Reply r = http.get("/health", auth);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("degraded");
        assertThat(r.json().size()).as(r.body()).isEqualTo(1);
      }
      assertThat(http.get("/health", "X-Test-Moderator", "yes").json().path("store").path("mode").asText())
          .isEqualTo("READ_ONLY");
    }
  }

  @Nested
  @DisplayName("Proof of work (ALTCHA)")
  class ProofOfWorkTests {
    void startPow() throws Exception {
      start(ModerationMode.NONE, b -> b.proofOfWork(true).proofOfWorkComplexity(2_000));
    }

    /** What the widget does: fetch a challenge, find its number, send the payload. */
    String solved() throws Exception {
      Reply r = http.get("/api/challenge");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.header("Cache-Control")).contains("no-store");
      JsonNode c = r.json();
      org.altcha.altcha.Altcha.Solution s = org.altcha.altcha.Altcha.solveChallenge(c.path("challenge").asText(),
          c.path("salt").asText(), org.altcha.altcha.Altcha.Algorithm.SHA256, c.path("maxnumber").asLong(), 0);
      assertThat(s).as("the challenge is solvable").isNotNull();
      return payload(c, s.number);
    }

    String payload(JsonNode c, long number) {
      String json = "{\"algorithm\":\"" + c.path("algorithm").asText() + "\",\"challenge\":\""
          + c.path("challenge").asText() + "\",\"number\":" + number + ",\"salt\":\"" + c.path("salt").asText()
          + "\",\"signature\":\"" + c.path("signature").asText() + "\"}";
      return java.util.Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    Reply postWith(String thread, String text, String altcha, String... headers) {
      return http.json("POST", "/api/comments", "{\"thread\":\"" + thread + "\",\"text\":\"" + text
          + "\",\"name\":\"Ada\",\"altcha\":\"" + altcha + "\"}", headers);
    }

    @Test
    @DisplayName("a solved challenge publishes; none, a forged, a reused or an expired one holds the comment for a"
        + " moderator and says so")
    void post_needsValidSolution() throws Exception {
      startPow();
      assertThat(http.get("/api/session").json().path("proofOfWork").asBoolean()).isTrue();
      assertThat(postWith("t", "solved", solved()).json().path("outcome").asText()).isEqualTo("published");

      Reply none = postWith("t", "bot without work", "");
      assertThat(none.status()).isEqualTo(201);
      assertThat(none.json().path("outcome").asText()).isEqualTo("pending");
      assertThat(none.json().path("moderationReason").asText()).contains("proof of work").contains("moderator");

      String once = solved();
      assertThat(postWith("t", "first use", once).json().path("outcome").asText()).isEqualTo("published");
      Reply reused = postWith("t", "second use", once);
      assertThat(reused.json().path("outcome").asText()).isEqualTo("pending");
      assertThat(reused.json().path("moderationReason").asText()).contains("used before");

      JsonNode c = http.get("/api/challenge").json();
      Reply wrong = postWith("t", "guessed", payload(c, 0 + (c.path("maxnumber").asLong() + 1)));
      assertThat(wrong.json().path("outcome").asText()).isEqualTo("pending");
      assertThat(wrong.json().path("moderationReason").asText()).contains("did not check out");
      Reply garbage = postWith("t", "garbage", "bm90IGpzb24=");
      assertThat(garbage.json().path("outcome").asText()).isEqualTo("pending");

      String late = solved();
      clock.advance(Duration.ofMinutes(31));
      Reply expired = postWith("t", "too late", late);
      assertThat(expired.json().path("outcome").asText()).isEqualTo("pending");
      assertThat(expired.json().path("moderationReason").asText()).contains("expired");

      assertThat(comments.moderation().pending(SiteId.DEFAULT, 10)).extracting(x -> x.source())
          .containsExactlyInAnyOrder("bot without work", "second use", "guessed", "garbage", "too late");
    }

    @Test
    @DisplayName("a logged-in reader needs no proof of work; the no-JS form's anonymous posts wait for a moderator")
    void post_loggedInAndForm() throws Exception {
      startPow();
      assertThat(http.get("/api/session", "X-Test-User", "u1").json().path("proofOfWork").asBoolean()).isFalse();
      assertThat(postWith("t", "member", "", "X-Test-User", "u1").json().path("outcome").asText())
          .isEqualTo("published");
      Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"")
          .matcher(http.get("/fragment?thread=t&return=/posts/t").body());
      assertThat(m.find()).isTrue();
      clock.advance(Duration.ofSeconds(5));
      Reply form = http.form("/form", "thread=t&return=%2Fposts%2Ft&token=" + enc(m.group(1))
          + "&name=Bo&text=" + enc("no javascript here"));
      assertThat(form.status()).as(form.body()).isEqualTo(303);
      assertThat(form.header("Location")).isEqualTo("/posts/t#talkback-pending");
      assertThat(comments.moderation().pending(SiteId.DEFAULT, 10)).extracting(x -> x.source())
          .containsExactly("no javascript here");
    }

    @Test
    @DisplayName("with proof of work off there is no challenge and posts need none")
    void off_noChallenge() throws Exception {
      start();
      assertProblem(http.get("/api/challenge"), 404, "not_found");
      assertThat(http.get("/api/session").json().path("proofOfWork").asBoolean()).isFalse();
      assertThat(post("t", "plain").json().path("outcome").asText()).isEqualTo("published");
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
