package dev.talkback.comments.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.Format;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** The sanitizer's invariants over arbitrary input and over input assembled from dangerous fragments. */
class SanitizerProperties {
  private static final TextPipeline NO_IMAGES = new TextPipeline(ContentPolicy.defaults());
  private static final TextPipeline IMAGES = new TextPipeline(ContentPolicy.builder().allowImages(true).build());

  /** Pieces of markup, URLs and characters that attacks and parser edge cases are made of. */
  private static final List<String> FRAGMENTS = List.of(
      "<script>", "</script>", "<SCRIPT SRC=//evil.example/x.js>", "<img", "<img src=x", " src=", " onerror=",
      " onclick=\"", "alert(1)", "\"", "'", "`", ">", "<", "/", "/>", "=", "&", ";", "&#", "x6A", "&#106;", "&#x09;",
      "&colon;", "&lt;", "&gt;", "&quot;", "&amp;", "javascript:", "JaVaScRiPt:", "java\tscript:", "java\nscript:",
      "vbscript:", "data:text/html,", "data:image/svg+xml,", "<a href=\"", "<a href=", "\">", "</a>", "<a>",
      "https://ok.example/", "http://ok.example", "www.ok.example", "mailto:a@ok.example", "//evil.example",
      "<p>", "</p>", "<b>", "</b>", "<i>", "<em>", "</em>", "<strong>", "<code>", "</code>", "<pre>", "</pre>",
      "<blockquote>", "<ul>", "</ul>", "<ol>", "<li>", "</li>", "<br>", "<del>", "<div>", "</div>", "<span>",
      "<svg>", "</svg>", "<svg onload=alert(1)>", "<math>", "<mtext>", "<mglyph>", "<style>", "</style>",
      "<iframe>", "<iframe src=", "<object data=", "<embed src=", "<form action=", "<button formaction=",
      "<input", "<meta http-equiv=refresh content=", "<base href=", "<link href=", "<noscript>", "</noscript>",
      "<template>", "</template>", "<textarea>", "</textarea>", "<title>", "<xmp>", "<plaintext>", "<select>",
      "<table>", "<td>", "<option>", "<!--", "-->", "--!>", "<![CDATA[", "]]>", "<?", "?>", "<!DOCTYPE html>",
      " style=\"x:expression(alert(1))\"", " target=_blank", " rel=opener", " xlink:href=",
      "[x](", "[x]: ", "![", "](", ")", "(", "<javascript:alert(1)>", "<https://ok.example>", "*", "**", "_", "`",
      "```", "    ", "# ", "> ", "- ", "1. ", "---", "\\", "\n", "\n\n", "\r\n", "\t", " ", "\u00A0",
      "\u0000", "\u0001", "\u007F", "\u0085", "\u200B", "\u200D", "\u202E", "\u2066", "\uFEFF", "\u0338", "\u0301",
      "e", "\uD83D\uDC68", "\uD83D", "\uDE00", "\uFE0F", "\u2028", "text", "a b", "x.y");

  @Property(tries = 1500)
  void render_dangerousFragments_safeAndIdempotent(
      @ForAll("dangerous") String source, @ForAll Format format, @ForAll boolean images) {
    SafeHtml.assertSafeAndIdempotent(images ? IMAGES : NO_IMAGES, source, format);
  }

  @Property(tries = 1000)
  void render_arbitraryString_safeAndIdempotent(
      @ForAll @StringLength(max = 300) String source, @ForAll Format format, @ForAll boolean images) {
    SafeHtml.assertSafeAndIdempotent(images ? IMAGES : NO_IMAGES, source, format);
  }

  @Property(tries = 1500)
  void renderHtml_dangerousFragments_sameSourceHtmlAndViolationsAsRender(
      @ForAll("dangerous") String source, @ForAll Format format, @ForAll boolean images) {
    // CommentRenderer (importers) skips building the plain text; what it returns and refuses must not change.
    TextPipeline pipeline = images ? IMAGES : NO_IMAGES;
    List<CommentValidationException.Violation> violations = new ArrayList<>();
    Rendered full = pipeline.render(source, format, violations);
    try {
      RenderedHtml fast = pipeline.renderHtml(source, format);
      assertThat(full).isNotNull();
      assertThat(fast.source()).isEqualTo(full.source());
      assertThat(fast.html()).isEqualTo(full.html());
    } catch (CommentValidationException e) {
      assertThat(full).isNull();
      assertThat(e.violations()).isEqualTo(violations);
    }
  }

  @Property(tries = 500)
  void render_anyOutput_sanitizingItAloneIsStable(@ForAll("dangerous") String source, @ForAll Format format) {
    // The OWASP policy on its own output (through the pipeline's tree) must not find anything more to drop.
    Rendered rendered = NO_IMAGES.render(source, format, new java.util.ArrayList<>());
    if (rendered != null) {
      String policyOnly = HtmlPolicies.forContent(ContentPolicy.defaults()).sanitize(rendered.html());
      assertThat(SafeHtml.problemsInAnyRelOrder(policyOnly, false)).isEmpty();
      assertThat(policyOnly).doesNotContainIgnoringCase("<script");
    }
  }

  @Provide
  Arbitrary<String> dangerous() {
    return Arbitraries.of(FRAGMENTS).list().ofMaxSize(30).map(parts -> String.join("", parts));
  }
}
