package dev.talkback.comments.notify;

import dev.talkback.comments.notification.OutboxMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The mail templates per kind of mail and language: English and German built in, each overridable by the host.
 * A locale without templates of its own falls back to its language, then to English. Immutable.
 *
 * <pre>{@code
 * MailTemplates templates = MailTemplates.defaults()
 *     .with(OutboxMessage.Kind.REPLY_MAIL, Locale.ENGLISH, new MailTemplate(
 *         "{{author}} answered you on {{blogName}}", "...", "..."));
 * }</pre>
 */
public final class MailTemplates {
  private static final OutboxMessage.Kind[] MAILS = {OutboxMessage.Kind.CONFIRMATION_MAIL,
      OutboxMessage.Kind.REPLY_MAIL, OutboxMessage.Kind.THREAD_MAIL, OutboxMessage.Kind.MODERATOR_MAIL,
      OutboxMessage.Kind.MODERATOR_DIGEST};
  private static final String[] BUILT_IN = {"en", "de"};

  private final Map<String, MailTemplate> templates;

  private MailTemplates(Map<String, MailTemplate> templates) {
    this.templates = Map.copyOf(templates);
  }

  /**
   * The built-in English and German templates.
   *
   * @return the templates
   */
  public static MailTemplates defaults() {
    Map<String, MailTemplate> all = new HashMap<>();
    for (OutboxMessage.Kind kind : MAILS) {
      for (String lang : BUILT_IN) {
        all.put(key(kind, lang), load(kind, lang));
      }
    }
    return new MailTemplates(all);
  }

  /**
   * These templates with one replaced or added.
   *
   * @param kind a mail kind
   * @param locale the language it is for (its language tag, such as {@code de} or {@code pt-BR})
   * @param template the template
   * @return new templates
   * @throws IllegalArgumentException if the kind is not a mail
   */
  public MailTemplates with(OutboxMessage.Kind kind, Locale locale, MailTemplate template) {
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(template, "template");
    if (kind == OutboxMessage.Kind.WEBHOOK || kind.isEvent()) {
      throw new IllegalArgumentException(kind + " is not a mail");
    }
    Map<String, MailTemplate> all = new HashMap<>(templates);
    all.put(key(kind, locale.toLanguageTag()), template);
    return new MailTemplates(all);
  }

  /**
   * The template for a kind of mail in a locale: the locale's, its language's, or English.
   *
   * @param kind a mail kind
   * @param locale the recipient's locale
   * @return the template
   */
  public MailTemplate template(OutboxMessage.Kind kind, Locale locale) {
    MailTemplate t = templates.get(key(kind, locale.toLanguageTag()));
    if (t == null) {
      t = templates.get(key(kind, locale.getLanguage()));
    }
    if (t == null) {
      t = templates.get(key(kind, "en"));
    }
    if (t == null) {
      throw new IllegalArgumentException(kind + " is not a mail");
    }
    return t;
  }

  private static String key(OutboxMessage.Kind kind, String lang) {
    return kind.name() + '/' + lang;
  }

  /** A resource: the subject on the first line, then the text body, "-- html --" on a line, the HTML body. */
  private static MailTemplate load(OutboxMessage.Kind kind, String lang) {
    String name = "templates/" + kind.name().toLowerCase(Locale.ROOT) + "_" + lang + ".txt";
    try (InputStream in = MailTemplates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing template resource " + name);
      }
      String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int nl = s.indexOf('\n');
      int sep = s.indexOf("\n-- html --\n");
      return new MailTemplate(s.substring(0, nl).strip(), s.substring(nl + 1, sep + 1),
          s.substring(sep + "\n-- html --\n".length()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "MailTemplates{" + templates.size() + " templates}";
  }
}
