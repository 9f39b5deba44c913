package dev.talkback.comments.servlet.internal;

import org.jspecify.annotations.Nullable;

/** Content codings: whether a request's {@code Accept-Encoding} takes gzip. */
final class Encodings {
  private Encodings() {}

  /**
   * Whether an {@code Accept-Encoding} header accepts gzip (RFC 9110, 12.5.3): a {@code gzip} (or
   * {@code x-gzip}) entry with a weight above 0, or, without one, {@code *} with a weight above 0. Read in
   * place, without allocating; a malformed weight counts as 1, as most servers read it.
   *
   * @param header the header, or {@code null} when absent (identity only)
   * @return {@code true} to send the gzipped variant
   */
  static boolean acceptsGzip(@Nullable String header) {
    if (header == null) {
      return false;
    }
    int star = -1; // the weight of '*' when seen: 0 refused, 1 accepted
    int n = header.length();
    int i = 0;
    while (i < n) {
      int end = header.indexOf(',', i);
      if (end < 0) {
        end = n;
      }
      int semi = header.indexOf(';', i);
      int tokenEnd = semi >= 0 && semi < end ? semi : end;
      int a = skipSpace(header, i, tokenEnd);
      int b = tokenEnd;
      while (b > a && header.charAt(b - 1) <= ' ') {
        b--;
      }
      boolean gzip = is(header, a, b, "gzip") || is(header, a, b, "x-gzip");
      if (gzip || is(header, a, b, "*")) {
        boolean positive = tokenEnd == end || positiveWeight(header, tokenEnd + 1, end);
        if (gzip) {
          return positive;
        }
        star = positive ? 1 : 0;
      }
      i = end + 1;
    }
    return star == 1;
  }

  private static boolean is(String s, int from, int to, String token) {
    return to - from == token.length() && s.regionMatches(true, from, token, 0, token.length());
  }

  private static int skipSpace(String s, int from, int to) {
    while (from < to && s.charAt(from) <= ' ') {
      from++;
    }
    return from;
  }

  /** Whether the parameters between {@code from} and {@code to} give a weight above 0 ({@code q=0.000} is 0). */
  private static boolean positiveWeight(String s, int from, int to) {
    int i = from;
    while (i < to) {
      int semi = s.indexOf(';', i);
      int end = semi >= 0 && semi < to ? semi : to;
      int a = skipSpace(s, i, end);
      int eq = a < end ? skipSpace(s, a + 1, end) : end;
      if (eq < end && (s.charAt(a) == 'q' || s.charAt(a) == 'Q') && s.charAt(eq) == '=') {
        int v = skipSpace(s, eq + 1, end);
        if (v < end && s.charAt(v) == '0') {
          for (int k = v + 1; k < end; k++) {
            char c = s.charAt(k);
            if (c >= '1' && c <= '9') {
              return true;
            }
            if (c != '.' && c != '0') {
              break;
            }
          }
          return false; // 0, 0., 0.0, 0.00, 0.000
        }
        return true;
      }
      i = end + 1;
    }
    return true;
  }
}
