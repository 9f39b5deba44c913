package dev.talkback.examples.demoblog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.testkit.Await;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, finding 2: the demo crash-looped when it was restarted during an outage with comments in its
 * spool (its startup read counts, which the read-only store refused). It must start, serve pages, and
 * replay the spool once the database is back.
 */
class DemoRestartTest {
  @TempDir Path data;

  @Test
  @DisplayName("restarted during an outage with queued comments: starts, serves pages, replays when the database is back")
  void restartDuringOutage_withQueuedComments_startsAndReplaysLater() throws Exception {
    ThreadKey thread = ThreadKey.of(Post.ALL.get(0).threadKey());
    PostResult queued;
    // the first run: the database goes down and a reader's comment is queued; then the process stops
    DemoStore first = DemoStore.open(data);
    try (DemoBlog blog = DemoBlog.start(new InetSocketAddress("127.0.0.1", 0), first.store(), first,
        first.outageSwitch(), Clock.systemUTC(), List.of())) {
      first.outageSwitch().down(true);
      queued = blog.comments().post(NewComment.builder(thread).author(Author.named("Reader"))
          .text("Queued while the database was down").build());
      assertThat(queued.outcome()).isEqualTo(PostResult.Outcome.QUEUED);
    }

    // the second run starts while the database is still down, with that comment in the spool
    DemoStore second = DemoStore.open(data, true);
    try (DemoBlog blog = DemoBlog.start(new InetSocketAddress("127.0.0.1", 0), second.store(), second,
        second.outageSwitch(), Clock.systemUTC(), List.of())) {
      FallbackCommentStore store = (FallbackCommentStore) second.store();
      assertThat(store.mode()).isEqualTo(StoreMode.READ_ONLY);
      assertThat(get(blog, "/").statusCode()).isEqualTo(200);
      assertThat(get(blog, "/posts/" + Post.ALL.get(0).slug()).statusCode()).isEqualTo(200);
      assertThat(store.health().spoolDepth()).isEqualTo(1);

      second.outageSwitch().down(false);
      Await.until("the spool replayed", () -> store.mode() == StoreMode.READ_WRITE && store.health().spoolDepth() == 0);
      assertThat(blog.comments().find(SiteId.DEFAULT, queued.comment().id())).isPresent();
    }
  }

  private static HttpResponse<String> get(DemoBlog blog, String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + blog.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
