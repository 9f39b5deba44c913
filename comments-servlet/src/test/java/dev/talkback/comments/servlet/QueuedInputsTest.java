package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.Comments;
import dev.talkback.comments.Format;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.JettyContainer;
import dev.talkback.comments.testkit.Await;
import dev.talkback.comments.testkit.FaultInjectingStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 3 of issue 14: during an outage, nothing is answered "queued" that the database will refuse when it
 * is back. A real {@link FallbackCommentStore} with a file spool, its primary down, behind the servlet in Jetty:
 * every input no store can keep is refused with a 422 naming the field, nothing is queued, and what was queued
 * is all stored on replay (nothing set aside).
 */
class QueuedInputsTest {
  @TempDir Path dir;
  private final FaultInjectingStore primary = new FaultInjectingStore(new InMemoryCommentStore());
  private FileWriteSpool spool;
  private FallbackCommentStore store;
  private Comments comments;
  private Container container;
  private Http http;

  @BeforeEach
  void start() throws Exception {
    spool = FileWriteSpool.open(dir.resolve("spool.log"));
    store = FallbackCommentStore.builder().primary(primary).spool(spool).probeInterval(Duration.ofMillis(50))
        .readDeadline(Duration.ofSeconds(2)).writeDeadline(Duration.ofSeconds(2)).build();
    comments = Comments.builder().store(store).build();
    container = new JettyContainer();
    http = new Http(container.start(CommentsServlet.builder(comments).allowedOrigins("https://blog.example")
        .secret("queued-inputs-secret-0123".getBytes(StandardCharsets.UTF_8))
        .postsPerClient(RateLimit.unlimited()).postsPerThread(RateLimit.unlimited()).build()));
    primary.failReads(true);
    primary.failWrites(true);
    assertThat(post("{\"thread\":\"t\",\"text\":\"the first, queued\",\"name\":\"Ada\"}").status()).isEqualTo(202);
    assertThat(store.mode()).isEqualTo(StoreMode.READ_ONLY);
    assertThat(spool.depth()).isEqualTo(1);
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

  private Http.Reply post(String json) {
    return http.json("POST", "/api/comments", json);
  }

  @Test
  void readOnly_inputNoStoreKeeps_isRefusedOverHttp_andNothingIsQueued() {
    String[][] bad = {
        {"thread", "{\"thread\":\"key\\ud800\",\"text\":\"x\",\"name\":\"Ada\"}"},
        {"thread", "{\"thread\":\"\\udc00key\",\"text\":\"x\",\"name\":\"Ada\"}"},
        {"thread", "{\"thread\":\"a\\u0000b\",\"text\":\"x\",\"name\":\"Ada\"}"},
        {"thread", "{\"thread\":\"" + "k".repeat(256) + "\",\"text\":\"x\",\"name\":\"Ada\"}"},
        {"threadUrl", "{\"thread\":\"t\",\"threadUrl\":\"https://blog.example/a\\u0000b\",\"text\":\"x\",\"name\":\"Ada\"}"},
        {"threadUrl", "{\"thread\":\"t\",\"threadUrl\":\"https://blog.example/\\ud800\",\"text\":\"x\",\"name\":\"Ada\"}"},
        {"threadUrl", "{\"thread\":\"t\",\"threadUrl\":\"https://blog.example/\\udfff\\ud800\",\"text\":\"x\"}"},
        {"threadUrl", "{\"thread\":\"t\",\"threadUrl\":\"https://blog.example/" + "u".repeat(5000) + "\",\"text\":\"x\"}"},
        {"author.name", "{\"thread\":\"t\",\"text\":\"x\",\"name\":\"" + "n".repeat(101) + "\"}"},
        {"author.email", "{\"thread\":\"t\",\"text\":\"x\",\"name\":\"Ada\",\"email\":\"" + "e".repeat(250) + "@x.org\"}"},
        {"threadTitle", "{\"thread\":\"t\",\"text\":\"x\",\"threadTitle\":\"" + "t".repeat(301) + "\"}"},
        {"text", "{\"thread\":\"t\",\"text\":\"" + "w".repeat(10_001) + "\"}"},
    };
    for (String[] b : bad) {
      Http.Reply r = post(b[1]);
      assertThat(r.status()).as("%s -> %s", b[0], r).isEqualTo(422);
      assertThat(r.type()).startsWith("application/problem+json");
      JsonNode j = r.json();
      assertThat(j.path("errors").findValuesAsText("field")).as(r.body()).contains(b[0]);
      assertThat(j.path("detail").asText()).isNotBlank();
    }
    assertThat(spool.depth()).as("nothing refused was queued").isEqualTo(1);
  }

  @Test
  void readOnly_textThatNormalizationCleans_isQueued_andEverythingQueuedIsStoredOnReplay() {
    // NUL and lone surrogates in the text and author fields are removed or replaced before anything else,
    // so these are queued; the replay must then store every queued comment, setting none aside.
    assertThat(post("{\"thread\":\"t\",\"text\":\"a\\u0000b\\ud800c\",\"name\":\"Ad\\u0000a\\udc00\"}").status())
        .isEqualTo(202);
    assertThat(post("{\"thread\":\"t\\ud83d\\ude00\",\"text\":\"emoji key\",\"threadUrl\":\"https://blog.example/p\"}")
        .status()).isEqualTo(202);
    assertThat(spool.depth()).isEqualTo(3);

    primary.recover();
    Await.until("the spool is replayed", () -> store.mode() == StoreMode.READ_WRITE && spool.depth() == 0);
    assertThat(spool.setAsideCount()).as("nothing set aside").isZero();
    // queued comments wait as pending until the checks that needed the database run again, on the next read
    assertThat(http.get("/api/thread?thread=t").status()).isEqualTo(200);
    assertThat(comments.counts(SiteId.DEFAULT, List.of(ThreadKey.of("t"), ThreadKey.of("t\uD83D\uDE00"))))
        .containsEntry(ThreadKey.of("t"), 2).containsEntry(ThreadKey.of("t\uD83D\uDE00"), 1);
  }

  @Test
  void readOnly_fallbackStoreItself_refusesWhatNoStoreKeeps_beforeQueueing() {
    ThreadKey key = ThreadKey.of("direct");
    Comment ok = Comment.builder().id(new CommentId(UUID.randomUUID())).site(SiteId.DEFAULT).thread(key)
        .author(Author.named("Ada")).source("fine").format(Format.PLAIN).html("<p>fine</p>")
        .status(CommentStatus.APPROVED).created(Instant.parse("2026-01-01T00:00:00Z")).build();
    ThreadInfo nulUrl = new ThreadInfo(SiteId.DEFAULT, key, "T", "https://blog.example/\u0000", false);
    ThreadInfo surrogateTitle = new ThreadInfo(SiteId.DEFAULT, key, "T\uD800", null, false);
    ThreadInfo fine = ThreadInfo.of(SiteId.DEFAULT, key, "T");
    List<Comment> badComments = List.of(
        ok.toBuilder().source("a\u0000b").build(),
        ok.toBuilder().html("<p>\uDC00</p>").build(),
        ok.toBuilder().author(Author.named("Ada\uD800")).build(),
        ok.toBuilder().ipHash("h\u0000").build(),
        ok.toBuilder().author(Author.named("Ada").withEmail("x".repeat(600) + "@example.org")).build(),
        ok.toBuilder().created(Instant.MAX).build());
    assertThatThrownBy(() -> store.insert(nulUrl, ok)).isInstanceOf(CommentValidationException.class)
        .hasMessageContaining("threadUrl").hasMessageContaining("NUL");
    assertThatThrownBy(() -> store.insert(surrogateTitle, ok)).isInstanceOf(CommentValidationException.class)
        .hasMessageContaining("threadTitle").hasMessageContaining("surrogate");
    for (Comment c : badComments) {
      assertThatThrownBy(() -> store.insert(fine, c)).isInstanceOf(CommentValidationException.class);
    }
    assertThatThrownBy(() -> comments.post(NewComment.builder(key).threadUrl("https://blog.example/\uD800")
        .author(Author.named("Ada")).text("x").build()))
        .isInstanceOf(CommentValidationException.class).hasMessageContaining("threadUrl");
    assertThat(spool.depth()).as("nothing refused was queued").isEqualTo(1);
    assertThat(store.insert(fine, ok).outcome().name()).isEqualTo("QUEUED");
    assertThat(spool.depth()).isEqualTo(2);
  }
}
