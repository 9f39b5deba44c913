package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.ThreadKey;
import org.junit.jupiter.api.Test;

class ThreadKeyMappingTest {
  @Test
  void keyFor_default_isThePathWithoutQueryOrFragment() {
    assertThat(ThreadKeyMapping.path().keyFor("https://blog.example/2014/hello/?utm_source=feed&replytocom=3#c3"))
        .contains(ThreadKey.of("/2014/hello/"));
    assertThat(ThreadKeyMapping.path().keyFor("https://blog.example")).contains(ThreadKey.of("/"));
  }

  @Test
  void keyFor_wordPressPostNumber_isKept() {
    ThreadKeyMapping m = ThreadKeyMapping.path();

    assertThat(m.keyFor("http://blog.example/?p=42")).contains(ThreadKey.of("/?p=42"));
    assertThat(m.keyFor("http://blog.example/?page_id=7&preview=true")).contains(ThreadKey.of("/?page_id=7"));
    assertThat(m.keyFor("http://blog.example/blog/?post_type=product&p=9#comments"))
        .contains(ThreadKey.of("/blog/?p=9"));
    assertThat(m.keyFor("http://blog.example/?p=draft")).as("not a number").contains(ThreadKey.of("/"));
    assertThat(ThreadKeyMapping.builder().rule("http://blog.example/", "posts/").build()
        .keyFor("https://blog.example/?p=42")).contains(ThreadKey.of("posts/?p=42"));
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
  void keyFor_charactersAUrlMayNotHold_areEncodedAsBrowsersDo() {
    assertThat(ThreadKeyMapping.path().keyFor("http://x.example/a b/{draft}|1?q=1#c#d"))
        .contains(ThreadKey.of("/a%20b/%7Bdraft%7D%7C1"));
    assertThat(ThreadKeyMapping.path().keyFor("http://x.example/100%/")).contains(ThreadKey.of("/100%25/"));
    assertThat(ThreadKeyMapping.path().keyFor("http://x.example/caf%C3%A9/")).contains(ThreadKey.of("/caf%C3%A9/"));
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
