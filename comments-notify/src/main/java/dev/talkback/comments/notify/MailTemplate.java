package dev.talkback.comments.notify;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mail's subject, plain-text body and HTML body, with placeholders: {@code {{name}}} is replaced by a
 * value (escaped in the HTML body, so a commenter's name can never inject markup), and {@code {{{name}}}} by
 * a value that is HTML already and is inserted as it is: only {@code commentHtml} (the sanitized comment) and
 * {@code itemsHtml} (a digest's list, built escaped) are offered so. An unknown placeholder is left empty.
 *
 * <p>Placeholders: {@code blogName}, {@code threadTitle}, {@code threadUrl}, {@code commentUrl},
 * {@code author}, {@code excerpt}, {@code commentHtml}, {@code confirmUrl}, {@code unsubscribeUrl},
 * {@code approveUrl}, {@code spamUrl}, {@code deleteUrl}, {@code ipHash}, {@code status}, {@code items},
 * {@code itemsHtml}, {@code count}, {@code about}; each kind of mail fills those that concern it (docs/notifications.md).
 *
 * @param subject the subject line template
 * @param text the plain-text body template
 * @param html the HTML body template
 */
public record MailTemplate(String subject, String text, String html) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)([A-Za-z]+)\\}?\\}\\}");

  /**
   * Checks the fields.
   *
   * @param subject see the record
   * @param text see the record
   * @param html see the record
   */
  public MailTemplate {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
  }

  /**
   * Fills the subject (one line: line breaks in values become spaces).
   *
   * @param values the placeholders' values
   * @return the subject
   */
  public String renderSubject(Map<String, String> values) {
    return fill(subject, values, false).replaceAll("[\\r\\n]+", " ").strip();
  }

  /**
   * Fills the plain-text body.
   *
   * @param values the placeholders' values
   * @return the text
   */
  public String renderText(Map<String, String> values) {
    return fill(text, values, false);
  }

  /**
   * Fills the HTML body, escaping every {@code {{name}}} value.
   *
   * @param values the placeholders' values
   * @return the HTML
   */
  public String renderHtml(Map<String, String> values) {
    return fill(html, values, true);
  }

  private static String fill(String template, Map<String, String> values, boolean html) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 256);
    while (m.find()) {
      boolean raw = !m.group(1).isEmpty();
      String name = m.group(2);
      String value = values.getOrDefault(name, "");
      if (html && !(raw && (name.equals("commentHtml") || name.equals("itemsHtml")))) {
        value = escape(value);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Escapes text for HTML content and quoted attribute values.
   *
   * @param s text
   * @return the escaped text
   */
  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
