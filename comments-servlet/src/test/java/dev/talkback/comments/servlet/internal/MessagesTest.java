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
    Messages nl = Messages.forLanguage("nl"); // test resources: a translation with one key
    assertThat(nl.count(0)).isEqualTo("Nog geen reacties");
    assertThat(nl.get("admin.empty")).isEqualTo("No comments here.");
  }

  @Test
  void german_translatesEveryKey() throws java.io.IOException {
    java.util.Properties en = new java.util.Properties();
    java.util.Properties de = new java.util.Properties();
    try (var a = Messages.class.getResourceAsStream("/dev/talkback/comments/servlet/messages.properties");
        var b = Messages.class.getResourceAsStream("/dev/talkback/comments/servlet/messages_de.properties")) {
      en.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
      de.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(de.stringPropertyNames()).containsAll(en.stringPropertyNames());
    assertThat(Messages.forLanguage("de").get("admin.empty")).isEqualTo("Hier sind keine Kommentare.");
    assertThat(Messages.forLanguage("de").format("admin.done.approve.n", 3)).isEqualTo("3 Kommentare freigegeben.");
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
