package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reading request bodies and writing JSON, with errors that say what to fix. */
final class Json {
  private static final int MAX_DEPTH = 32;
  private static final int MAX_STRING = 1 << 20;
  private static final int MAX_NUMBER_DIGITS = 1000;
  private static final int MAX_NAME = 50_000;
  /** The one mapper; configured once, threadsafe. */
  static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING)
          .maxNumberLength(MAX_NUMBER_DIGITS).maxNameLength(MAX_NAME).build())
      .build());
  /** Reads one JSON value and refuses anything after it ({@code {"a":1} garbage}). */
  private static final ObjectReader READER = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** A 200 (or other) JSON response. */
  static Response response(int status, JsonNode node) {
    return Response.of(status, "application/json", bytes(node)).header("Cache-Control", "no-store");
  }

  /**
   * Reads the body as a JSON object: the content type must be JSON, the body at most {@code maxBytes}.
   *
   * @throws HttpProblem 415, 413 or 400 saying what is wrong
   */
  static ObjectNode readObject(Request request, int maxBytes) {
    String type = request.header("Content-Type");
    if (type == null || !mediaType(type).equals("application/json")) {
      throw new HttpProblem(415, "unsupported_media_type", "Unsupported media type",
          "send the body as JSON with the header 'Content-Type: application/json'"
              + (type == null ? " (no Content-Type was sent)" : " (got '" + type + "')"));
    }
    String charset = parameter(type, "charset");
    if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
      throw new HttpProblem(415, "unsupported_media_type", "Unsupported media type",
          "JSON is UTF-8; send 'Content-Type: application/json' without a charset, or with charset=utf-8");
    }
    byte[] body = Bodies.read(request, maxBytes);
    if (body.length == 0) {
      throw new HttpProblem(400, "malformed_json", "Malformed JSON", "the body is empty; send a JSON object");
    }
    String text = Bodies.utf8(body);
    JsonNode node;
    try {
      node = READER.readTree(text);
    } catch (JsonParseException e) {
      throw new HttpProblem(400, "malformed_json", "Malformed JSON",
          "the body is not valid JSON" + where(e) + ": " + e.getOriginalMessage());
    } catch (MismatchedInputException e) { // trailing tokens
      throw new HttpProblem(400, "malformed_json", "Malformed JSON", "the body must be one JSON object and nothing"
          + " after it; remove what follows the closing brace" + where(e));
    } catch (StreamConstraintsException e) {
      throw new HttpProblem(400, "malformed_json", "Malformed JSON", beyond(e));
    } catch (IOException e) {
      throw new HttpProblem(400, "malformed_json", "Malformed JSON", "the body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new HttpProblem(400, "malformed_json", "Malformed JSON",
          "the body must be a JSON object such as {\"text\": \"...\"}");
    }
    return (ObjectNode) node;
  }

  /**
   * Which limit of the reader a body went past, in words (Jackson's own text names its classes). A long field
   * name or a number of 2,000 digits used to be told the body was nested too deep or had a 1 MiB string.
   */
  private static String beyond(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.startsWith("Document nesting depth")) {
      return "the body is nested more than " + MAX_DEPTH
          + " levels deep; send a flat object such as {\"text\": \"...\"}";
    }
    if (m.startsWith("String value length")) {
      return "a string in the body is longer than " + (MAX_STRING >> 20) + " MiB";
    }
    if (m.startsWith("Number value length")) {
      return "a number in the body has more than " + MAX_NUMBER_DIGITS + " digits; the API takes no such number";
    }
    if (m.startsWith("Name length")) {
      return "a field name in the body is longer than " + MAX_NAME + " characters; the API's fields are listed in"
          + " its description (/api/openapi.json)";
    }
    return "the body goes past a limit of the JSON reader (" + MAX_DEPTH + " levels of nesting, strings of "
        + (MAX_STRING >> 20) + " MiB, numbers of " + MAX_NUMBER_DIGITS + " digits, names of " + MAX_NAME
        + " characters); send a flat object such as {\"text\": \"...\"}";
  }

  /** " at line L, column C" of a parse error, or nothing when Jackson does not know. */
  private static String where(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    return l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
  }

  /** A parameter of a media type ({@code charset}), unquoted, or null. */
  static @Nullable String parameter(String contentType, String name) {
    String[] parts = contentType.split(";", -1);
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase(name)) {
        String v = parts[i].substring(eq + 1).trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
      }
    }
    return null;
  }

  /** The media type without parameters, lower case. */
  static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

}
