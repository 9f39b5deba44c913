package dev.talkback.comments.internal.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.Format;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RenderLimitsTest {
  private final TextPipeline pipeline = new TextPipeline(ContentPolicy.defaults());
  private final List<Violation> violations = new ArrayList<>();

  @ParameterizedTest
  @EnumSource(Format.class)
  void render_empty_violation(Format format) {
    assertThat(pipeline.render("", format, violations)).isNull();
    assertThat(violations).containsExactly(new Violation("text", "must not be empty"));
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void render_onlyWhiteSpaceAndInvisibleCharacters_violation(Format format) {
    assertThat(pipeline.render(" \n\t\u00A0\u3000\u200B\u202E\u0000\r\n", format, violations)).isNull();
    assertThat(violations).containsExactly(new Violation("text", "must not be empty"));
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"HTML", "MARKDOWN"})
  void render_onlyDisallowedMarkup_violation(Format format) {
    assertThat(pipeline.render("<script>alert(1)</script><img src=x onerror=alert(1)>", format, violations)).isNull();
    assertThat(violations).containsExactly(
        new Violation("text", "must not be empty: nothing is left once the markup that is not allowed is removed"));
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void render_tooLong_violationSaysLimitAndLength(Format format) {
    assertThat(pipeline.render("x".repeat(12_034), format, violations)).isNull();
    assertThat(violations)
        .containsExactly(new Violation("text", "must be at most 10000 characters (it has 12034)"));
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void render_exactlyTheLimit_accepted(Format format) {
    Rendered r = pipeline.render("x".repeat(10_000), format, violations);
    assertThat(violations).isEmpty();
    assertThat(r).isNotNull();
    assertThat(r.source()).hasSize(10_000);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void render_length_countsCodePointsNotUtf16Units(Format format) {
    TextPipeline small = new TextPipeline(ContentPolicy.builder().maxBodyLength(3).build());
    assertThat(small.render("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", format, violations)).isNotNull();
    assertThat(small.render("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", format, violations)).isNull();
    assertThat(violations).containsExactly(new Violation("text", "must be at most 3 characters (it has 4)"));
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void render_length_countedAfterNormalizationAndTrimming(Format format) {
    TextPipeline small = new TextPipeline(ContentPolicy.builder().maxBodyLength(5).build());
    assertThat(small.render("\n\nab\u200B\u200Bcd\r\n\n   ", format, violations)).isNotNull();
    assertThat(violations).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void render_throwingVariant_throwsWithTheViolation(Format format) {
    assertThatThrownBy(() -> pipeline.render("   ", format))
        .isInstanceOf(CommentValidationException.class)
        .satisfies(e -> assertThat(((CommentValidationException) e).violations())
            .containsExactly(new Violation("text", "must not be empty")));
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void render_valid_addsNoViolation(Format format) {
    assertThat(pipeline.render("hello", format, violations)).isNotNull();
    assertThat(violations).isEmpty();
  }
}
