package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Comments;
import dev.talkback.comments.memory.InMemoryCommentStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The builder refuses, at once, settings that would weaken the origin checks. */
class CommentsServletBuilderTest {
  private final Comments comments = Comments.builder().store(new InMemoryCommentStore()).build();

  @AfterEach
  void tearDown() {
    comments.close();
  }

  @Test
  void allowedOrigins_oddOrigin_isRefused() {
    for (String odd : new String[] {"https://user@blog.example", "https://blog.example/posts", "https://blog.example?x",
        "blog.example", "ftp://blog.example", "https://blog.example\\@evil.example", "https:// blog.example"}) {
      assertThatThrownBy(() -> CommentsServlet.builder(comments).allowedOrigins(odd)).as(odd)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatCode(() -> CommentsServlet.builder(comments).allowedOrigins("https://BLOG.example:443", "http://a.example/",
        "http://[::1]:8080")).doesNotThrowAnyException();
  }

  @Test
  void healthToken_short_isRefused() {
    assertThatThrownBy(() -> CommentsServlet.builder(comments).healthToken("short"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16");
    assertThatThrownBy(() -> CommentsServlet.builder(comments).healthToken("with a space 0123456789"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publicUrl_withUserInfo_isRefused() {
    assertThatThrownBy(() -> CommentsServlet.builder(comments).publicUrl("https://blog.example@evil.example/c"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
