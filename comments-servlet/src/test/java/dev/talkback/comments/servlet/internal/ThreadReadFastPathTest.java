package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.RateLimit;
import dev.talkback.comments.servlet.internal.CommentsHandlerTest.TestRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cached thread read's fast path: a query string seen before is not parsed again ({@link ThreadQueries}),
 * and the page comes from the read cache with its ready bytes. Whatever is kept, a change to the thread is
 * in the next read, and every variant (gzip, 304, HEAD) and parameter still means what it did.
 */
class ThreadReadFastPathTest {
  private static final ThreadKey K = ThreadKey.of("k");
  private final Comments comments = Comments.builder().store(new InMemoryCommentStore()).build();
  private final CommentsHandler handler = new CommentsHandler(new Settings(comments, SiteId.DEFAULT,
      Set.of("https://blog.example"), new Secrets("0123456789abcdef".getBytes(StandardCharsets.UTF_8)), 4096,
      RateLimit.unlimited(), RateLimit.unlimited(), RateLimit.unlimited(), Duration.ofSeconds(3), Duration.ofDays(1),
      null, null));

  @AfterEach
  void tearDown() {
    comments.close();
  }

  private CommentId post(String site, ThreadKey key, String text) {
    return comments.post(NewComment.builder(key).site(SiteId.of(site)).author(Author.named("reader")).text(text)
        .build()).comment().id();
  }

  private Response read(String method, @Nullable String query, String... headers) {
    Map<String, String> h = new HashMap<>();
    h.put("Host", "comments.test");
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], headers[i + 1]);
    }
    return handler.handle(new TestRequest(method, "/api/thread", query, h, new byte[0]));
  }

  private Response get(@Nullable String query, String... headers) {
    return read("GET", query, headers);
  }

  @Test
  void sameQuery_seesEveryNewCommentAndModeration() {
    post("default", K, "first words");
    Response a = get("thread=k");
    assertThat(a.bodyText()).contains("first words");

    CommentId second = post("default", K, "second words");
    Response b = get("thread=k");
    assertThat(b.bodyText()).contains("first words", "second words");
    assertThat(b.header("ETag")).isNotEqualTo(a.header("ETag"));

    comments.moderation().remove(SiteId.DEFAULT, second);
    Response c = get("thread=k");
    assertThat(c.bodyText()).contains("first words").doesNotContain("second words");
    assertThat(c.header("ETag")).isNotEqualTo(b.header("ETag"));
    // unchanged since: the very same bytes
    assertThat(get("thread=k").body()).isSameAs(c.body());
  }

  @Test
  void etag_answers304PerVariant_untilTheThreadChanges() throws IOException {
    post("default", K, "hello");
    Response plain = get("thread=k");
    String etag = plain.header("ETag");
    assertThat(etag).isNotNull();

    Response notModified = get("thread=k", "If-None-Match", etag);
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.header("ETag")).isEqualTo(etag);

    Response gz = get("thread=k", "Accept-Encoding", "gzip, deflate");
    assertThat(gz.status()).isEqualTo(200);
    assertThat(gz.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(gz.header("Vary")).isEqualTo("Origin, Accept-Encoding");
    String gzEtag = gz.header("ETag");
    assertThat(gzEtag).isNotEqualTo(etag);
    assertThat(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes()).isEqualTo(plain.body());
    assertThat(get("thread=k", "Accept-Encoding", "gzip", "If-None-Match", gzEtag).status()).isEqualTo(304);
    assertThat(get("thread=k", "Accept-Encoding", "gzip", "If-None-Match", etag).status())
        .as("the plain variant's ETag does not name the gzip one").isEqualTo(200);

    post("default", K, "changed");
    Response after = get("thread=k", "If-None-Match", etag);
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.bodyText()).contains("changed");
    assertThat(get("thread=k", "Accept-Encoding", "gzip", "If-None-Match", gzEtag).status()).isEqualTo(200);
  }

  @Test
  void head_answersAsGetWould() {
    post("default", K, "hello");
    Response g = get("thread=k");
    Response h = read("HEAD", "thread=k");
    assertThat(h.status()).isEqualTo(200);
    assertThat(h.header("ETag")).isEqualTo(g.header("ETag"));
    assertThat(h.header("Content-Type")).isEqualTo("application/json");
    assertThat(read("HEAD", "thread=k", "If-None-Match", g.header("ETag")).status()).isEqualTo(304);
  }

  @Test
  void parameters_keepTheirMeaning_whateverWasReadBefore() {
    post("default", K, "older");
    post("default", K, "newer");
    post("other", K, "on another site");
    for (int round = 0; round < 2; round++) { // the second round is answered from the kept parses
      assertThat(get("thread=k&utm_source=feed").bodyText()).as("unknown parameters are ignored")
          .isEqualTo(get("thread=k").bodyText());
      String oldest = get("thread=k&sort=oldest").bodyText();
      String newest = get("sort=newest&thread=k").bodyText();
      assertThat(oldest.indexOf("older")).isLessThan(oldest.indexOf("newer"));
      assertThat(newest.indexOf("newer")).isLessThan(newest.indexOf("older"));
      assertThat(get("thread=k&limit=1").bodyText()).contains("older").doesNotContain("newer");
      assertThat(get("thread=k&site=other").bodyText()).contains("on another site").doesNotContain("older");
      assertThat(get("thread=k").bodyText()).doesNotContain("on another site");
      assertThat(get("thread=%6B").bodyText()).as("decoded as before").isEqualTo(get("thread=k").bodyText());
      assertThat(get("thread=k&limit=0").status()).as("refused every time").isEqualTo(422);
      assertThat(get("thread=k&sort=sideways").status()).isEqualTo(422);
      assertThat(get("thread=k&site=no%20spaces").status()).isEqualTo(422);
      assertThat(get("thread=").status()).isEqualTo(422);
      assertThat(get(null).status()).isEqualTo(422);
    }
  }

  @Test
  void queriesSharingASlot_eachReadTheirOwnThread() {
    ThreadKey b = ThreadKey.of("b");
    post("default", K, "in thread k");
    post("default", b, "in thread b");
    String first = "thread=k&n=0";
    String second = null;
    for (int n = 1; second == null; n++) {
      String q = "thread=b&n=" + n;
      if (((q.hashCode() ^ (q.hashCode() >>> 16)) & (ThreadQueries.SLOTS - 1))
          == ((first.hashCode() ^ (first.hashCode() >>> 16)) & (ThreadQueries.SLOTS - 1))) {
        second = q;
      }
    }
    for (int i = 0; i < 3; i++) {
      assertThat(get(first).bodyText()).contains("in thread k").doesNotContain("in thread b");
      assertThat(get(second).bodyText()).contains("in thread b").doesNotContain("in thread k");
    }
  }

  @Test
  void threadQueries_keepOnlyShortQueries_andAnswerOnlyTheirOwn() {
    ThreadQueries q = new ThreadQueries();
    ThreadQueries.Parsed p = new ThreadQueries.Parsed("thread=k", SiteId.DEFAULT, K,
        dev.talkback.comments.ThreadPageRequest.DEFAULT);
    assertThat(q.get("thread=k")).isNull();
    q.put(p);
    assertThat(q.get("thread=k")).isSameAs(p);
    assertThat(q.get(new String("thread=k".toCharArray()))).as("by value, not identity").isSameAs(p);
    assertThat(q.get("thread=j")).isNull();
    assertThat(q.get(null)).isNull();
    String longQuery = "thread=k&pad=" + "x".repeat(ThreadQueries.MAX_KEPT_CHARS);
    q.put(new ThreadQueries.Parsed(longQuery, SiteId.DEFAULT, K, dev.talkback.comments.ThreadPageRequest.DEFAULT));
    assertThat(q.get(longQuery)).isNull();
  }
}
