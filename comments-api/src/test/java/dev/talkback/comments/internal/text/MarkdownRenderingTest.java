package dev.talkback.comments.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.Format;
import org.junit.jupiter.api.Test;

class MarkdownRenderingTest {
  private static final String REL = " rel=\"nofollow ugc noopener\"";
  private final TextPipeline pipeline = new TextPipeline(ContentPolicy.defaults());
  private final TextPipeline withImages = new TextPipeline(ContentPolicy.builder().allowImages(true).build());

  private String html(String markdown) {
    return pipeline.render(markdown, Format.MARKDOWN).html();
  }

  @Test
  void render_emphasisStrongCodeAndStrikethroughHtml() {
    assertThat(html("*em* _em_ **strong** `code` <del>gone</del>"))
        .isEqualTo("<p><em>em</em> <em>em</em> <strong>strong</strong> <code>code</code> <del>gone</del></p>");
  }

  @Test
  void render_paragraphsAndSoftBreaks() {
    assertThat(html("one\ntwo\n\nthree")).isEqualTo("<p>one\ntwo</p>\n<p>three</p>");
  }

  @Test
  void render_hardBreak_becomesBr() {
    assertThat(html("one  \ntwo")).isEqualTo("<p>one<br>\ntwo</p>");
  }

  @Test
  void render_link_getsRelAndLosesTitle() {
    assertThat(html("[docs](https://example.org/docs \"The docs\")"))
        .isEqualTo("<p><a href=\"https://example.org/docs\"" + REL + ">docs</a></p>");
  }

  @Test
  void render_mailtoLink_kept() {
    assertThat(html("[mail me](mailto:ada@example.org)"))
        .isEqualTo("<p><a href=\"mailto:ada@example.org\"" + REL + ">mail me</a></p>");
  }

  @Test
  void render_javascriptLink_droppedKeepingText() {
    assertThat(html("[click](javascript:alert(1)) [here](JaVaScRiPt:alert(1))")).isEqualTo("<p>click here</p>");
  }

  @Test
  void render_relativeLink_droppedKeepingText() {
    assertThat(html("[admin](/admin) [up](../x) [frag](#top) [proto](//evil.example)"))
        .isEqualTo("<p>admin up frag proto</p>");
  }

  @Test
  void render_referenceLink_resolved() {
    assertThat(html("[ref][1]\n\n[1]: https://example.org"))
        .isEqualTo("<p><a href=\"https://example.org\"" + REL + ">ref</a></p>");
  }

  @Test
  void render_angleBracketAutolink_linked() {
    assertThat(html("<https://example.org/x>"))
        .isEqualTo("<p><a href=\"https://example.org/x\"" + REL + ">https://example.org/x</a></p>");
  }

  @Test
  void render_bareUrl_autolinked() {
    assertThat(html("read https://example.org/a_b and www.example.org."))
        .isEqualTo("<p>read <a href=\"https://example.org/a_b\"" + REL + ">https://example.org/a_b</a> and "
            + "<a href=\"https://www.example.org\"" + REL + ">www.example.org</a>.</p>");
  }

  @Test
  void render_urlInsideCode_notLinked() {
    assertThat(html("`https://example.org`\n\n    https://example.org/indented"))
        .isEqualTo("<p><code>https://example.org</code></p>\n<pre><code>https://example.org/indented\n</code></pre>");
  }

  @Test
  void render_fencedCode_escapedAndLanguageClassDropped() {
    assertThat(html("```java\nif (a < b && c) {}\n```"))
        .isEqualTo("<pre><code>if (a &lt; b &amp;&amp; c) {}\n</code></pre>");
  }

  @Test
  void render_heading_becomesBoldParagraph() {
    assertThat(html("# Big\n\n## Smaller\n\nSetext\n===")).isEqualTo(
        "<p><strong>Big</strong></p>\n<p><strong>Smaller</strong></p>\n<p><strong>Setext</strong></p>");
  }

  @Test
  void render_thematicBreak_dropped() {
    assertThat(html("above\n\n---\n\nbelow")).isEqualTo("<p>above</p>\n<p>below</p>");
  }

  @Test
  void render_listsAndQuotes_kept() {
    assertThat(html("> quoted\n\n- a\n- b\n\n1. one\n2. two")).isEqualTo(
        "<blockquote>\n<p>quoted</p>\n</blockquote>\n<ul><li>a</li><li>b</li></ul>\n<ol><li>one</li><li>two</li></ol>");
  }

  @Test
  void render_image_withoutImages_becomesLinkLabelledWithAltText() {
    assertThat(html("![a cat](https://example.org/cat.png)"))
        .isEqualTo("<p><a href=\"https://example.org/cat.png\"" + REL + ">a cat</a></p>");
  }

  @Test
  void render_imageWithoutAlt_withoutImages_linkLabelledWithUrl() {
    assertThat(html("![](https://example.org/cat.png)")).isEqualTo(
        "<p><a href=\"https://example.org/cat.png\"" + REL + ">https://example.org/cat.png</a></p>");
  }

  @Test
  void render_image_withImages_isImg() {
    assertThat(withImages.render("![a cat](https://example.org/cat.png \"title\")", Format.MARKDOWN).html())
        .isEqualTo("<p><img src=\"https://example.org/cat.png\" alt=\"a cat\"></p>");
  }

  @Test
  void render_imageWithUnsafeSource_withImages_dropped() {
    Rendered r = withImages.render("x ![a](javascript:alert(1)) ![b](data:image/png;base64,AAAA) ![c](/rel.png)",
        Format.MARKDOWN);
    assertThat(r.html()).isEqualTo("<p>x   </p>");
  }

  @Test
  void render_rawHtml_sanitizedNotTrusted() {
    assertThat(html("Hi <b onclick=\"alert(1)\">there</b><script>alert(1)</script> <span style=\"x\">you</span>"))
        .isEqualTo("<p>Hi <b>there</b> you</p>");
  }

  @Test
  void render_rawHtmlBlock_sanitized() {
    assertThat(html("<div onclick=\"x\">\n<iframe src=\"https://evil.example\"></iframe>\n<em>kept</em>\n</div>"))
        .isEqualTo("<em>kept</em>");
  }

  @Test
  void render_indentedFirstLine_staysCodeBlock() {
    assertThat(html("    code first\n\ntext")).isEqualTo("<pre><code>code first\n</code></pre>\n<p>text</p>");
  }

  @Test
  void render_linkCountAndText() {
    Rendered r = pipeline.render("**Hi** [a](https://a.example)\n\n- https://b.example", Format.MARKDOWN);
    assertThat(r.linkCount()).isEqualTo(2);
    assertThat(r.text()).isEqualTo("Hi a\n\nhttps://b.example");
  }
}
