package dev.talkback.comments.servlet;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code talkback.*} init parameters of a servlet declared in {@code web.xml}, read by type. Every
 * reader trims the value, treats a blank one as absent, and refuses a bad one with an {@link
 * IllegalArgumentException} whose message names the parameter, the value and what it must be.
 */
final class InitParams {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB)?", Pattern.CASE_INSENSITIVE);

  private final Map<String, String> values;

  InitParams(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Every parameter as given (for a store factory). */
  Map<String, String> all() {
    return values;
  }

  /** The trimmed value, or null when absent or blank. */
  @Nullable String string(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** The value exactly as given (a secret or token: spaces may matter), or null when absent or blank. */
  @Nullable String raw(String name) {
    String v = values.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  /**
   * A duration such as {@code 500ms}, {@code 20s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code
   * PT20S}); null when absent.
   */
  @Nullable Duration duration(String name) {
    String v = string(name);
    if (v == null) {
      return null;
    }
    Matcher m = DURATION.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be a duration such as 500ms, 20s, 5m, 2h, 1d or PT20S, not '"
          + v + "'", e);
    }
  }

  /** A whole number; null when absent. */
  @Nullable Long number(String name) {
    String v = string(name);
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'", e);
    }
  }

  /** A size in bytes: {@code 65536}, {@code 64KB} or {@code 1MB} (powers of 1024); null when absent. */
  @Nullable Long bytes(String name) {
    String v = string(name);
    if (v == null) {
      return null;
    }
    Matcher m = SIZE.matcher(v);
    if (!m.matches() || m.group(1).length() > 12) {
      throw new IllegalArgumentException(name + " must be a size such as 65536, 64KB or 1MB, not '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    return switch (unit) {
      case "KB" -> n * 1024;
      case "MB" -> n * 1024 * 1024;
      default -> n;
    };
  }

  /** {@code on}/{@code true} or {@code off}/{@code false}; {@code otherwise} when absent. */
  boolean flag(String name, boolean otherwise) {
    String v = string(name);
    if (v == null) {
      return otherwise;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes" -> true;
      case "off", "false", "no" -> false;
      default -> throw new IllegalArgumentException(name + " must be on or off, not '" + v + "'");
    };
  }

  /** A rate limit from {@code <name>.burst} and {@code <name>.period} (both, or neither: null). */
  @Nullable RateLimit rateLimit(String name) {
    Long burst = number(name + ".burst");
    Duration period = duration(name + ".period");
    if (burst == null && period == null) {
      return null;
    }
    if (burst == null || period == null) {
      throw new IllegalArgumentException("set both " + name + ".burst and " + name + ".period (such as 5 and 1m)");
    }
    if (burst < 1 || burst > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + ".burst must be at least 1: " + burst);
    }
    return new RateLimit(burst.intValue(), period);
  }
}
