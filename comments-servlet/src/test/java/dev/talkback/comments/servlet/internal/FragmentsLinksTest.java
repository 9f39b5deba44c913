package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FragmentsLinksTest {
  @Test
  void withQuery_addsReplyToOnceBeforeTheFragment() {
    assertThat(Fragments.withQuery("/posts/a", "replyTo=x")).isEqualTo("/posts/a?replyTo=x");
    assertThat(Fragments.withQuery("/posts/a?nojs=1#talkback", "replyTo=x")).isEqualTo("/posts/a?nojs=1&replyTo=x");
    assertThat(Fragments.withQuery("/posts/a?replyTo=old&nojs=1", "replyTo=x")).isEqualTo("/posts/a?nojs=1&replyTo=x");
    assertThat(Fragments.withQuery("/posts/a?nojs=1&replyTo=old", null)).isEqualTo("/posts/a?nojs=1");
    assertThat(Fragments.withQuery("", "replyTo=x")).isEqualTo("?replyTo=x");
  }
}
