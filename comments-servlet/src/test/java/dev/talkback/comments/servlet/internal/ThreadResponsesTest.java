package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPage;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ready JSON of a thread page is kept with the cached page, and the cache's weight counts it. */
class ThreadResponsesTest {
  private static final ThreadKey KEY = ThreadKey.of("posts/weighed");
  private final Comments comments = Comments.builder().store(new InMemoryCommentStore()).build();
  private final ThreadResponses responses = new ThreadResponses(
      new Avatars(new Secrets("0123456789abcdef".getBytes(StandardCharsets.UTF_8)), id -> Optional.empty()));

  @AfterEach
  void tearDown() {
    comments.close();
  }

  /**
   * The cache's weight once Caffeine's maintenance has run: it applies writes on its executor (the common
   * pool) after they return, so a weight read at once can miss the last one on a busy machine.
   */
  private long weight() {
    assertThat(ForkJoinPool.commonPool().awaitQuiescence(20, TimeUnit.SECONDS)).as("cache maintenance done").isTrue();
    return comments.health().cache().weight();
  }

  @Test
  void prepare_keepsTheJsonWithThePage_andTheWeightCountsIt() {
    for (int i = 0; i < 10; i++) {
      comments.post(NewComment.builder(KEY).author(Author.named("reader " + i)).text("comment number " + i).build());
    }
    ThreadPage page = comments.thread(SiteId.DEFAULT, KEY, ThreadPageRequest.DEFAULT);
    long before = weight();

    ThreadResponses.Prepared first = responses.prepare(comments, page, ThreadPageRequest.DEFAULT, null);
    long after = weight();

    assertThat(responses.prepare(comments, page, ThreadPageRequest.DEFAULT, null)).isSameAs(first);
    assertThat(first.heapBytes()).isGreaterThan(first.json().length + first.etag().length());
    assertThat(after - before).isEqualTo(first.heapBytes());
    // another write state replaces the kept rendering: its weight replaces the old one's
    ThreadResponses.Prepared queued = responses.prepare(comments, page, ThreadPageRequest.DEFAULT, "queued");
    assertThat(queued).isNotSameAs(first);
    assertThat(weight() - before).isEqualTo(queued.heapBytes());
  }

  @Test
  void prepare_aChangedThread_dropsTheOldJsonWithItsPage() {
    comments.post(NewComment.builder(KEY).author(Author.named("a")).text("first").build());
    ThreadPage page = comments.thread(SiteId.DEFAULT, KEY, ThreadPageRequest.DEFAULT);
    ThreadResponses.Prepared old = responses.prepare(comments, page, ThreadPageRequest.DEFAULT, null);

    comments.post(NewComment.builder(KEY).author(Author.named("b")).text("second").build());
    ThreadPage now = comments.thread(SiteId.DEFAULT, KEY, ThreadPageRequest.DEFAULT);
    ThreadResponses.Prepared fresh = responses.prepare(comments, now, ThreadPageRequest.DEFAULT, null);

    assertThat(fresh).isNotSameAs(old);
    assertThat(new String(fresh.json(), StandardCharsets.UTF_8)).contains("second");
    // the old page is no longer the cached one: preparing it again makes new bytes and keeps none
    assertThat(responses.prepare(comments, page, ThreadPageRequest.DEFAULT, null)).isNotSameAs(old);
    assertThat(responses.prepare(comments, now, ThreadPageRequest.DEFAULT, null)).isSameAs(fresh);
  }

  @Test
  void prepare_gzipVariant_madeWithTheJson_andWeighedWithIt() throws Exception {
    for (int i = 0; i < 20; i++) {
      comments.post(NewComment.builder(KEY).author(Author.named("reader " + i))
          .text("comment number " + i + ", long enough that gzip has something to find in it").build());
    }
    ThreadPage page = comments.thread(SiteId.DEFAULT, KEY, ThreadPageRequest.DEFAULT);
    long before = weight();

    ThreadResponses.Prepared p = responses.prepare(comments, page, ThreadPageRequest.DEFAULT, null);
    long made = weight() - before;

    assertThat(new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(p.gzip())).readAllBytes(),
        StandardCharsets.UTF_8)).isEqualTo(new String(p.json(), StandardCharsets.UTF_8));
    assertThat(p.gzip().length).isLessThan(p.json().length / 2);
    assertThat(p.heapBytes()).isGreaterThan(p.json().length + p.gzip().length + p.etag().length() + p.gzipEtag().length());
    assertThat(made).isEqualTo(p.heapBytes());
    assertThat(p.gzipEtag()).isEqualTo(p.etag().substring(0, p.etag().length() - 1) + "-gz\"");
    // serving either variant makes nothing more: the weight the cache was given is the weight it holds
    Response gz = p.respond("gzip, deflate, br", null);
    Response plain = p.respond(null, null);
    assertThat(gz.body()).isSameAs(p.gzip());
    assertThat(gz.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(gz.header("ETag")).isEqualTo(p.gzipEtag());
    assertThat(plain.body()).isSameAs(p.json());
    assertThat(plain.header("Content-Encoding")).isNull();
    assertThat(plain.header("ETag")).isEqualTo(p.etag());
    assertThat(responses.prepare(comments, page, ThreadPageRequest.DEFAULT, null)).isSameAs(p);
    assertThat(weight() - before).isEqualTo(made);
  }

  @Test
  void respond_ifNoneMatch_perVariant() {
    comments.post(NewComment.builder(KEY).author(Author.named("a")).text("first").build());
    ThreadPage page = comments.thread(SiteId.DEFAULT, KEY, ThreadPageRequest.DEFAULT);
    ThreadResponses.Prepared p = responses.prepare(comments, page, ThreadPageRequest.DEFAULT, null);

    assertThat(p.respond("gzip", p.gzipEtag()).status()).isEqualTo(304);
    assertThat(p.respond("gzip", p.gzipEtag()).header("ETag")).isEqualTo(p.gzipEtag());
    assertThat(p.respond(null, p.etag()).status()).isEqualTo(304);
    // an ETag names one variant: the other one is sent in full
    assertThat(p.respond("gzip", p.etag()).status()).isEqualTo(200);
    assertThat(p.respond(null, p.gzipEtag()).status()).isEqualTo(200);
    assertThat(p.respond("gzip", "\"other\", W/" + p.gzipEtag()).status()).isEqualTo(304);
    assertThat(p.respond("identity", "*").status()).isEqualTo(304);
  }
}
