package dev.talkback.comments.servlet.internal;

import java.util.Locale;

/** HTML escaping for text and attribute values (used by {@link HtmlWriter}), and the link-target rule. */
final class Html {
  private Html() {}

  /** Escapes {@code & < > " '} so the result is safe as element text and inside a quoted attribute. */
  static String escape(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (r == null && ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0xFFFE || c == 0xFFFF)) {
        r = "";
      }
      if (r != null) {
        if (b == null) {
          b = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        b.append(r);
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /** Whether a URL may be a link target: http or https only. */
  static boolean isHttpUrl(String url) {
    String u = url.trim().toLowerCase(Locale.ROOT);
    return u.startsWith("http://") || u.startsWith("https://");
  }
}
