package dev.talkback.comments.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.Format;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Normalization, length limits, excerpts and truncation over arbitrary text. */
class TextProperties {
  private static final TextPipeline PIPELINE = new TextPipeline(ContentPolicy.defaults());

  @Provide
  Arbitrary<String> unicodeSoup() {
    Arbitrary<Character> tricky = Arbitraries.of('\r', '\n', '\t', '\u0000', '\u001F', '\u007F', '\u0085', '\u009F',
        '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u202A', '\u202E', '\u2066', '\u2069', '\u200E',
        '\u0301', '\u0338', '\u030A', 'e', 'A', '<', '>', '=', ' ', '\u00A0', '\uFE0F', '\u2640', '\u2764',
        '\uD83D', '\uDC68', '\uDE00', '\uD83C', '\uDFFD',
        '\u0628', '\u0645', '\u064E', '\u0915', '\u094D', '\u093E', '\u0937');
    Arbitrary<Character> any = Arbitraries.chars().all();
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, tricky), net.jqwik.api.Tuple.of(1, any))
        .list().ofMaxSize(60)
        .map(chars -> {
          StringBuilder sb = new StringBuilder();
          chars.forEach(sb::append);
          return sb.toString();
        });
  }

  @Property(tries = 2000)
  void normalize_isIdempotent(@ForAll("unicodeSoup") String s) {
    String once = PIPELINE.normalize(s);
    assertThat(PIPELINE.normalize(once)).isEqualTo(once);
  }

  @Property(tries = 2000)
  void normalize_leavesNoControlZeroWidthOrBidiCharacters(@ForAll("unicodeSoup") String s) {
    String n = PIPELINE.normalize(s);
    assertThat(Normalizer.isNormalized(n, Normalizer.Form.NFC)).isTrue();
    for (int i = 0; i < n.length(); ) {
      int cp = n.codePointAt(i);
      assertThat(Character.isSurrogate((char) cp) && cp < 0x10000).as("lone surrogate in %s", n).isFalse();
      assertThat(cp == '\n' || cp == '\t' || !Character.isISOControl(cp)).as("control U+%04X", cp).isTrue();
      assertThat(cp).isNotIn(0x200B, 0x2060, 0xFEFF, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
          0x2066, 0x2067, 0x2068, 0x2069);
      if (cp == 0x200D || cp == 0x200C) {
        assertThat(i).as("a joiner never starts the text").isPositive();
        assertThat(i + 1).as("a joiner never ends the text").isLessThan(n.length());
        int prev = n.codePointBefore(i);
        int next = n.codePointAt(i + 1);
        assertThat(TextNormalizer.keepsJoiner(cp, prev, next))
            .as("joiner U+%04X kept between U+%04X and U+%04X", cp, prev, next).isTrue();
      }
      i += Character.charCount(cp);
    }
  }

  @Property(tries = 1000)
  void normalize_keepsEveryPlainCharacter(@ForAll @StringLength(max = 80) String s) {
    // Letters, digits and punctuation never disappear (NFC may only recombine them).
    String n = PIPELINE.normalize(s);
    long letters = s.codePoints().filter(Character::isLetterOrDigit).filter(cp -> cp < 0x300).count();
    long kept = Normalizer.normalize(n, Normalizer.Form.NFD).codePoints()
        .filter(Character::isLetterOrDigit).filter(cp -> cp < 0x300).count();
    assertThat(kept).isGreaterThanOrEqualTo(letters);
  }

  @Property(tries = 500)
  void render_bodyLimit_nullIffViolationAndLimitHolds(
      @ForAll("unicodeSoup") String s, @ForAll @IntRange(min = 1, max = 40) int max, @ForAll Format format) {
    TextPipeline pipeline = new TextPipeline(ContentPolicy.builder().maxBodyLength(max).build());
    List<Violation> violations = new ArrayList<>();
    Rendered r = pipeline.render(s, format, violations);
    assertThat(r == null).isEqualTo(!violations.isEmpty());
    if (r != null) {
      assertThat(r.source().codePointCount(0, r.source().length())).isLessThanOrEqualTo(max);
    } else {
      assertThat(violations).singleElement().extracting(Violation::field).isEqualTo("text");
    }
  }

  @Property(tries = 500)
  void excerpt_neverLongerThanTheLimit(
      @ForAll("words") String text, @ForAll @IntRange(min = 1, max = 60) int limit) {
    TextPipeline pipeline = new TextPipeline(ContentPolicy.builder().excerptLength(limit).build());
    Rendered r = pipeline.render(text, Format.PLAIN, new ArrayList<>());
    if (r != null) {
      String excerpt = pipeline.excerpt(r.html());
      assertThat(excerpt.codePointCount(0, excerpt.length())).isLessThanOrEqualTo(limit);
      String whole = PlainText.oneLine(r.text());
      if (whole.codePointCount(0, whole.length()) <= limit) {
        assertThat(excerpt).isEqualTo(whole);
      } else {
        assertThat(excerpt).endsWith("…");
      }
    }
  }

  @Property(tries = 300)
  void truncateHtml_safeAndWithinLimit(
      @ForAll("words") String text, @ForAll Format format, @ForAll @IntRange(min = 1, max = 60) int max) {
    Rendered r = PIPELINE.render(text, format, new ArrayList<>());
    if (r != null) {
      String cut = PIPELINE.truncateHtml(r.html(), max);
      assertThat(SafeHtml.problems(cut, false)).isEmpty();
      Rendered again = PIPELINE.render(cut, Format.HTML, new ArrayList<>());
      if (again != null) {
        assertThat(again.html()).isEqualTo(cut); // still in sanitized, well-formed shape
      }
    }
  }

  @Property(tries = 1000)
  void normalizeAuthor_nameAndWebsiteRulesHold(@ForAll("unicodeSoup") String name, @ForAll("websites") String site) {
    List<Violation> violations = new ArrayList<>();
    Author a = PIPELINE.normalizeAuthor(new Author(name, null, site, null), violations);
    assertThat(a.name()).doesNotContain("\n", "\r", "\t", "  ").isEqualTo(a.name().strip());
    boolean websiteRefused = violations.stream().anyMatch(v -> v.field().equals("author.website"));
    if (!websiteRefused && a.website() != null) {
      assertThat(a.website()).matches("https?://[a-z0-9.\\-\\[\\]:]+([/?#].*)?");
      assertThat(a.website()).doesNotContain(" ", "\"", "<", ">", "\\");
    }
  }

  @Provide
  Arbitrary<String> websites() {
    return Arbitraries.of("", " ", "example.org", "https://", "http://", "javascript:", "JAVASCRIPT:", "data:",
            "//", "@", ":", "8080", "/", "?", "#", "a", "Ex", ".", "-", "ü", " ", "\t", "\\", "<", "\"", "%", "x.y",
            "www.", "mailto:", "[::1]", "user:pw@")
        .list().ofMaxSize(8).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.of("word", "longerword", "a", "https://ok.example/x", "\n", "\n\n", " ", "  ", "**b**",
            "<b>x</b>", "- item\n", "`c`", "\uD83D\uDC68\u200D\uD83D\uDC69", "é", "<p>", "</p>", ".", ",")
        .list().ofMaxSize(40).map(parts -> String.join(" ", parts));
  }
}
