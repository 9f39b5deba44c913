package dev.talkback.comments.io.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.ImportException;
import dev.talkback.comments.io.ImportProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads Isso's generic import format: a JSON array of threads, each {@code {"id", "title", "comments"}},
 * the id the thread's URL path; each comment {@code {"id", "author", "email", "website", "remote_addr",
 * "created", "text"}}, {@code created} as {@code yyyy-MM-dd HH:mm:ss} (as Python's {@code strptime}
 * reads it; taken as UTC), the text Markdown (Isso renders Markdown). Comment ids are unique only within a
 * thread, so a comment's original id is {@code <thread id>#<comment id>}; Isso numbers imported comments
 * itself and keeps one whose id repeats, and so does this parser (as {@code <thread id>#<comment id>~<n>},
 * reported), which is why it holds the file's comment ids in memory. Isso's own importer makes every
 * comment public and top-level; this one also honours the fields of Isso's database when a file has them:
 * {@code parent} (a comment id in the same thread) and {@code mode} (1 public, 2 pending, 4 deleted).
 * {@code remote_addr} is not imported.
 */
public final class IssoParser implements SourceParser {
  /**
   * Python's {@code strptime("%Y-%m-%d %H:%M:%S")}, which Isso's importer uses: one or two digits for all
   * but the year, and any run of white space (or a {@code T}) between date and time; fractions of a second
   * are read too, and so is an ISO-8601 time with its zone, which Isso would refuse.
   */
  private static final DateTimeFormatter ISSO_DATE = new DateTimeFormatterBuilder()
      .appendValue(ChronoField.YEAR, 4).appendLiteral('-')
      .appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, SignStyle.NOT_NEGATIVE).appendLiteral('-')
      .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE).appendLiteral(' ')
      .appendValue(ChronoField.HOUR_OF_DAY, 1, 2, SignStyle.NOT_NEGATIVE).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 1, 2, SignStyle.NOT_NEGATIVE).appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 1, 2, SignStyle.NOT_NEGATIVE)
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .toFormatter(Locale.ROOT);
  private static final Pattern DATE_TIME_GAP = Pattern.compile("(?<=\\d)(?:\\s+|T)(?=\\d)");

  /** How often each original id ({@code <thread id>#<comment id>}) was seen: Isso keeps a repeated one. */
  private final Map<String, Integer> seen = new HashMap<>();

  private final SourceContext ctx;

  /**
   * A parser for {@code ctx}.
   *
   * @param ctx the import context
   */
  public IssoParser(SourceContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void parse(InputStream in, RecordSink sink) {
    try (JsonParser p = JsonSource.open(in)) {
      JsonSource.first(p, JsonToken.START_ARRAY,
          "the file is empty: an Isso import is a JSON array of threads",
          "not an Isso import: it must be a JSON array of threads, found ");
      JsonToken t;
      while ((t = JsonSource.require(p, "inside the array of threads")) != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) {
          throw JsonSource.at(p, "expected a thread object, found " + t);
        }
        thread(p, sink);
      }
      JsonSource.end(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One thread; its comments stream, held back only while the thread's id has not been read yet. */
  private void thread(JsonParser p, RecordSink sink) {
    JsonLocation start = p.currentTokenLocation();
    @Nullable String threadId = null;
    String title = "";
    List<Pending> waiting = new ArrayList<>();
    JsonToken t;
    while ((t = JsonSource.require(p, "inside a thread")) != JsonToken.END_OBJECT) {
      String field = JsonSource.name(p);
      JsonToken v = JsonSource.require(p, "inside a thread");
      switch (field) {
        case "id" -> {
          // Isso stores whatever the id is as the thread's URI: a number too
          threadId = v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT
              ? SourceContext.blankToNull(text(p)) : null;
          if (threadId == null) {
            throw JsonSource.at(p, "a thread's \"id\" must be a non-empty string");
          }
          for (Pending c : waiting) {
            comment(c.o(), c.line(), c.column(), threadId, sink);
          }
          waiting.clear();
        }
        case "title" -> title = v == JsonToken.VALUE_STRING ? text(p) : "";
        case "comments" -> {
          if (!JsonSource.arrayOrNull(p, v, "a thread's \"comments\"")) {
            break;
          }
          JsonToken c;
          while ((c = JsonSource.require(p, "inside a thread's comments")) != JsonToken.END_ARRAY) {
            if (c != JsonToken.START_OBJECT) {
              throw JsonSource.at(p, "expected a comment object, found " + c);
            }
            JsonLocation at = p.currentTokenLocation();
            Map<String, Object> o = JsonSource.object(p);
            if (threadId == null) {
              waiting.add(new Pending(o, at.getLineNr(), at.getColumnNr()));
            } else {
              comment(o, at.getLineNr(), at.getColumnNr(), threadId, sink);
            }
          }
        }
        default -> JsonSource.skip(p);
      }
    }
    if (threadId == null) {
      throw new ImportException(start.getLineNr(), start.getColumnNr(), "a thread without \"id\"", null);
    }
    ThreadKey key = ctx.keys().keyFor(threadId).orElse(null);
    // the thread's id is its ref: a file that lists one thread twice (Isso itself would refuse it) keeps
    // every comment of both in the one thread
    sink.thread(new SourceThread(threadId, key, ctx.renderer().normalize(title).strip(),
        threadId.contains("://") ? threadId : null, false, false, start.getLineNr(), threadId));
  }

  private static String text(JsonParser p) {
    try {
      return p.getText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void comment(Map<String, Object> o, long line, long column, String threadId, RecordSink sink) {
    String local = JsonSource.required(o, "id", line, column, "a comment");
    String id = threadId + "#" + local;
    int n = seen.merge(id, 1, Integer::sum);
    if (n > 1) {
      // Isso numbers the comments it imports itself and keeps both; so do we, with an id the same file
      // gives again
      sink.problem(new ImportProblem(line, column, id, "the comment id repeats in its thread (occurrence " + n
          + "): imported as " + id + "~" + n));
      id = id + "~" + n;
    }
    String parent = JsonSource.text(o, "parent");
    CommentStatus status = status(o.get("mode"), line, column, id, sink);
    String text = JsonSource.text(o, "text");

    CommentId parentId = parent == null ? null : Ids.derive(ctx.site(), ctx.source(), threadId + "#" + parent);
    sink.comment(new ImportRecord(line, column, id, threadId, Ids.derive(ctx.site(), ctx.source(), id), parentId,
        ctx.author(JsonSource.text(o, "author"), JsonSource.text(o, "email"), JsonSource.text(o, "website"), null),
        text == null ? "" : text, Format.MARKDOWN, null, status, created(o, line, column, id), null, 0, null, null));
  }

  private static CommentStatus status(@Nullable Object mode, long line, long column, String id, RecordSink sink) {
    if (mode == null) {
      return CommentStatus.APPROVED;
    }
    if (mode instanceof Long m) {
      if (m == 1) {
        return CommentStatus.APPROVED;
      }
      if (m == 2) {
        return CommentStatus.PENDING;
      }
      if (m == 4) {
        return CommentStatus.DELETED;
      }
    }
    sink.problem(new ImportProblem(line, column, id, "unknown mode " + mode + ": imported as pending"));
    return CommentStatus.PENDING;
  }

  private static Instant created(Map<String, Object> o, long line, long column, String id) {
    Object v = o.get("created");
    if (v instanceof Long seconds) {
      return Instant.ofEpochSecond(seconds);
    }
    if (v instanceof Double seconds) {
      return Instant.ofEpochSecond(seconds.longValue(), (long) ((seconds - Math.floor(seconds)) * 1e9) / 1000 * 1000);
    }
    if (!(v instanceof String s)) {
      throw new ImportException(line, column, "comment " + id + " has no \"created\" time", null);
    }
    String t = DATE_TIME_GAP.matcher(s.strip()).replaceFirst(" ");
    try {
      return LocalDateTime.parse(t, ISSO_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // a converter may write ISO-8601 with its zone: Isso would refuse it, but the zone makes it unambiguous
      try {
        return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
      } catch (DateTimeParseException withZone) {
        throw new ImportException(line, column,
            "comment " + id + " has a time that is not 'yyyy-MM-dd HH:mm:ss': '" + s + "'", e);
      }
    }
  }

  private record Pending(Map<String, Object> o, long line, long column) {}
}
