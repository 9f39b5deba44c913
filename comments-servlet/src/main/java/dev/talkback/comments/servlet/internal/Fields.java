package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.StorableText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Typed values from query parameters and JSON fields. A bad value adds a {@link Violation} to the list the
 * caller collects (so one answer lists every bad field) and yields a default; the caller throws {@link
 * HttpProblem#invalid} when the list is not empty.
 */
final class Fields {
  private Fields() {}

  /** The site of {@code ?site=}, or {@code fallback} when absent. */
  static SiteId site(@Nullable String raw, SiteId fallback) {
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      return SiteId.of(raw);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.invalid(List.of(new Violation("site", "must be 1 to 64 letters, digits, '.', '_' or '-'")));
    }
  }

  /** A required thread key, or a 422 problem. */
  static ThreadKey requiredThread(@Nullable String raw) {
    List<Violation> v = new ArrayList<>();
    ThreadKey k = threadKey(raw, "thread", v);
    if (k == null) {
      throw HttpProblem.invalid(v);
    }
    return k;
  }

  static @Nullable ThreadKey threadKey(@Nullable String raw, String field, List<Violation> v) {
    if (raw == null || raw.isEmpty()) {
      v.add(new Violation(field, "is required: the page's stable key, such as 'posts/hello-world'"));
      return null;
    }
    try {
      return ThreadKey.of(raw);
    } catch (IllegalArgumentException e) {
      v.add(new Violation(field, String.valueOf(e.getMessage())));
      return null;
    }
  }

  /**
   * A thread URL a reader sent: empty is none; otherwise an http(s) URL without characters no URL has
   * unescaped (controls, spaces) and none a store cannot keep (NUL, unpaired surrogates).
   */
  /** The longest thread title, as {@code Comments} takes it. */
  private static final int MAX_THREAD_TITLE = 300;

  /**
   * A thread title as sent: refused when longer than {@code Comments} takes, signed or not (an unsigned one is
   * ignored), so a broken embed hears of it.
   */
  static @Nullable String threadTitle(@Nullable String raw, List<Violation> v) {
    if (raw != null && raw.strip().length() > MAX_THREAD_TITLE) {
      v.add(new Violation("threadTitle", "must be at most " + MAX_THREAD_TITLE + " characters (it has "
          + raw.strip().length() + ")"));
      return null;
    }
    return raw;
  }

  /** The longest thread URL, as {@code Comments} takes it. */
  private static final int MAX_THREAD_URL = 4096;

  static @Nullable String threadUrl(@Nullable String raw, List<Violation> v) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    String problem = StorableText.characterProblem(raw);
    if (problem != null) {
      v.add(new Violation("threadUrl", problem));
      return null;
    }
    if (!Html.isHttpUrl(raw) || raw.chars().anyMatch(c -> c <= 0x20 || (c >= 0x7F && c <= 0x9F))) {
      v.add(new Violation("threadUrl", "must be an http(s) URL without spaces or control characters"));
      return null;
    }
    // refused whether or not it is signed (an unsigned one is ignored), so a broken embed hears of it
    if (raw.length() > MAX_THREAD_URL) {
      v.add(new Violation("threadUrl", "must be at most " + MAX_THREAD_URL + " characters (it has " + raw.length()
          + ")"));
      return null;
    }
    return raw;
  }

  static CommentSort sort(@Nullable String raw, List<Violation> v) {
    if (raw == null || raw.isEmpty()) {
      return CommentSort.OLDEST;
    }
    try {
      return CommentSort.valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      v.add(new Violation("sort", "must be oldest, newest or top (got '" + raw + "')"));
      return CommentSort.OLDEST;
    }
  }

  static Format format(@Nullable String raw, List<Violation> v) {
    if (raw == null || raw.isEmpty()) {
      return Format.PLAIN;
    }
    try {
      return Format.valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      v.add(new Violation("format", "must be plain, markdown or html (got '" + raw + "')"));
      return Format.PLAIN;
    }
  }

  static int intParam(@Nullable String raw, String field, int min, int max, int dflt, List<Violation> v) {
    if (raw == null || raw.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(raw.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    v.add(new Violation(field, "must be a whole number from " + min + " to " + max + " (got '" + raw + "')"));
    return dflt;
  }

  static @Nullable CommentId optionalId(@Nullable String raw, String field, List<Violation> v) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return CommentId.parse(raw); // the canonical form only: UUID.fromString takes "1-1-1-1-1", another id
    } catch (IllegalArgumentException e) {
      // below
    }
    v.add(new Violation(field, "must be a comment id (a UUID such as 0190f3b2-7c1e-7a4b-9f00-1c2d3e4f5a6b)"));
    return null;
  }

  /** A comment id from the path; anything else is a 404. */
  static CommentId pathId(String raw) {
    try {
      return CommentId.parse(raw);
    } catch (IllegalArgumentException e) {
      // below
    }
    throw HttpProblem.notFound("no comment with id '" + raw + "': comment ids are UUIDs");
  }

  /** A string field; a non-string value is a violation. */
  static @Nullable String str(JsonNode body, String field, List<Violation> v) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      v.add(new Violation(field, "must be a string (got " + n.getNodeType().name().toLowerCase(Locale.ROOT) + ")"));
      return null;
    }
    return n.textValue();
  }

  /** A boolean field, false when absent or null; a non-boolean value is a violation. */
  static boolean bool(JsonNode body, String field, List<Violation> v) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      v.add(new Violation(field, "must be true or false (got " + n.getNodeType().name().toLowerCase(Locale.ROOT) + ")"));
      return false;
    }
    return n.booleanValue();
  }

  static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** Throws the collected violations, if any. */
  static void check(List<Violation> v) {
    if (!v.isEmpty()) {
      throw HttpProblem.invalid(v);
    }
  }
}
