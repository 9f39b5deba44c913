package dev.talkback.comments.servlet.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/**
 * Times as the widget shows them, for the server-rendered pages: "3 hours ago" in a {@code <time datetime>}
 * with the absolute date as its tooltip, in the reader's language. The units and rounding are those of the
 * widget's {@code Intl.RelativeTimeFormat} with {@code numeric: 'auto'} (so "yesterday", "last month").
 */
final class Times {
  private static final long[][] UNITS = {{60, 0}, {60, 1}, {24, 2}, {30, 3}, {12, 4}, {Long.MAX_VALUE, 5}};
  private static final String[] NAMES = {"second", "minute", "hour", "day", "month", "year"};

  private Times() {}

  /** Writes {@code <time datetime="…" title="26 November 2026, 04:39 UTC">3 hours ago</time>}. */
  static HtmlWriter time(HtmlWriter w, Instant at, Instant now, Messages msg) {
    String title = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(msg.locale())
        .withZone(ZoneOffset.UTC).format(at).concat(" UTC");
    return w.tag("time").attr("datetime", at.toString()).attr("title", title).text(relative(at, now, msg)).end();
  }

  /** "now", "5 minutes ago", "yesterday", "last year", ... */
  static String relative(Instant at, Instant now, Messages msg) {
    double s = Math.max(0, Duration.between(at, now).toMillis() / 1000.0);
    int i = 0;
    while (s >= UNITS[i][0]) {
      s /= UNITS[i][0];
      i++;
    }
    long n = i == 0 && s < 45 ? 0 : Math.round(s);
    if (n == 0) {
      return msg.get("time.now");
    }
    return n == 1 ? msg.get("time." + NAMES[i] + ".1") : msg.format("time." + NAMES[i] + ".n", n);
  }
}
