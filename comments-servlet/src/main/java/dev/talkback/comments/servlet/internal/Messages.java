package dev.talkback.comments.servlet.internal;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The server-rendered texts (fragment, form, errors) in English and German. */
final class Messages {
  private static final Map<String, String> EN = Map.ofEntries(
      Map.entry("comments", "Comments"),
      Map.entry("count.0", "No comments yet"),
      Map.entry("count.1", "1 comment"),
      Map.entry("count.n", "%d comments"),
      Map.entry("deleted", "This comment was deleted."),
      Map.entry("closed", "Comments are closed."),
      Map.entry("queued", "The comment database is unavailable right now. New comments are saved and will appear once it is back."),
      Map.entry("paused", "Commenting is paused while the comment database is unavailable. Please try again later; your text is kept below."),
      Map.entry("notice.pending", "Thank you! Your comment awaits moderation."),
      Map.entry("notice.queued", "Thank you! Your comment is saved and will appear once the comment database is back."),
      Map.entry("form.title", "Leave a comment"),
      Map.entry("form.name", "Name"),
      Map.entry("form.email", "Email (optional, never shown)"),
      Map.entry("form.website", "Website (optional)"),
      Map.entry("form.text", "Comment"),
      Map.entry("form.hint", "Plain text; links are recognised. Be kind."),
      Map.entry("form.honeypot", "Leave this field empty"),
      Map.entry("form.submit", "Post comment"),
      Map.entry("form.as", "Commenting as %s"),
      Map.entry("error.title", "Your comment was not posted"),
      Map.entry("error.back", "Back to the page"),
      Map.entry("stale", "Showing saved comments; the newest may be missing."));
  private static final Map<String, String> DE = Map.ofEntries(
      Map.entry("comments", "Kommentare"),
      Map.entry("count.0", "Noch keine Kommentare"),
      Map.entry("count.1", "1 Kommentar"),
      Map.entry("count.n", "%d Kommentare"),
      Map.entry("deleted", "Dieser Kommentar wurde gelöscht."),
      Map.entry("closed", "Die Kommentare sind geschlossen."),
      Map.entry("queued", "Die Kommentar-Datenbank ist gerade nicht erreichbar. Neue Kommentare werden gespeichert und erscheinen, sobald sie wieder da ist."),
      Map.entry("paused", "Kommentieren ist pausiert, solange die Kommentar-Datenbank nicht erreichbar ist. Bitte später erneut versuchen; Ihr Text bleibt unten erhalten."),
      Map.entry("notice.pending", "Danke! Ihr Kommentar wartet auf Freigabe."),
      Map.entry("notice.queued", "Danke! Ihr Kommentar ist gespeichert und erscheint, sobald die Kommentar-Datenbank wieder erreichbar ist."),
      Map.entry("form.title", "Kommentar schreiben"),
      Map.entry("form.name", "Name"),
      Map.entry("form.email", "E-Mail (optional, wird nie angezeigt)"),
      Map.entry("form.website", "Website (optional)"),
      Map.entry("form.text", "Kommentar"),
      Map.entry("form.hint", "Reiner Text; Links werden erkannt. Bitte freundlich bleiben."),
      Map.entry("form.honeypot", "Dieses Feld leer lassen"),
      Map.entry("form.submit", "Kommentar senden"),
      Map.entry("form.as", "Sie kommentieren als %s"),
      Map.entry("error.title", "Ihr Kommentar wurde nicht gesendet"),
      Map.entry("error.back", "Zurück zur Seite"),
      Map.entry("stale", "Gespeicherte Kommentare; die neuesten fehlen vielleicht."));

  private final Map<String, String> texts;
  private final String lang;

  private Messages(String lang, Map<String, String> texts) {
    this.lang = lang;
    this.texts = texts;
  }

  /** English unless the language asked for is German. */
  static Messages forLanguage(@Nullable String lang) {
    if (lang != null && lang.toLowerCase(Locale.ROOT).startsWith("de")) {
      return new Messages("de", DE);
    }
    return new Messages("en", EN);
  }

  String lang() {
    return lang;
  }

  String get(String key) {
    return texts.getOrDefault(key, key);
  }

  String count(int n) {
    return n == 0 ? get("count.0") : n == 1 ? get("count.1") : String.format(Locale.ROOT, get("count.n"), n);
  }
}
