package dev.talkback.comments.akismet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.talkback.comments.Author;
import dev.talkback.comments.ClientInfo;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentRejectedException;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Akismet against a local HTTP server that speaks Akismet's documented protocol. */
class AkismetTest {
  private static final ThreadKey POST = ThreadKey.of("posts/hello");
  private static final String KEY = "test-key-123";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T10:00:00.123456Z"), ZoneOffset.UTC);

  /** What the fake Akismet answers next, and what it received. */
  private record Answer(int status, String body, Map<String, String> headers) {}

  private record Call(String path, Map<String, String> form) {}

  private HttpServer server;
  private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  private volatile Answer answer = new Answer(200, "false", Map.of());
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean hang;
  private Comments comments;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/1.1/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    if (comments != null) {
      comments.close();
    }
  }

  private void handle(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    String path = x.getRequestURI().getPath();
    calls.add(new Call(path, form));
    if (hang && path.endsWith("/comment-check")) {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Answer a = path.endsWith("/comment-check") ? answer
        : KEY.equals(form.get("api_key")) ? new Answer(200, "Thanks for making the web a better place.", Map.of())
        : new Answer(200, "invalid", Map.of("X-akismet-debug-help", "The API key is invalid"));
    if (!KEY.equals(form.get("api_key")) && path.endsWith("/comment-check")) {
      a = new Answer(200, "invalid", Map.of("X-akismet-debug-help", "We were unable to parse your blog URI"));
    }
    byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
    a.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
    x.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
    x.sendResponseHeaders(a.status(), out.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(out);
    }
  }

  private Akismet.Builder akismet(String key) {
    return Akismet.builder(key, "https://blog.example/")
        .endpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/1.1/"))
        .blogLanguage("en").deadline(Duration.ofSeconds(20)).clock(CLOCK); // generous: a loaded CI machine
  }

  private void build(Akismet a) {
    comments = Comments.builder().store(new InMemoryCommentStore()).clock(CLOCK).spamCheck(a)
        .threadResolver((site, key) -> java.util.Optional.of(
            new ThreadInfo(site, key, "Hello", "https://blog.example/hello", false)))
        .build();
  }

  private PostResult post(String text) {
    return comments.post(NewComment.builder(POST)
        .author(new Author("Ada", "ada@example.org", "https://ada.example", null)).text(text)
        .client(new ClientInfo("203.0.113.7", "Mozilla/5.0 (test)", "https://blog.example/hello", null)).build());
  }

  @Test
  @DisplayName("comment-check gets the fields Akismet documents; 'false' lets the comment through")
  void check_false_published() throws Exception {
    build(akismet(KEY).build());
    PostResult r = post("A thoughtful comment");
    assertThat(r.outcome()).isEqualTo(PostResult.Outcome.PUBLISHED);
    Call c = calls.poll(5, TimeUnit.SECONDS);
    assertThat(c.path()).isEqualTo("/1.1/comment-check");
    assertThat(c.form()).containsEntry("api_key", KEY).containsEntry("blog", "https://blog.example/")
        .containsEntry("user_ip", "203.0.113.7").containsEntry("user_agent", "Mozilla/5.0 (test)")
        .containsEntry("referrer", "https://blog.example/hello").containsEntry("permalink", "https://blog.example/hello")
        .containsEntry("comment_type", "comment").containsEntry("comment_author", "Ada")
        .containsEntry("comment_author_email", "ada@example.org").containsEntry("comment_author_url", "https://ada.example")
        .containsEntry("comment_content", "A thoughtful comment")
        .containsEntry("comment_date_gmt", "2026-05-01T10:00:00.123456Z").containsEntry("blog_lang", "en")
        .containsEntry("blog_charset", "UTF-8").doesNotContainKey("is_test");
  }

  @Test
  @DisplayName("'true' holds the comment for a moderator; with the discard pro-tip it is refused and the author told")
  void check_true_heldOrRefused() {
    build(akismet(KEY).build());
    answer = new Answer(200, "true", Map.of());
    PostResult held = post("cheap pills");
    assertThat(held.outcome()).isEqualTo(PostResult.Outcome.PENDING);
    assertThat(held.moderationReason()).hasValueSatisfying(m -> assertThat(m).contains("spam filter flagged"));

    answer = new Answer(200, "true", Map.of("X-akismet-pro-tip", "discard"));
    assertThatThrownBy(() -> post("blatant spam")).isInstanceOf(CommentRejectedException.class)
        .hasMessageContaining("spam");
  }

  @Test
  @DisplayName("discardBlatantSpam(false) holds even blatant spam")
  void check_discard_heldWhenConfigured() {
    build(akismet(KEY).discardBlatantSpam(false).testMode(true).build());
    answer = new Answer(200, "true", Map.of("X-akismet-pro-tip", "discard"));
    assertThat(post("blatant spam").outcome()).isEqualTo(PostResult.Outcome.PENDING);
    assertThat(calls.peek().form()).containsEntry("is_test", "true");
  }

  @Test
  @DisplayName("an invalid key, an error status, a hang past the deadline or a closed port: the comment waits"
      + " for a moderator, never lost, never published unseen")
  void check_unavailable_held() throws Exception {
    build(akismet("wrong-key").build());
    PostResult invalid = post("with a bad key");
    assertThat(invalid.outcome()).isEqualTo(PostResult.Outcome.PENDING);
    assertThat(comments.find(SiteId.DEFAULT, invalid.comment().id())).isPresent();
    comments.close();

    build(akismet(KEY).build());
    answer = new Answer(500, "oops", Map.of());
    assertThat(post("while Akismet errs").outcome()).isEqualTo(PostResult.Outcome.PENDING);
    comments.close();

    answer = new Answer(200, "false", Map.of());
    hang = true;
    build(akismet(KEY).deadline(Duration.ofMillis(500)).build());
    PostResult slow = post("while Akismet hangs");
    assertThat(slow.outcome()).isEqualTo(PostResult.Outcome.PENDING);
    assertThat(slow.moderationReason()).hasValueSatisfying(m -> assertThat(m).contains("could not be reached"));
    comments.close();

    int port = server.getAddress().getPort();
    server.stop(0);
    comments = Comments.builder().store(new InMemoryCommentStore()).clock(CLOCK)
        .spamCheck(Akismet.builder(KEY, "https://blog.example/")
            .endpoint(URI.create("http://127.0.0.1:" + port + "/1.1/")).deadline(Duration.ofMillis(500)).build())
        .build();
    PostResult down = post("while Akismet is down");
    assertThat(down.outcome()).isEqualTo(PostResult.Outcome.PENDING);
    assertThat(comments.moderation().pending(SiteId.DEFAULT, 10)).extracting(Comment::source)
        .containsExactly("while Akismet is down");
  }

  @Test
  @DisplayName("a moderator marking as spam what Akismet passed sends submit-spam; approving what it flagged sends"
      + " submit-ham; both with the check's fields")
  void moderation_reportsToAkismet() throws Exception {
    build(akismet(KEY).build());
    PostResult missed = post("sneaky spam");
    Call check = calls.poll(5, TimeUnit.SECONDS);
    comments.moderation().markSpam(SiteId.DEFAULT, missed.comment().id());
    Call spam = calls.poll(5, TimeUnit.SECONDS);
    assertThat(spam).isNotNull();
    assertThat(spam.path()).isEqualTo("/1.1/submit-spam");
    assertThat(spam.form()).isEqualTo(check.form());

    answer = new Answer(200, "true", Map.of());
    PostResult flagged = post("an honest comment");
    assertThat(flagged.outcome()).isEqualTo(PostResult.Outcome.PENDING);
    calls.poll(5, TimeUnit.SECONDS);
    Comment approved = comments.moderation().approve(SiteId.DEFAULT, flagged.comment().id());
    assertThat(approved.status()).isEqualTo(CommentStatus.APPROVED);
    Call ham = calls.poll(5, TimeUnit.SECONDS);
    assertThat(ham).isNotNull();
    assertThat(ham.path()).isEqualTo("/1.1/submit-ham");
    assertThat(ham.form()).containsEntry("comment_content", "an honest comment").containsEntry("user_ip", "203.0.113.7");
  }

  @Test
  @DisplayName("a comment without its client (an edit, host code) is not sent: Akismet needs the address")
  void check_noClient_notSent() {
    build(akismet(KEY).build());
    PostResult r = comments.post(NewComment.builder(POST).author(Author.named("Host")).text("from code").build());
    assertThat(r.outcome()).isEqualTo(PostResult.Outcome.PUBLISHED);
    assertThat(calls).isEmpty();
  }

  @Test
  void builder_badArguments_refusedAtOnce() {
    assertThatThrownBy(() -> Akismet.builder(" ", "https://blog.example/")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Akismet.builder(KEY, "blog.example")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Akismet.builder(KEY, "https://b.example/").endpoint(URI.create("ftp://x/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Akismet.builder(KEY, "https://b.example/").deadline(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
