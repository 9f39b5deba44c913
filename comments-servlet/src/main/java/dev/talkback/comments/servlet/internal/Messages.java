package dev.talkback.comments.servlet.internal;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.jspecify.annotations.Nullable;

/**
 * The server-rendered texts (fragment, form, form errors, moderation page) from the resource bundle
 * {@code dev/talkback/comments/servlet/messages*.properties}: English in the base file, German in
 * {@code messages_de.properties}. A host adds a language with one more file on the class path (such as
 * {@code messages_fr.properties} in {@code WEB-INF/classes/dev/talkback/comments/servlet/}); a missing key
 * falls back to English. The JVM's default locale plays no part.
 */
final class Messages {
  static final String BUNDLE = "dev.talkback.comments.servlet.messages";
  private static final ResourceBundle.Control CONTROL =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final ResourceBundle texts;
  private final String lang;

  private Messages(ResourceBundle texts) {
    this.texts = texts;
    Locale l = texts.getLocale();
    this.lang = l.getLanguage().isEmpty() ? "en" : l.toLanguageTag();
  }

  /** The texts for a language tag ({@code de}, {@code de-AT}, {@code fr}); English when there are none. */
  static Messages forLanguage(@Nullable String lang) {
    Locale locale = lang == null || lang.isBlank() ? Locale.ROOT : Locale.forLanguageTag(lang.trim());
    return new Messages(ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(), CONTROL));
  }

  /** The language of the texts, for {@code lang} attributes and links: {@code en}, {@code de}, ... */
  String lang() {
    return lang;
  }

  /** A text; the key itself if no bundle has it. */
  String get(String key) {
    try {
      return texts.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
  }

  /** A text with {@code %s} or {@code %d} placeholders filled in. */
  String format(String key, Object... args) {
    return String.format(Locale.ROOT, get(key), args);
  }

  /** The texts whose keys start with {@code prefix}, keyed without it (the widget's texts: {@code w.}). */
  Map<String, String> withPrefix(String prefix) {
    Map<String, String> m = new TreeMap<>();
    for (String k : texts.keySet()) {
      if (k.startsWith(prefix)) {
        m.put(k.substring(prefix.length()), texts.getString(k));
      }
    }
    return m;
  }

  /** The language of the reader: {@code ?lang=} when the page gives one, else the browser's first choice. */
  static Messages forRequest(Caller caller) {
    String lang;
    try {
      lang = caller.query().get("lang");
    } catch (HttpProblem e) { // an unreadable query (not UTF-8, too long): the page still needs its texts
      lang = null;
    }
    if (lang == null || lang.isBlank()) {
      String accept = caller.request().header("Accept-Language");
      if (accept != null) {
        lang = accept.split("[,;]", 2)[0].trim();
      }
    }
    return forLanguage(lang != null && lang.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*") ? lang : null);
  }

  /** The locale of the texts, for dates. */
  Locale locale() {
    return Locale.forLanguageTag(lang);
  }

  /** "No comments yet", "1 comment", "12 comments". */
  String count(int n) {
    return n == 0 ? get("count.0") : n == 1 ? get("count.1") : format("count.n", n);
  }
}
