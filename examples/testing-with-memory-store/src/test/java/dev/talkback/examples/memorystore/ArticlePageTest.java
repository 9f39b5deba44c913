package dev.talkback.examples.memorystore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.testkit.FaultInjectingStore;
import dev.talkback.comments.testkit.MutableClock;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How a host tests its own pages with Talkback: the in-memory store instead of a database, behind the
 * testkit's {@link FaultInjectingStore} whose switches ({@code failReads}, {@code failWrites}) rehearse an
 * outage, and the testkit's {@link MutableClock} for Talkback's clock.
 */
class ArticlePageTest {
  private final FaultInjectingStore store = new FaultInjectingStore(new InMemoryCommentStore());
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private Comments comments;
  private HostApp app;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void startHost() throws Exception {
    comments = Comments.builder().store(store).clock(clock).build();
    app = HostApp.start(comments);
    comments.post(NewComment.builder(ThreadKey.of("article")).author(Author.named("Ada")).text("First!").build());
  }

  @AfterEach
  void stopHost() throws Exception {
    app.close();
    comments.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(app.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @DisplayName("the article shows its comments and the comment form")
  void article_showsComments() throws Exception {
    HttpResponse<String> page = get("/article");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>An article</h1>").contains("First!").contains("<form class=\"tb-form\"");
  }

  @Test
  @DisplayName("when the comment database cannot be read, the article still renders its last known comments")
  void article_readsFail_stillRenders() throws Exception {
    get("/article");
    store.failReads(true);
    HttpResponse<String> page = get("/article");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>An article</h1>").contains("First!");
  }

  @Test
  @DisplayName("when the comment database refuses writes, a reader's comment is refused with the text kept")
  void form_writesFail_keepsTheText() throws Exception {
    String page = get("/article").body();
    Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).isTrue();
    clock.advance(Duration.ofSeconds(10)); // a reader takes a while to type: past the form's time trap
    store.failWrites(true);
    String form = "thread=article&return=%2Farticle&token=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)
        + "&name=Bo&text=" + URLEncoder.encode("Please keep this text", StandardCharsets.UTF_8);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.uri().resolve("/comments/form"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(r.body()).contains("Please keep this text</textarea>");
    store.recover();
    assertThat(get("/article").body()).doesNotContain("Please keep this text");
  }
}
