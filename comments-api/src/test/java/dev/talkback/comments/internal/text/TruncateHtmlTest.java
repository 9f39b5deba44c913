package dev.talkback.comments.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.talkback.comments.ContentPolicy;
import org.jsoup.Jsoup;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

class TruncateHtmlTest {
  private final TextPipeline pipeline = new TextPipeline(ContentPolicy.defaults());

  /** The documented measure: text nodes' characters, white-space runs once, blank nodes (between blocks) none. */
  private static int textLength(String html) {
    StringBuilder all = new StringBuilder();
    Jsoup.parseBodyFragment(html).body().traverse((node, depth) -> {
      if (node instanceof TextNode && !((TextNode) node).isBlank()) {
        all.append(((TextNode) node).getWholeText().replaceAll("\\s+", " "));
      }
    });
    return all.codePointCount(0, all.length());
  }

  @Test
  void truncateHtml_fits_returnedUnchanged() {
    String html = "<p>short <b>one</b></p>";
    assertThat(pipeline.truncateHtml(html, 9)).isSameAs(html);
  }

  @Test
  void truncateHtml_long_cutAtWordWithEllipsisInsideOpenElements() {
    assertThat(pipeline.truncateHtml("<p>The <b>quick brown</b> fox</p><p>jumps</p>", 12))
        .isEqualTo("<p>The <b>quick…</b></p>");
  }

  @Test
  void truncateHtml_cut_removesEverythingAfter() {
    String html = "<ul><li>first item</li><li>second item</li></ul><p>after</p>";
    assertThat(pipeline.truncateHtml(html, 15)).isEqualTo("<ul><li>first item</li><li>…</li></ul>");
  }

  @Test
  void truncateHtml_cutInsideLink_keepsLinkWellFormed() {
    String html = "<p>see <a href=\"https://example.org\" rel=\"nofollow ugc noopener\">the long article</a> now</p>";
    assertThat(pipeline.truncateHtml(html, 13))
        .isEqualTo("<p>see <a href=\"https://example.org\" rel=\"nofollow ugc noopener\">the long…</a></p>");
  }

  @Test
  void truncateHtml_result_textWithinLimitAndSafe() {
    String html = pipeline.render("# Title\n\nSome **bold** text and a [link](https://example.org) and more words "
        + "here.\n\n- one\n- two", dev.talkback.comments.Format.MARKDOWN).html();
    for (int max = 1; max < 80; max++) {
      String cut = pipeline.truncateHtml(html, max);
      assertThat(textLength(cut)).as("max %d: %s", max, cut).isLessThanOrEqualTo(max);
      assertThat(SafeHtml.problems(cut, false)).isEmpty();
      if (!cut.equals(html)) {
        assertThat(cut).as("ends with the ellipsis and closing tags").matches("(?s).*…(</[a-z]+>)*");
      }
    }
  }

  @Test
  void truncateHtml_whiteSpaceRunsCountOnce() {
    String html = "<p>a    b    c    d</p>";
    assertThat(pipeline.truncateHtml(html, 7)).isSameAs(html);
  }

  @Test
  void truncateHtml_nonPositiveLimit_throws() {
    assertThatIllegalArgumentException().isThrownBy(() -> pipeline.truncateHtml("<p>x</p>", 0))
        .withMessage("maxTextChars must be positive: 0");
  }
}
