package dev.talkback.comments.io.internal;

import org.jspecify.annotations.Nullable;

/**
 * Plain text that WordPress keeps HTML-escaped: commenters' names (saved through {@code _wp_specialchars}, so
 * an apostrophe is stored as the reference {@code #039} and an ampersand as {@code amp}) and titles (exported
 * through {@code the_title_rss}, which escapes them, and {@code wptexturize}, which writes curly quotes as
 * references such as {@code #8217}).
 */
public final class HtmlText {
  private HtmlText() {}

  /**
   * The text with HTML's character references read once: decimal and hexadecimal ones, and the named ones
   * WordPress writes ({@code amp}, {@code lt}, {@code gt}, {@code quot}, {@code apos}, {@code nbsp}). Anything
   * else, such as a lone {@code &}, stays as it is.
   *
   * @param s escaped text
   * @return the text
   */
  public static String unescape(String s) {
    int amp = s.indexOf('&');
    if (amp < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int i = 0;
    while (amp >= 0) {
      sb.append(s, i, amp);
      int semi = s.indexOf(';', amp + 1);
      String decoded = semi < 0 || semi - amp > 12 ? null : reference(s.substring(amp + 1, semi));
      if (decoded == null) {
        sb.append('&');
        i = amp + 1;
      } else {
        sb.append(decoded);
        i = semi + 1;
      }
      amp = s.indexOf('&', i);
    }
    return sb.append(s, i, s.length()).toString();
  }

  private static @Nullable String reference(String name) {
    String named = switch (name) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "nbsp" -> "\u00a0";
      default -> null;
    };
    if (named != null) {
      return named;
    }
    if (name.length() < 2 || name.charAt(0) != '#') {
      return null;
    }
    boolean hex = name.charAt(1) == 'x' || name.charAt(1) == 'X';
    String digits = name.substring(hex ? 2 : 1);
    if (digits.isEmpty() || digits.length() > 7) {
      return null;
    }
    int cp;
    try {
      cp = Integer.parseInt(digits, hex ? 16 : 10);
    } catch (NumberFormatException e) {
      return null;
    }
    if (cp == 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return null;
    }
    return new String(Character.toChars(cp));
  }

  /**
   * The text escaped as WordPress stores it ({@code & < > " '}), so that {@link #unescape} gives it back.
   *
   * @param s text
   * @return the escaped text
   */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#039;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
