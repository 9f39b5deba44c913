package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private final Messages en = Messages.forLanguage("en");
  private final Messages de = Messages.forLanguage("de");

  private String ago(Duration d, Messages m) {
    return Times.relative(NOW.minus(d), NOW, m);
  }

  @Test
  void relative_wordsLikeIntlRelativeTimeFormat() {
    assertThat(ago(Duration.ofSeconds(10), en)).isEqualTo("now");
    assertThat(ago(Duration.ofSeconds(50), en)).isEqualTo("50 seconds ago");
    assertThat(ago(Duration.ofMinutes(1), en)).isEqualTo("1 minute ago");
    assertThat(ago(Duration.ofHours(3), en)).isEqualTo("3 hours ago");
    assertThat(ago(Duration.ofDays(1), en)).isEqualTo("yesterday");
    assertThat(ago(Duration.ofDays(35), en)).isEqualTo("last month");
    assertThat(ago(Duration.ofDays(800), en)).isEqualTo("2 years ago");
    assertThat(ago(Duration.ofHours(3), de)).isEqualTo("vor 3 Stunden");
    assertThat(ago(Duration.ofDays(1), de)).isEqualTo("gestern");
    assertThat(Times.relative(NOW.plusSeconds(30), NOW, en)).as("clock skew").isEqualTo("now");
  }

  @Test
  void time_hasDatetimeAndAbsoluteTooltip() {
    HtmlWriter w = new HtmlWriter(100);
    Times.time(w, NOW.minus(Duration.ofHours(3)), NOW, en);
    assertThat(w.html()).matches("<time datetime=\"2026-11-26T09:00:00Z\" title=\"November 26, 2026\\D+9:00\\W+AM UTC\">"
        + "3 hours ago</time>");
  }
}
