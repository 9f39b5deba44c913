package dev.talkback.comments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The value types that key the read cache compare by value (their equals and hashCode are written out). */
class KeyEqualityTest {
  @Test
  void threadPageRequest_equalByEveryComponent() {
    ThreadPageRequest a = new ThreadPageRequest(CommentSort.NEWEST, "c1", 20);
    assertThat(a).isEqualTo(new ThreadPageRequest(CommentSort.NEWEST, "c1", 20))
        .hasSameHashCodeAs(new ThreadPageRequest(CommentSort.NEWEST, "c1", 20));
    assertThat(a).isNotEqualTo(new ThreadPageRequest(CommentSort.OLDEST, "c1", 20))
        .isNotEqualTo(new ThreadPageRequest(CommentSort.NEWEST, "c2", 20))
        .isNotEqualTo(new ThreadPageRequest(CommentSort.NEWEST, null, 20))
        .isNotEqualTo(new ThreadPageRequest(CommentSort.NEWEST, "c1", 21))
        .isNotEqualTo(null)
        .isNotEqualTo("c1");
    assertThat(ThreadPageRequest.first(CommentSort.OLDEST, 50)).isEqualTo(ThreadPageRequest.DEFAULT)
        .hasSameHashCodeAs(ThreadPageRequest.DEFAULT);
  }

  @Test
  void siteAndThreadKey_equalByValue() {
    assertThat(SiteId.of("blog")).isEqualTo(SiteId.of("blog")).hasSameHashCodeAs(SiteId.of("blog"))
        .isNotEqualTo(SiteId.of("blog2")).isNotEqualTo(ThreadKey.of("blog"));
    assertThat(ThreadKey.of("posts/a")).isEqualTo(ThreadKey.of("posts/a")).hasSameHashCodeAs(ThreadKey.of("posts/a"))
        .isNotEqualTo(ThreadKey.of("posts/b")).isNotEqualTo(SiteId.of("a"));
  }
}
