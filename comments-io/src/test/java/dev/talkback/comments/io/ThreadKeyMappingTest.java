package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.ThreadKey;
import org.junit.jupiter.api.Test;

class ThreadKeyMappingTest {
  @Test
  void keyFor_default_isThePathWithoutQueryOrFragment() {
    assertThat(ThreadKeyMapping.path().keyFor("https://blog.example/2014/hello/?p=1#c3"))
        .contains(ThreadKey.of("/2014/hello/"));
    assertThat(ThreadKeyMapping.path().keyFor("https://blog.example")).contains(ThreadKey.of("/"));
  }

  @Test
  void keyFor_hostRule_matchesHttpAndHttpsAndOnlyThatHost() {
    ThreadKeyMapping m = ThreadKeyMapping.builder().rule("http://Old.Example/blog/", "posts/")
        .stripTrailingSlash(true).build();

    assertThat(m.keyFor("https://old.example/blog/hello/")).contains(ThreadKey.of("posts/hello"));
    assertThat(m.keyFor("http://old.example/blog/hello")).contains(ThreadKey.of("posts/hello"));
    assertThat(m.keyFor("https://new.example/blog/hello/")).contains(ThreadKey.of("/blog/hello"));
  }

  @Test
  void keyFor_firstMatchingRuleWins() {
    ThreadKeyMapping m = ThreadKeyMapping.builder().rule("/2014/", "old/").rule("/", "").build();

    assertThat(m.keyFor("https://x.example/2014/a")).contains(ThreadKey.of("old/a"));
    assertThat(m.keyFor("https://x.example/b")).contains(ThreadKey.of("b"));
    assertThat(m.keyFor("https://x.example/")).as("nothing left is no key").isEmpty();
  }

  @Test
  void keyFor_unparseableUrl_isEmpty() {
    assertThat(ThreadKeyMapping.path().keyFor("http://bad host/ x")).isEmpty();
  }

  @Test
  void rule_withoutHostOrSlash_isRefused() {
    assertThatThrownBy(() -> ThreadKeyMapping.builder().rule("blog/", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path prefix");
  }
}
