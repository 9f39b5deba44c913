package dev.talkback.comments.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.Format;
import org.junit.jupiter.api.Test;

class HtmlRenderingTest {
  private static final String REL = " rel=\"nofollow ugc noopener\"";
  private final TextPipeline pipeline = new TextPipeline(ContentPolicy.defaults());
  private final TextPipeline withImages = new TextPipeline(ContentPolicy.builder().allowImages(true).build());

  private String html(String source) {
    return pipeline.render(source, Format.HTML).html();
  }

  @Test
  void render_allowedSubset_kept() {
    String html = "<p>a<br><em>b</em><strong>c</strong><i>d</i><b>e</b><code>f</code><del>g</del></p>"
        + "<pre>h</pre><blockquote>i</blockquote><ul><li>j</li></ul><ol><li>k</li></ol>";
    assertThat(html(html)).isEqualTo(html);
  }

  @Test
  void render_disallowedElements_droppedKeepingText() {
    assertThat(html("<div><span>a</span><h1>b</h1><u>c</u><table><tr><td>d</td></tr></table></div>"))
        .isEqualTo("abcd");
  }

  @Test
  void render_scriptStyleAndIframe_droppedWithTheirContent() {
    assertThat(html("a<script>alert(1)</script>b<style>p{}</style>c<iframe>d</iframe>e<noscript>f</noscript>"))
        .isEqualTo("abce");
  }

  @Test
  void render_attributesOtherThanHref_dropped() {
    assertThat(html("<p id=\"x\" class=\"y\" style=\"color:red\" title=\"t\" onclick=\"alert(1)\">text</p>"))
        .isEqualTo("<p>text</p>");
  }

  @Test
  void render_link_getsExactlyNofollowUgcNoopener() {
    assertThat(html("<a href=\"https://example.org\" target=\"_blank\" rel=\"opener author\" title=\"t\">x</a>"))
        .isEqualTo("<a href=\"https://example.org\"" + REL + ">x</a>");
  }

  @Test
  void render_linkWithUnsafeOrRelativeHref_droppedKeepingText() {
    assertThat(html("<a href=\"javascript:alert(1)\">a</a> <a href=\"/admin\">b</a> <a href=\"//evil.example\">c</a> "
        + "<a href=\"data:text/html,x\">d</a> <a>e</a>")).isEqualTo("a b c d e");
  }

  @Test
  void render_hrefWithSpacesAndParentheses_percentEncoded() {
    assertThat(html("<a href=\"  https://example.org/a b(c)  \">x</a>"))
        .isEqualTo("<a href=\"https://example.org/a%20b%28c%29\"" + REL + ">x</a>");
  }

  @Test
  void render_img_withoutImages_dropped() {
    assertThat(html("<p>a<img src=\"https://example.org/a.png\" alt=\"pic\">b</p>")).isEqualTo("<p>ab</p>");
  }

  @Test
  void render_img_withImages_keepsOnlySrcAndAlt() {
    assertThat(withImages.render("<img alt=\"pic\" width=\"9\" src=\"https://example.org/a.png\" onerror=\"x\">",
        Format.HTML).html()).isEqualTo("<img src=\"https://example.org/a.png\" alt=\"pic\">");
  }

  @Test
  void render_imgWithoutHttpSource_withImages_dropped() {
    Rendered r = withImages.render("x<img src=\"data:image/png;base64,AA\" alt=\"a\"><img src=\"mailto:a@b.example\">"
        + "<img src=\"/rel.png\"><img alt=\"no src\">", Format.HTML);
    assertThat(r.html()).isEqualTo("x");
  }

  @Test
  void render_imageOnly_withImages_isNotEmpty() {
    assertThat(withImages.render("<img src=\"https://example.org/a.png\">", Format.HTML).html())
        .isEqualTo("<img src=\"https://example.org/a.png\">");
  }

  @Test
  void render_entityEncodedBidiOverride_removed() {
    assertThat(html("<p>&#x202E;txt.exe&#8238;</p>")).isEqualTo("<p>txt.exe</p>");
  }

  @Test
  void render_entityEncodedDecomposedText_normalized() {
    assertThat(html("Cafe&#x301;")).isEqualTo("Café");
  }

  @Test
  void render_bareUrl_autolinkedOutsideLinksAndCode() {
    assertThat(html("<p>see https://example.org <code>https://example.org</code> "
        + "<a href=\"https://x.example\">https://y.example</a></p>"))
        .isEqualTo("<p>see <a href=\"https://example.org\"" + REL + ">https://example.org</a> "
            + "<code>https://example.org</code> <a href=\"https://x.example\"" + REL + ">https://y.example</a></p>");
  }

  @Test
  void render_nestedLinks_notNested() {
    assertThat(html("<a href=\"https://a.example\">a<a href=\"https://b.example\">b</a></a>"))
        .isEqualTo("<a href=\"https://a.example\"" + REL + ">a</a><a href=\"https://b.example\"" + REL + ">b</a>");
  }

  @Test
  void render_unclosedTags_closed() {
    assertThat(html("<p><b>bold <i>both")).isEqualTo("<p><b>bold <i>both</i></b></p>");
  }

  @Test
  void render_listItemOutsideList_wrappedInList() {
    assertThat(html("<li>a</li><li>b</li>")).isEqualTo("<ul><li>a</li><li>b</li></ul>");
  }

  @Test
  void render_textDirectlyInList_wrappedInItem() {
    assertThat(html("<ul>loose<li>item</li></ul>")).isEqualTo("<ul><li>loose</li><li>item</li></ul>");
  }

  @Test
  void render_commentsAndDoctype_dropped() {
    assertThat(html("<!DOCTYPE html><!-- secret -->a<![CDATA[b]]>")).isEqualTo("a");
  }

  @Test
  void render_surroundingWhitespace_trimmed() {
    assertThat(html("\n\n  <p>a</p>\n\n")).isEqualTo("<p>a</p>");
  }

  @Test
  void render_output_isIdempotent() {
    String first = html("<p>Hi <a href=\"https://example.org/(x)\">x</a> &amp; www.example.org <li>y</p>");
    assertThat(html(first)).isEqualTo(first);
  }

  @Test
  void render_text_keepsBlocksApart() {
    Rendered r = pipeline.render("<p>one <b>two</b></p><ul><li>a</li><li>b</li></ul><pre>x\n  y</pre>", Format.HTML);
    assertThat(r.text()).isEqualTo("one two\n\na\nb\n\nx\n  y");
  }
}
