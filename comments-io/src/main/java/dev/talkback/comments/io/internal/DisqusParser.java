package dev.talkback.comments.io.internal;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.ImportProblem;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Disqus XML export: a {@code <disqus>} root holding {@code <category>}, {@code <thread
 * dsq:id>} and {@code <post dsq:id>} elements. A post names its thread ({@code <thread dsq:id>}) and,
 * for a reply, its parent ({@code <parent dsq:id>}); {@code isSpam}, {@code isDeleted} and, where
 * present, {@code isApproved} give its status. The message is HTML and is sanitized.
 */
public final class DisqusParser implements SourceParser {
  /**
   * An ISO-8601 time as exports write it: a {@code T} or a space between date and time, seconds optional, any
   * fraction, and a zone of {@code Z}, {@code +01:00}, {@code +0100}, {@code +01} or none (UTC).
   */
  private static final Pattern TIME = Pattern.compile(
      "(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?)\\s*(?:([Zz])|([+-]\\d{2})(?::?(\\d{2}))?)?");

  private final SourceContext ctx;

  /**
   * A parser for {@code ctx}.
   *
   * @param ctx the import context
   */
  public DisqusParser(SourceContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void parse(InputStream in, RecordSink sink) {
    ControlCharFilter filtered = new ControlCharFilter(in);
    XMLStreamReader r = SafeXml.open(filtered);
    SafeXml.toRoot(r);
    if (!r.getLocalName().equals("disqus")) {
      throw SafeXml.at(r, "not a Disqus export: the root element is <" + r.getLocalName() + ">, not <disqus>",
          null);
    }
    while (true) {
      int e = SafeXml.next(r);
      if (e == XMLStreamConstants.END_ELEMENT) {
        break; // </disqus>
      }
      if (e != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      Location l = r.getLocation();
      long line = l.getLineNumber();
      long column = l.getColumnNumber();
      switch (r.getLocalName()) {
        case "thread" -> thread(SafeXml.flatten(r), line, sink);
        case "post" -> post(SafeXml.flatten(r), line, column, sink);
        default -> SafeXml.skip(r);
      }
    }
    while (SafeXml.next(r) != XMLStreamConstants.END_DOCUMENT) {
      // trailing comments and white space
    }
    SafeXml.reportControlChars(filtered, sink);
  }

  private void thread(Map<String, String> v, long line, RecordSink sink) {
    String ref = v.get("@id");
    if (ref == null || ref.isBlank()) {
      sink.problem(new ImportProblem(line, 0, "", "a <thread> without dsq:id: skipped"));
      return;
    }
    String url = SourceContext.blankToNull(v.get("link"));
    ThreadKey key = url == null ? null : ctx.keys().keyFor(url).orElse(null);
    String identifier = SourceContext.blankToNull(v.get("id"));
    if (key == null && identifier != null) {
      key = ctx.keys().keyForIdentifier(identifier).orElse(null);
    }
    String title = ctx.renderer().normalize(v.getOrDefault("title", "")).strip();
    sink.thread(new SourceThread(ref, key, title, url, bool(v.get("isClosed")), bool(v.get("isDeleted")), line));
  }

  private void post(Map<String, String> v, long line, long column, RecordSink sink) {
    String id = v.get("@id");
    if (id == null || id.isBlank()) {
      throw new dev.talkback.comments.io.ImportException(line, column, "a <post> without dsq:id", null);
    }
    String threadRef = v.get("thread@id");
    if (threadRef == null || threadRef.isBlank()) {
      throw new dev.talkback.comments.io.ImportException(line, column, "post " + id + " names no thread", null);
    }
    String parent = SourceContext.blankToNull(v.get("parent@id"));
    CommentStatus status;
    if (bool(v.get("isSpam"))) {
      status = CommentStatus.SPAM;
    } else if (bool(v.get("isDeleted"))) {
      status = CommentStatus.DELETED;
    } else if (v.containsKey("isApproved") && !bool(v.get("isApproved"))) {
      status = CommentStatus.PENDING;
    } else {
      status = CommentStatus.APPROVED;
    }
    String text = v.getOrDefault("message", "").strip(); // rendered and sanitized in the second pass
    sink.comment(new ImportRecord(line, column, id, threadRef, Ids.derive(ctx.site(), ctx.source(), id),
        parent == null ? null : derive(parent),
        ctx.author(v.get("author/name"), v.get("author/email"), null, null),
        text, Format.HTML, null, status, instant(v.get("createdAt"), line, column, id), null, 0,
        null, null));
  }

  private CommentId derive(String originalId) {
    return Ids.derive(ctx.site(), ctx.source(), originalId);
  }

  private static boolean bool(@Nullable String s) {
    return s != null && s.strip().toLowerCase(Locale.ROOT).equals("true");
  }

  /**
   * The common {@code 2014-09-26T20:11:04Z} without a formatter (the formatter cost a tenth of the first
   * pass); {@code null} for any other shape or an impossible date, which the formatter then reads or refuses.
   */
  static @Nullable Instant utcSeconds(String t) {
    if (t.length() != 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
        || t.charAt(16) != ':' || t.charAt(19) != 'Z') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int digits(String t, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static Instant instant(@Nullable String s, long line, long column, String id) {
    if (s == null || s.isBlank()) {
      throw new dev.talkback.comments.io.ImportException(line, column, "post " + id + " has no <createdAt>", null);
    }
    String t = s.strip();
    Instant fast = utcSeconds(t);
    if (fast != null) {
      return fast;
    }
    Matcher m = TIME.matcher(t);
    if (m.matches()) {
      String offset = m.group(4) == null ? "Z" : m.group(4) + ":" + (m.group(5) == null ? "00" : m.group(5));
      try {
        return OffsetDateTime.parse(m.group(1) + "T" + m.group(2).replace(',', '.') + offset).toInstant();
      } catch (DateTimeParseException e) {
        throw new dev.talkback.comments.io.ImportException(line, column,
            "post " + id + " has a <createdAt> that is not a possible time: '" + t + "'", e);
      }
    }
    throw new dev.talkback.comments.io.ImportException(line, column,
        "post " + id + " has a <createdAt> that is not an ISO-8601 time: '" + t + "'", null);
  }
}
