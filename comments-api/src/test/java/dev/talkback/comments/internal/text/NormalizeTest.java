package dev.talkback.comments.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.talkback.comments.ContentPolicy;
import org.junit.jupiter.api.Test;

class NormalizeTest {
  private final TextPipeline pipeline = new TextPipeline(ContentPolicy.defaults());

  @Test
  void normalize_cleanText_returnedAsIs() {
    String s = "Hello, world.\n\tIndented — ünïcödé 😀";
    assertThat(pipeline.normalize(s)).isSameAs(s);
  }

  @Test
  void normalize_crlfAndCr_becomeLf() {
    assertThat(pipeline.normalize("a\r\nb\rc\n\r\nd")).isEqualTo("a\nb\nc\n\nd");
  }

  @Test
  void normalize_c0Controls_removedExceptNewlineAndTab() {
    assertThat(pipeline.normalize("a\u0000b\u0007c\u001Bd\u000Be\u000Cf\tg\nh")).isEqualTo("abcdef\tg\nh");
  }

  @Test
  void normalize_deleteAndC1Controls_removed() {
    assertThat(pipeline.normalize("a\u007Fb\u0080c\u0085d\u009Fe\u00A0f")).isEqualTo("abcde\u00A0f");
  }

  @Test
  void normalize_zeroWidthCharacters_removed() {
    assertThat(pipeline.normalize("pa\u200Bss\u200Cw\u2060o\uFEFFrd")).isEqualTo("password");
  }

  @Test
  void normalize_bidiEmbeddingsOverridesAndIsolates_removed() {
    String s = "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j";
    assertThat(pipeline.normalize(s)).isEqualTo("abcdefghij");
  }

  @Test
  void normalize_bidiMarks_kept() {
    // LRM, RLM and ALM are legitimate in right-to-left text and cannot reorder what follows.
    assertThat(pipeline.normalize("a\u200Eb\u200Fc\u061Cd")).isEqualTo("a\u200Eb\u200Fc\u061Cd");
  }

  @Test
  void normalize_zeroWidthJoinerBetweenEmoji_kept() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // 👨‍👩‍👧
    String rainbowFlag = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08"; // 🏳️‍🌈 (joiner after VS16)
    String technologist = "\uD83E\uDDD1\uD83C\uDFFD\u200D\uD83D\uDCBB"; // 🧑🏽‍💻 (after a skin tone)
    String runningWoman = "\uD83C\uDFC3\u200D\u2640\uFE0F"; // 🏃‍♀️ (to a dingbat)
    String s = family + " " + rainbowFlag + " " + technologist + " " + runningWoman;
    assertThat(pipeline.normalize(s)).isEqualTo(s);
  }

  @Test
  void normalize_zeroWidthJoinerOutsideEmoji_removed() {
    assertThat(pipeline.normalize("ad\u200Dmin")).isEqualTo("admin");
    assertThat(pipeline.normalize("\u200D\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
    assertThat(pipeline.normalize("\uD83D\uDE00\u200D")).isEqualTo("\uD83D\uDE00");
    assertThat(pipeline.normalize("\uD83D\uDE00\u200D x")).isEqualTo("\uD83D\uDE00 x");
  }

  @Test
  void normalize_doubledJoiner_removedBoth() {
    assertThat(pipeline.normalize("\uD83D\uDC68\u200D\u200D\uD83D\uDC69")).isEqualTo("\uD83D\uDC68\uD83D\uDC69");
  }

  @Test
  void normalize_joinerAfterRemovedCharacter_decidedOnCleanedText() {
    // The zero-width space goes first, so the joiner then sits between two emoji.
    assertThat(pipeline.normalize("\uD83D\uDC68\u200B\u200D\uD83D\uDC69"))
        .isEqualTo("\uD83D\uDC68\u200D\uD83D\uDC69");
  }

  @Test
  void normalize_decomposedText_composedToNfc() {
    assertThat(pipeline.normalize("Cafe\u0301 A\u030A")).isEqualTo("Café Å");
  }

  @Test
  void normalize_combiningMarkAfterRemovedCharacter_composes() {
    assertThat(pipeline.normalize("e\u200B\u0301")).isEqualTo("é");
  }

  @Test
  void normalize_surrogatePairs_keptWhole() {
    assertThat(pipeline.normalize("\uD83D\uDE00\u0000\uD834\uDD1E")).isEqualTo("\uD83D\uDE00\uD834\uDD1E");
  }

  @Test
  void normalize_loneSurrogates_replacedWithReplacementCharacter() {
    assertThat(pipeline.normalize("a\uD83Db\uDE00c")).isEqualTo("a\uFFFDb\uFFFDc");
    assertThat(pipeline.normalize("end\uD83D")).isEqualTo("end\uFFFD");
  }

  @Test
  void normalize_null_throws() {
    assertThatNullPointerException().isThrownBy(() -> pipeline.normalize(null)).withMessage("s");
  }

  @Test
  void normalize_persianNonJoiner_keptBetweenLetters() {
    String miKhaham = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"; // "I want", spelled with a ZWNJ
    assertThat(pipeline.normalize(miKhaham)).isEqualTo(miKhaham);
  }

  @Test
  void normalize_devanagariJoiners_keptAfterVirama() {
    String halfForms = "\u0915\u094D\u200D\u0937 \u0915\u094D\u200C\u0937"; // क्‍ष and क्‌ष
    assertThat(pipeline.normalize(halfForms)).isEqualTo(halfForms);
  }

  @Test
  void normalize_joinersOutsideSuchScripts_removed() {
    assertThat(pipeline.normalize("ca\u200Csino \u200C\u0645 \u0645\u200C \u0645\u200C\u200C\u0645"))
        .isEqualTo("casino \u0645 \u0645 \u0645\u0645");
  }
}
