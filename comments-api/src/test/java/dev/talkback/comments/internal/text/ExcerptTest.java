package dev.talkback.comments.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.ContentPolicy;
import org.junit.jupiter.api.Test;

class ExcerptTest {
  private final TextPipeline pipeline = new TextPipeline(ContentPolicy.builder().excerptLength(20).build());

  @Test
  void excerpt_shortText_returnedWhole() {
    assertThat(pipeline.excerpt("<p>Short &amp; sweet</p>")).isEqualTo("Short & sweet");
  }

  @Test
  void excerpt_exactlyTheLimit_notCut() {
    assertThat(pipeline.excerpt("<p>" + "x".repeat(20) + "</p>")).isEqualTo("x".repeat(20));
  }

  @Test
  void excerpt_longText_cutAtWordBoundaryWithEllipsis() {
    assertThat(pipeline.excerpt("<p>The quick brown fox jumps over the lazy dog</p>")).isEqualTo("The quick brown fox…");
  }

  @Test
  void excerpt_cutAfterPunctuation_dropsIt() {
    assertThat(pipeline.excerpt("<p>Well, then, maybe, perhaps not</p>")).isEqualTo("Well, then, maybe…");
  }

  @Test
  void excerpt_blocksAndWhiteSpace_collapsedToOneLine() {
    assertThat(pipeline.excerpt("<p>one\n  two</p><ul><li>three</li></ul>")).isEqualTo("one two three");
  }

  @Test
  void excerpt_oneLongWord_cutInsideIt() {
    assertThat(pipeline.excerpt("<p>Supercalifragilisticexpialidocious</p>")).isEqualTo("Supercalifragilisti…");
  }

  @Test
  void excerpt_neverSplitsAnEmojiSequence() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // 5 code points, one grapheme
    String excerpt = pipeline.excerpt("<p>" + family.repeat(10) + "</p>");
    assertThat(excerpt).endsWith("…");
    assertThat(excerpt.codePointCount(0, excerpt.length())).isLessThanOrEqualTo(20);
    assertThat(excerpt.substring(0, excerpt.length() - 1)).isEqualTo(family.repeat(3));
  }

  @Test
  void excerpt_alwaysWithinLimit() {
    String excerpt = pipeline.excerpt("<p>" + "ab cd ".repeat(100) + "</p>");
    assertThat(excerpt.codePointCount(0, excerpt.length())).isLessThanOrEqualTo(20);
    assertThat(excerpt).isEqualTo("ab cd ab cd ab cd…");
  }
}
