package dev.talkback.examples.memorystore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.testkit.Await;
import dev.talkback.comments.testkit.FaultInjectingStore;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's pages in Talkback's read-only mode, as production runs it: the in-memory store as the
 * primary behind a {@link FallbackCommentStore} with a file spool. The testkit's {@link FaultInjectingStore}
 * in front of it breaks its reads and writes: the database outage.
 */
class ReadOnlyModeTest {
  @TempDir
  Path dir;
  private final FaultInjectingStore database = new FaultInjectingStore(new InMemoryCommentStore());
  private FallbackCommentStore store;
  private Comments comments;
  private HostApp app;
  private volatile Duration skew = Duration.ZERO;
  /**
   * Real time plus a skew the test moves: the form's time trap reads Talkback's clock, and the read-only
   * mode needs time to pass (a testkit MutableClock would stand still).
   */
  private final java.time.Clock clock = new java.time.Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(skew);
    }
  };
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    store = FallbackCommentStore.builder().primary(database).spool(FileWriteSpool.open(dir.resolve("spool.log")))
        .probeInterval(Duration.ofMillis(200)).build();
    comments = Comments.builder().store(store).clock(clock).build();
    comments.post(NewComment.builder(ThreadKey.of("article")).author(Author.named("Ada")).text("Before the outage").build());
    app = HostApp.start(comments);
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
    comments.close();
    store.close();
  }

  private String page() throws Exception {
    return http.send(HttpRequest.newBuilder(app.uri().resolve("/article")).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  @DisplayName("during an outage the article says comments are queued, queues a new one, and shows it once the database is back")
  void outage_queuesAndRecovers() throws Exception {
    String before = page();
    database.failWrites(true);
    database.failReads(true);

    Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(before);
    assertThat(m.find()).isTrue();
    String token = URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    skew = Duration.ofSeconds(5); // a reader takes a few seconds to type: past the form's time trap
    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(app.uri().resolve("/comments/form"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("thread=article&return=%2Farticle&token=" + token
            + "&name=Bo&text=Written+during+the+outage")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(303);
    assertThat(posted.headers().firstValue("Location").orElseThrow()).isEqualTo("/article#talkback-queued");

    String during = page();
    assertThat(during).contains("Before the outage").contains("tb-readonly").contains("saved and will appear");
    assertThat(store.health().spoolDepth()).isEqualTo(1);

    database.recover();
    Await.until("the queued comment is published and the banner gone", () -> {
      String after = page();
      return after.contains("Written during the outage") && !after.contains("tb-readonly");
    });
    assertThat(page()).contains("Written during the outage").doesNotContain("tb-readonly");
  }
}
