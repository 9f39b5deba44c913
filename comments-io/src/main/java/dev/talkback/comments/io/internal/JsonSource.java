package dev.talkback.comments.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.talkback.comments.io.ImportException;
import dev.talkback.comments.io.ImportProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What the JSON parsers of other systems' formats share: Jackson's streaming parser, JSON errors as
 * {@link ImportException}s with their position, and one record at a time read into a small map (strings,
 * numbers, booleans, nested maps and lists; {@code null} values left out).
 */
final class JsonSource {
  static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonSource() {}

  static JsonParser open(InputStream in) {
    try {
      return FACTORY.createParser(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next token; null at the end of the input. */
  static @Nullable JsonToken next(JsonParser p) {
    try {
      return p.nextToken();
    } catch (JsonProcessingException e) {
      throw error(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The file's first token, which must be {@code expected}: an empty file or another value is not this
   * format.
   *
   * @param ifEmpty the message for an empty file
   * @param notThisFormat the start of the message for another first token (the token found is appended)
   */
  static void first(JsonParser p, JsonToken expected, String ifEmpty, String notThisFormat) {
    JsonToken first = next(p);
    if (first == null) {
      throw new ImportException(1, 1, ifEmpty, null);
    }
    if (first != expected) {
      throw at(p, notThisFormat + first);
    }
  }

  /** The next token, which must exist: the end of the input here means the file is truncated. */
  static JsonToken require(JsonParser p, String where) {
    JsonToken t = next(p);
    if (t == null) {
      JsonLocation l = p.currentLocation();
      throw new ImportException(l.getLineNr(), l.getColumnNr(), "the file ends " + where + ": it is truncated", null);
    }
    return t;
  }

  /** The current token's value as a long. */
  static long longValue(JsonParser p) {
    try {
      return p.getLongValue();
    } catch (JsonProcessingException e) {
      throw error(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The current field's name. */
  static String name(JsonParser p) {
    try {
      String n = p.currentName();
      if (n == null) {
        throw at(p, "expected a field name");
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ImportException error(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    return new ImportException(l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
        "malformed JSON: " + e.getOriginalMessage(), e);
  }

  static ImportException at(JsonParser p, String message) {
    JsonLocation l = p.currentTokenLocation();
    return new ImportException(l.getLineNr(), l.getColumnNr(), message, null);
  }

  /** Checks that nothing but white space follows the document. */
  static void end(JsonParser p) {
    JsonToken t = next(p);
    if (t != null) {
      throw at(p, "unexpected " + t + " after the end of the JSON document");
    }
  }

  /** Reads the object the parser is at (its START_OBJECT is the current token). */
  static Map<String, Object> object(JsonParser p) {
    try {
      return readObject(p);
    } catch (JsonProcessingException e) {
      throw error(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Skips the value the parser is at (its first token is the current token). */
  static void skip(JsonParser p) {
    try {
      p.skipChildren();
    } catch (JsonProcessingException e) {
      throw error(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> readObject(JsonParser p) throws IOException {
    Map<String, Object> o = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      Object v = value(p, p.nextToken());
      if (v != null) {
        o.put(name, v);
      }
    }
    return o;
  }

  private static @Nullable Object value(JsonParser p, @Nullable JsonToken t) throws IOException {
    if (t == null) {
      JsonLocation l = p.currentLocation();
      throw new ImportException(l.getLineNr(), l.getColumnNr(), "the file ends inside a record: it is truncated",
          null);
    }
    return switch (t) {
      case START_OBJECT -> readObject(p);
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          Object v = value(p, e);
          if (v != null) {
            list.add(v);
          }
        }
        yield list;
      }
      case VALUE_STRING -> p.getText();
      // a number beyond a long (Python's ints have no bound) is kept, so an id of any size reads as text
      case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
          : p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
      case VALUE_NULL -> null;
      default -> {
        JsonLocation l = p.currentTokenLocation();
        throw new ImportException(l.getLineNr(), l.getColumnNr(), "unexpected " + t, null);
      }
    };
  }

  /** A field as text (numbers too), or null if absent or blank. */
  static @Nullable String text(Map<String, Object> o, String name) {
    Object v = o.get(name);
    if (v instanceof String s) {
      return SourceContext.blankToNull(s);
    }
    if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
      return v.toString();
    }
    return null;
  }

  /** A field that must be present, as text. */
  static String required(Map<String, Object> o, String name, long line, long column, String what) {
    String s = text(o, name);
    if (s == null) {
      throw new ImportException(line, column, what + " without \"" + name + "\"", null);
    }
    return s;
  }

  static boolean bool(Map<String, Object> o, String name) {
    return Boolean.TRUE.equals(o.get(name));
  }

  /**
   * A flag that decides a comment's status: {@code true} or {@code false}, also written as text; absent or
   * {@code null} is false. Any other value is reported and taken as false, never dropped silently.
   */
  static boolean flag(Map<String, Object> o, String name, long line, long column, String id, RecordSink sink) {
    Object v = o.get(name);
    if (v == null || v instanceof Boolean) {
      return Boolean.TRUE.equals(v);
    }
    if (v instanceof String s && (s.strip().equalsIgnoreCase("true") || s.strip().equalsIgnoreCase("false"))) {
      return s.strip().equalsIgnoreCase("true");
    }
    sink.problem(new ImportProblem(line, column, id,
        "\"" + name + "\" is neither true nor false (" + v + "): taken as false"));
    return false;
  }

  /**
   * Whether the value the parser is at is an array; {@code null} is taken as an empty one (Go writes an
   * empty slice so), anything else is an error naming the field.
   *
   * @return true if it is an array to read, false if it was {@code null}
   */
  static boolean arrayOrNull(JsonParser p, JsonToken v, String what) {
    if (v == JsonToken.VALUE_NULL) {
      return false;
    }
    if (v != JsonToken.START_ARRAY) {
      throw at(p, what + " must be an array");
    }
    return true;
  }

  /**
   * Reads an array of objects, or {@code null} (none), handing each object to {@code each} as it is read: the
   * header arrays and lists of the JSON formats, which may be long.
   *
   * @param p the parser, at the array's first token {@code v}
   * @param v the token the parser is at
   * @param what the array, for the error when it is not one, such as {@code "the header's \"users\""}
   * @param inside where the parser is, for the error when the file ends in the array
   * @param element what an element must be, for the error when it is not an object, such as {@code "a user"}
   * @param each called with each object, in order
   */
  static void objects(JsonParser p, JsonToken v, String what, String inside, String element,
      Consumer<Map<String, Object>> each) {
    if (!arrayOrNull(p, v, what)) {
      return;
    }
    JsonToken t;
    while ((t = require(p, inside)) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw at(p, "expected " + element + " object, found " + t);
      }
      each.accept(object(p));
    }
  }

  @SuppressWarnings("unchecked") // readObject builds maps with String keys only
  static Map<String, Object> child(Map<String, Object> o, String name) {
    Object v = o.get(name);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** An RFC 3339 / ISO-8601 instant with an offset. */
  static Instant instant(String s, long line, long column, String id) {
    try {
      return java.time.OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new ImportException(line, column, "comment " + id + " has a time that is not RFC 3339: '" + s + "'", e);
    }
  }
}
