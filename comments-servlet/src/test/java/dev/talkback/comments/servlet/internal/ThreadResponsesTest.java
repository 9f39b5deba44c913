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

  @Test
  void prepare_keepsTheJsonWithThePage_andTheWeightCountsIt() {
    for (int i = 0; i < 10; i++) {
      comments.post(NewComment.builder(KEY).author(Author.named("reader " + i)).text("comment number " + i).build());
    }
    ThreadPage page = comments.thread(SiteId.DEFAULT, KEY, ThreadPageRequest.DEFAULT);
    long before = comments.health().cache().weight();

    ThreadResponses.Prepared first = responses.prepare(comments, page, ThreadPageRequest.DEFAULT, null);
    long after = comments.health().cache().weight();

    assertThat(responses.prepare(comments, page, ThreadPageRequest.DEFAULT, null)).isSameAs(first);
    assertThat(first.heapBytes()).isGreaterThan(first.json().length + first.etag().length());
    assertThat(after - before).isEqualTo(first.heapBytes());
    // another write state replaces the kept rendering: its weight replaces the old one's
    ThreadResponses.Prepared queued = responses.prepare(comments, page, ThreadPageRequest.DEFAULT, "queued");
    assertThat(queued).isNotSameAs(first);
    assertThat(comments.health().cache().weight() - before).isEqualTo(queued.heapBytes());
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
}
