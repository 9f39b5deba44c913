package dev.talkback.comments.servlet.internal;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decoded {@code application/x-www-form-urlencoded} parameters: a query string or a form body. Capped: a
 * query string longer than {@link #MAX_QUERY_CHARS} or more than {@link #MAX_PARAMETERS} parameters is
 * refused with a 4xx problem before anything is decoded into memory.
 */
final class Params {
  /** The longest query string accepted; containers refuse longer request lines by default anyway. */
  static final int MAX_QUERY_CHARS = 8192;
  /** The most parameters accepted (counts take up to 200 thread keys; the admin form up to 200 ids). */
  static final int MAX_PARAMETERS = 256;

  private static final Params NONE = new Params(Map.of());
  /** The decoded parameters; {@code null} while they are read in place from {@link #plain}. */
  private final @Nullable Map<String, List<String>> values;
  /** A query string with nothing to decode (no {@code %}, no {@code +}), read in place without a map. */
  private final @Nullable String plain;

  private Params(Map<String, List<String>> values) {
    this.values = values;
    this.plain = null;
  }

  private Params(String plain) {
    this.values = null;
    this.plain = plain;
  }

  /**
   * Parses a query string: capped in length and count; a malformed escape is kept literally. One with
   * nothing to decode (the widget's {@code ?thread=bench&sort=oldest}) is read in place when asked: no map,
   * no list, a substring per value read.
   */
  static Params query(@Nullable String raw) {
    if (raw != null && raw.length() > MAX_QUERY_CHARS) {
      throw new HttpProblem(414, "query_too_long", "Query too long", "the query string must be at most "
          + MAX_QUERY_CHARS + " characters (got " + raw.length() + "); ask for fewer threads at a time");
    }
    if (raw == null || raw.isEmpty()) {
      return NONE;
    }
    if (raw.indexOf('%') >= 0 || raw.indexOf('+') >= 0) {
      return parse(raw);
    }
    int count = 0;
    for (int start = 0; start <= raw.length(); ) {
      int amp = raw.indexOf('&', start);
      int end = amp < 0 ? raw.length() : amp;
      if (end > start && ++count > MAX_PARAMETERS) {
        throw tooMany();
      }
      start = end + 1;
    }
    return new Params(raw);
  }

  private static HttpProblem tooMany() {
    return new HttpProblem(400, "too_many_parameters", "Too many parameters",
        "send at most " + MAX_PARAMETERS + " parameters in one request");
  }

  /** Parses {@code a=1&b=2} (a form body, already capped in size); at most {@link #MAX_PARAMETERS}. */
  static Params parse(@Nullable String raw) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return new Params(m);
    }
    int count = 0;
    int start = 0;
    while (start <= raw.length()) {
      int amp = raw.indexOf('&', start);
      int end = amp < 0 ? raw.length() : amp;
      if (end > start) {
        if (++count > MAX_PARAMETERS) {
          throw tooMany();
        }
        String pair = raw.substring(start, end);
        int eq = pair.indexOf('=');
        String k = decode(eq < 0 ? pair : pair.substring(0, eq));
        String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
        m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
      start = end + 1;
    }
    return new Params(m);
  }

  /**
   * Percent-decodes one name or value as UTF-8: {@code +} is a space, a malformed escape ({@code %zz}, a
   * trailing {@code %}) is kept literally.
   *
   * @throws HttpProblem 400 if the decoded bytes are not UTF-8 (overlong forms and encoded surrogates too)
   */
  private static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int hi = i + 2 < s.length() && c == '%' ? Character.digit(s.charAt(i + 1), 16) : -1;
      int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
      if (c == '+') {
        bytes.write(' ');
      } else if (lo >= 0) {
        bytes.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
          b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.write(b, 0, b.length);
      }
    }
    try {
      return Bodies.utf8(bytes.toByteArray());
    } catch (HttpProblem e) {
      throw new HttpProblem(400, "invalid_utf8", "Invalid UTF-8",
          "a parameter is not UTF-8 after percent-decoding (" + e.getMessage() + "); encode text as UTF-8");
    }
  }

  /**
   * Parses a form body only to show a reader's text back after a failure: never throws, decodes bad UTF-8
   * as U+FFFD and keeps the first {@link #MAX_PARAMETERS} parameters.
   */
  static Params lenient(String raw) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    int count = 0;
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty() || ++count > MAX_PARAMETERS) {
        continue;
      }
      int eq = pair.indexOf('=');
      m.computeIfAbsent(lenientDecode(eq < 0 ? pair : pair.substring(0, eq)), x -> new ArrayList<>())
          .add(eq < 0 ? "" : lenientDecode(pair.substring(eq + 1)));
    }
    return new Params(m);
  }

  private static String lenientDecode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** The first value, or {@code null}. */
  @Nullable String get(String name) {
    Map<String, List<String>> m = values;
    if (m != null) {
      List<String> v = m.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
    String raw = java.util.Objects.requireNonNull(plain);
    for (int start = 0; start <= raw.length(); ) {
      int amp = raw.indexOf('&', start);
      int end = amp < 0 ? raw.length() : amp;
      String v = valueAt(raw, start, end, name);
      if (v != null) {
        return v;
      }
      start = end + 1;
    }
    return null;
  }

  /** The value of the pair between {@code start} and {@code end} of a plain query if its name is {@code name}. */
  private static @Nullable String valueAt(String raw, int start, int end, String name) {
    int n = name.length();
    if (end <= start || end - start < n || !raw.startsWith(name, start)) {
      return null;
    }
    if (start + n == end) {
      return ""; // "name" alone: an empty value
    }
    return raw.charAt(start + n) == '=' ? raw.substring(start + n + 1, end) : null;
  }

  /** The first value, or {@code fallback} when absent or empty. */
  String get(String name, String fallback) {
    String v = get(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  /** Every value, in order. */
  List<String> all(String name) {
    Map<String, List<String>> m = values;
    if (m != null) {
      return m.getOrDefault(name, List.of());
    }
    String raw = java.util.Objects.requireNonNull(plain);
    List<String> out = new ArrayList<>();
    for (int start = 0; start <= raw.length(); ) {
      int amp = raw.indexOf('&', start);
      int end = amp < 0 ? raw.length() : amp;
      String v = valueAt(raw, start, end, name);
      if (v != null) {
        out.add(v);
      }
      start = end + 1;
    }
    return out;
  }
}
