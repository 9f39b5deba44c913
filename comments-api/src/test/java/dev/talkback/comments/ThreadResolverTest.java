package dev.talkback.comments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.memory.InMemoryCommentStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The host's {@link dev.talkback.comments.spi.ThreadResolver} is authoritative for thread metadata. */
class ThreadResolverTest {
  private static final SiteId SITE = SiteId.DEFAULT;
  private static final ThreadKey KEY = ThreadKey.of("posts/hello");

  private final InMemoryCommentStore store = new InMemoryCommentStore();
  private final Map<ThreadKey, ThreadInfo> host = new ConcurrentHashMap<>();
  private final Comments comments = Comments.builder().store(store)
      .threadResolver((site, key) -> Optional.ofNullable(host.get(key))).build();

  private NewComment.Builder claiming(String title, String url) {
    return NewComment.builder(KEY).threadTitle(title).threadUrl(url).author(Author.named("Mallory")).text("first!");
  }

  @Test
  @DisplayName("the first poster's title and URL lose to the host's, in the store and on every read")
  void post_hostWinsOverFirstPoster() {
    host.put(KEY, new ThreadInfo(SITE, KEY, "Hello, world", "https://blog.example/hello", false));
    comments.post(claiming("Mine now", "https://evil.example/").build());
    assertThat(store.threadInfo(SITE, KEY)).get().extracting(ThreadInfo::title, ThreadInfo::url)
        .containsExactly("Hello, world", "https://blog.example/hello");
    assertThat(comments.threadInfo(SITE, KEY)).contains(host.get(KEY));
    assertThat(comments.thread(SITE, KEY, ThreadPageRequest.DEFAULT).info()).contains(host.get(KEY));
  }

  @Test
  @DisplayName("a title the host changes is shown at once and stored with the next post")
  void post_hostRenames() {
    host.put(KEY, new ThreadInfo(SITE, KEY, "Old", "https://blog.example/old", false));
    comments.post(claiming("x", "https://evil.example/").build());
    host.put(KEY, new ThreadInfo(SITE, KEY, "New", "https://blog.example/new", false));
    assertThat(comments.thread(SITE, KEY, ThreadPageRequest.DEFAULT).info().orElseThrow().title()).isEqualTo("New");
    comments.post(NewComment.builder(KEY).author(Author.named("Ada")).text("second").build());
    assertThat(store.threadInfo(SITE, KEY).orElseThrow().url()).isEqualTo("https://blog.example/new");
  }

  @Test
  @DisplayName("a thread the host closed refuses posts, whatever the store says")
  void post_hostClosed_refused() {
    comments.post(claiming("t", "https://blog.example/t").build());
    host.put(KEY, new ThreadInfo(SITE, KEY, "Hello", null, true));
    assertThatThrownBy(() -> comments.post(NewComment.builder(KEY).author(Author.named("Ada")).text("late").build()))
        .isInstanceOf(ThreadClosedException.class);
    assertThat(comments.thread(SITE, KEY, ThreadPageRequest.DEFAULT).closed()).isTrue();
  }

  @Test
  @DisplayName("an answer for another thread is a host bug, reported as such")
  void resolver_wrongKey_fails() {
    Comments wrong = Comments.builder().store(store)
        .threadResolver((site, key) -> Optional.of(ThreadInfo.of(site, ThreadKey.of("other"), "x"))).build();
    assertThatThrownBy(() -> wrong.threadInfo(SITE, KEY)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("other");
  }

  @Test
  @DisplayName("a hold requested by the caller (no proof of work, over a limit) keeps the comment pending with its reason")
  void post_holdForModeration_pending() {
    PostResult r = comments.post(NewComment.builder(KEY).author(Author.named("Ada")).text("hi")
        .holdForModeration("its proof of work did not check out").build());
    assertThat(r.outcome()).isEqualTo(PostResult.Outcome.PENDING);
    assertThat(r.moderationReason()).contains("its proof of work did not check out");
  }
}
