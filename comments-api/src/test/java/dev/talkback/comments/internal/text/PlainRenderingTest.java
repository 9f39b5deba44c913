package dev.talkback.comments.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.Format;
import org.junit.jupiter.api.Test;

class PlainRenderingTest {
  private static final String REL = " rel=\"nofollow ugc noopener\"";
  private final TextPipeline pipeline = new TextPipeline(ContentPolicy.defaults());

  private Rendered render(String source) {
    return pipeline.render(source, Format.PLAIN);
  }

  @Test
  void render_markup_isEscaped() {
    assertThat(render("<b>bold</b> & <script>alert(\"x\")</script>").html())
        .isEqualTo("<p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(\"x\")&lt;/script&gt;</p>");
  }

  @Test
  void render_entities_areShownLiterally() {
    assertThat(render("&lt;b&gt; &amp;amp;").html()).isEqualTo("<p>&amp;lt;b&amp;gt; &amp;amp;amp;</p>");
  }

  @Test
  void render_blankLines_separateParagraphs() {
    assertThat(render("one\n\ntwo\n \t \n\n\nthree").html()).isEqualTo("<p>one</p>\n<p>two</p>\n<p>three</p>");
  }

  @Test
  void render_singleNewline_becomesBr() {
    assertThat(render("roses are red\nviolets are blue").html()).isEqualTo("<p>roses are red<br>violets are blue</p>");
  }

  @Test
  void render_windowsLineBreaks_treatedAsNewlines() {
    assertThat(render("a\r\nb\r\n\r\nc").html()).isEqualTo("<p>a<br>b</p>\n<p>c</p>");
  }

  @Test
  void render_httpAndHttpsUrls_linked() {
    assertThat(render("see http://example.org and https://example.org/a?b=1&c=2#d").html())
        .isEqualTo("<p>see <a href=\"http://example.org\"" + REL + ">http://example.org</a> and "
            + "<a href=\"https://example.org/a?b=1&amp;c=2#d\"" + REL + ">https://example.org/a?b=1&amp;c=2#d</a></p>");
  }

  @Test
  void render_wwwUrl_linkedWithHttps() {
    assertThat(render("go to www.example.org now").html())
        .isEqualTo("<p>go to <a href=\"https://www.example.org\"" + REL + ">www.example.org</a> now</p>");
  }

  @Test
  void render_trailingPunctuation_notPartOfLink() {
    assertThat(render("Look: https://example.org/page. Or https://example.org/x, https://example.org/y!").html())
        .contains(">https://example.org/page</a>. Or")
        .contains(">https://example.org/x</a>, ")
        .contains(">https://example.org/y</a>!</p>");
  }

  @Test
  void render_parenthesizedUrl_keepsOnlyBalancedParentheses() {
    String html = render("(see https://en.wikipedia.org/wiki/Java_(programming_language))").html();
    assertThat(html)
        .isEqualTo("<p>(see <a href=\"https://en.wikipedia.org/wiki/Java_%28programming_language%29\"" + REL
            + ">https://en.wikipedia.org/wiki/Java_(programming_language)</a>)</p>");
  }

  @Test
  void render_urlGluedToWord_notLinked() {
    assertThat(render("foohttp://example.org xwww.example.org").linkCount()).isZero();
  }

  @Test
  void render_urlWithoutDottedHost_notLinked() {
    assertThat(render("http://localhost:8080 http:// www. https://user@example.org").linkCount()).isZero();
  }

  @Test
  void render_javascriptAndEmail_notLinked() {
    Rendered r = render("javascript:alert(1) ada@example.org mailto:ada@example.org");
    assertThat(r.linkCount()).isZero();
    assertThat(r.html()).isEqualTo("<p>javascript:alert(1) ada@example.org mailto:ada@example.org</p>");
  }

  @Test
  void render_internationalDomain_linked() {
    assertThat(render("https://bücher.example/straße").html())
        .contains("<a href=\"https://bücher.example/straße\"" + REL + ">https://bücher.example/straße</a>");
  }

  @Test
  void render_linkCount_countsEveryLink() {
    assertThat(render("https://a.example https://b.example\n\nwww.c.example").linkCount()).isEqualTo(3);
  }

  @Test
  void render_text_isReadableText() {
    Rendered r = render("Hi <you> &\nsecond line\n\nhttps://example.org");
    assertThat(r.text()).isEqualTo("Hi <you> &\nsecond line\n\nhttps://example.org");
  }

  @Test
  void render_source_isNormalizedAndTrimmed() {
    assertThat(render("\n\n  hello\u200B world\r\n\n").source()).isEqualTo("  hello world");
  }

  @Test
  void render_multipleSpaces_keptInSourceCollapsedByBrowser() {
    Rendered r = render("a    b");
    assertThat(r.source()).isEqualTo("a    b");
    assertThat(r.text()).isEqualTo("a b");
  }
}
