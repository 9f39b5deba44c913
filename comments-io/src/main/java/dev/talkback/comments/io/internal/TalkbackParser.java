package dev.talkback.comments.io.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.talkback.comments.Author;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.CommentKind;
import dev.talkback.comments.io.ImportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads Talkback's JSON lines (see {@code docs/import-export.md}): a header object, then thread and
 * comment objects. Ids are kept as they are; the HTML is not trusted but rendered again from the source.
 */
public final class TalkbackParser implements SourceParser {
  /** A parser; it needs no context, since ids are kept and bodies are rendered in the second pass. */
  public TalkbackParser() {}

  @Override
  public void parse(InputStream in, RecordSink sink) {
    try (JsonParser p = TalkbackJson.FACTORY.createParser(in)) {
      boolean header = false;
      while (true) {
        JsonToken t;
        try {
          t = p.nextToken();
        } catch (JsonProcessingException e) {
          throw error(e);
        }
        if (t == null) {
          break;
        }
        JsonLocation at = p.currentTokenLocation();
        long line = at.getLineNr();
        long column = at.getColumnNr();
        if (t != JsonToken.START_OBJECT) {
          throw new ImportException(line, column, "expected a JSON object per line, found " + t, null);
        }
        Map<String, Object> o = object(p);
        if (!header) {
          header(o, line, column);
          header = true;
          continue;
        }
        String type = string(o, "type", line, column);
        switch (type) {
          case "thread" -> thread(o, line, column, sink);
          case "comment" -> comment(o, line, column, sink);
          default -> throw new ImportException(line, column, "unknown record type '" + type + "'", null);
        }
      }
      if (!header) {
        throw new ImportException(1, 1, "the file is empty: a Talkback export starts with a header line", null);
      }
    } catch (JsonProcessingException e) {
      throw error(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ImportException error(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    return new ImportException(l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
        "malformed JSON: " + e.getOriginalMessage(), e);
  }

  private static void header(Map<String, Object> o, long line, long column) {
    if (!TalkbackJson.MAGIC.equals(o.get("talkback"))) {
      throw new ImportException(line, column,
          "not a Talkback export: the first line must be the header {\"talkback\":\"comments\",\"version\":1,...}",
          null);
    }
    Object version = o.get("version");
    if (!(version instanceof Long n) || n != TalkbackJson.VERSION) {
      throw new ImportException(line, column, "unsupported Talkback export version " + version
          + "; this version reads version " + TalkbackJson.VERSION, null);
    }
  }

  private void thread(Map<String, Object> o, long line, long column, RecordSink sink) {
    String key = string(o, "key", line, column);
    ThreadKey k;
    try {
      k = ThreadKey.of(key);
    } catch (IllegalArgumentException e) {
      throw new ImportException(line, column, String.valueOf(e.getMessage()), e);
    }
    sink.thread(new SourceThread(key, k, optional(o, "title", ""), nullable(o, "url"),
        Boolean.TRUE.equals(o.get("closed")), false, line));
  }

  private void comment(Map<String, Object> o, long line, long column, RecordSink sink) {
    String id = string(o, "id", line, column);
    try {
      CommentId cid = CommentId.parse(id);
      String parent = nullable(o, "parent");
      Object a = o.get("author");
      if (!(a instanceof Map<?, ?> authorMap)) {
        throw new ImportException(line, column, "comment " + id + " has no author object", null);
      }
      @SuppressWarnings("unchecked") // object() builds maps of String keys only
      Map<String, Object> am = (Map<String, Object>) authorMap;
      Author author = new Author(optional(am, "name", ""), nullable(am, "email"),
          nullable(am, "website"), nullable(am, "userId"));
      CommentKind kind = CommentKind.valueOf(optional(o, "kind", "comment").toUpperCase(Locale.ROOT));
      author = kind.mark(author);
      Format format = Format.valueOf(string(o, "format", line, column));
      String text = string(o, "source", line, column); // rendered again in the second pass: never trusted
      String edited = nullable(o, "edited");
      Object likes = o.getOrDefault("likes", 0);
      if (!(likes instanceof Long likeCount) || likeCount < 0 || likeCount > Integer.MAX_VALUE) {
        throw new ImportException(line, column, "comment " + id + " has a bad likes count: " + likes, null);
      }
      sink.comment(new ImportRecord(line, column, id, string(o, "thread", line, column), cid,
          parent == null ? null : CommentId.parse(parent), author, text, format, null,
          CommentStatus.valueOf(string(o, "status", line, column)),
          Instant.parse(string(o, "created", line, column)), edited == null ? null : Instant.parse(edited),
          likeCount.intValue(), nullable(o, "editTokenHash"), nullable(o, "ipHash")));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new ImportException(line, column, "comment " + id + ": " + e.getMessage(), e);
    }
  }

  private static String string(Map<String, Object> o, String name, long line, long column) {
    Object v = o.get(name);
    if (!(v instanceof String s)) {
      throw new ImportException(line, column, "the field \"" + name + "\" must be a string", null);
    }
    return s;
  }

  private static String optional(Map<String, Object> o, String name, String fallback) {
    Object v = o.get(name);
    return v instanceof String s ? s : fallback;
  }

  private static @Nullable String nullable(Map<String, Object> o, String name) {
    Object v = o.get(name);
    return v instanceof String s ? s : null;
  }

  /**
   * Reads the object the parser is at (after its START_OBJECT); values are strings, numbers, booleans, maps.
   * Arrays, which this version never writes, are skipped: a newer version's header is refused by its
   * version, not by a field this one does not know.
   */
  private static Map<String, Object> object(JsonParser p) throws IOException {
    Map<String, Object> o = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (v) {
        case START_OBJECT -> o.put(name, object(p));
        case VALUE_STRING -> o.put(name, p.getText());
        case VALUE_NUMBER_INT -> o.put(name, p.getLongValue());
        case VALUE_TRUE, VALUE_FALSE -> o.put(name, p.getBooleanValue());
        case VALUE_NULL -> {
          // an absent value
        }
        case VALUE_NUMBER_FLOAT -> o.put(name, p.getDoubleValue()); // a known field refuses it by its type
        case START_ARRAY -> p.skipChildren();
        default -> {
          JsonLocation l = p.currentTokenLocation();
          throw new ImportException(l.getLineNr(), l.getColumnNr(), "unexpected " + v + " in field \"" + name + "\"",
              null);
        }
      }
    }
    return o;
  }
}
