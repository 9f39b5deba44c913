package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The escape-by-construction HTML writer. */
class HtmlWriterTest {

  @Test
  void text_isEscaped() {
    String html = new HtmlWriter(16).tag("p").text("<script>alert('x')</script> & \"q\"").end().html();
    assertThat(html).isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>");
  }

  @Test
  void attr_valueIsEscapedAndNullIsLeftOut() {
    String html = new HtmlWriter(16).tag("a").attr("href", "\" onclick=\"x").attr("title", null).text("t").end()
        .html();
    assertThat(html).isEqualTo("<a href=\"&quot; onclick=&quot;x\">t</a>");
  }

  @Test
  void tag_voidElementsNeedNoEnd() {
    String html = new HtmlWriter(16).tag("p").tag("input").attr("value", "v").flag("required", true)
        .flag("disabled", false).end().html();
    assertThat(html).isEqualTo("<p><input value=\"v\" required></p>");
  }

  @Test
  void tag_nameThatIsNotAName_isRefused() {
    assertThatThrownBy(() -> new HtmlWriter(16).tag("p onclick=x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HtmlWriter(16).tag("p").attr("x=\"y\"", "z"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void attr_outsideAStartTag_isRefused() {
    assertThatThrownBy(() -> new HtmlWriter(16).tag("p").text("x").attr("class", "c"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void html_withOpenElements_isRefused() {
    assertThatThrownBy(() -> new HtmlWriter(16).tag("div").tag("p").end().html())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("div");
  }

  @Test
  void sanitizedBody_isTheOnlyRawMarkup() {
    Comment c = Comment.builder().id(new CommentId(UUID.randomUUID())).site(SiteId.DEFAULT).thread(ThreadKey.of("t"))
        .author(Author.named("Ada")).source("hi").html("<p>hi <b>there</b></p>").created(Instant.EPOCH).build();
    String html = new HtmlWriter(16).tag("div").sanitizedBody(c).end().html();
    assertThat(html).isEqualTo("<div><p>hi <b>there</b></p></div>");
  }
}
