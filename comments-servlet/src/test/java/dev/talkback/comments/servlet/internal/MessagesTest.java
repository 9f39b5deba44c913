package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The texts from the resource bundle. */
class MessagesTest {

  @Test
  void forLanguage_german_isGerman() {
    Messages m = Messages.forLanguage("de");
    assertThat(m.lang()).isEqualTo("de");
    assertThat(m.get("form.submit")).isEqualTo("Kommentar senden");
    assertThat(m.get("deleted")).isEqualTo("Dieser Kommentar wurde gelöscht.");
    assertThat(m.count(3)).isEqualTo("3 Kommentare");
  }

  @Test
  void forLanguage_regionalVariant_fallsBackToTheLanguage() {
    assertThat(Messages.forLanguage("de-AT").lang()).isEqualTo("de");
  }

  @Test
  void forLanguage_unknownOrMissing_isEnglish() {
    for (String lang : new String[] {null, "", "xx", "en", "fr-CA", "<script>"}) {
      Messages m = Messages.forLanguage(lang);
      assertThat(m.lang()).as(lang).isEqualTo("en");
      assertThat(m.count(0)).isEqualTo("No comments yet");
    }
  }

  @Test
  void get_keyMissingInATranslation_fallsBackToEnglish() {
    assertThat(Messages.forLanguage("de").get("admin.empty")).isEqualTo("No comments here.");
  }

  @Test
  void get_unknownKey_isTheKey() {
    assertThat(Messages.forLanguage("en").get("no.such.key")).isEqualTo("no.such.key");
  }

  @Test
  void format_fillsPlaceholders() {
    assertThat(Messages.forLanguage("en").format("form.as", "Ada")).isEqualTo("Commenting as Ada");
    assertThat(Messages.forLanguage("en").count(12)).isEqualTo("12 comments");
  }
}
