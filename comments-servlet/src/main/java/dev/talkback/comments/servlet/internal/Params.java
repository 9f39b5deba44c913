package dev.talkback.comments.servlet.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Decoded {@code application/x-www-form-urlencoded} parameters: a query string or a form body. */
public final class Params {
  private final Map<String, List<String>> values;

  private Params(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Parses {@code a=1&b=2}; a malformed escape is kept literally rather than failing the request. */
  public static Params parse(@Nullable String raw) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = decode(eq < 0 ? pair : pair.substring(0, eq));
        String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
        m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    return new Params(m);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** The first value, or {@code null}. */
  public @Nullable String get(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** The first value, or {@code fallback} when absent or empty. */
  public String get(String name, String fallback) {
    String v = get(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  /** Every value, in order. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }
}
