package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;

/** Reading request bodies and writing JSON, with errors that say what to fix. */
final class Json {
  /** The one mapper; configured once, threadsafe. */
  static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(1 << 20).build())
      .build());

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
    byte[] body = Bodies.read(request, maxBytes);
    if (body.length == 0) {
      throw new HttpProblem(400, "malformed_json", "Malformed JSON", "the body is empty; send a JSON object");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonParseException e) {
      throw new HttpProblem(400, "malformed_json", "Malformed JSON",
          "the body is not valid JSON at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new HttpProblem(400, "malformed_json", "Malformed JSON", "the body is not valid JSON: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw new HttpProblem(400, "malformed_json", "Malformed JSON",
          "the body must be a JSON object such as {\"text\": \"...\"}");
    }
    return (ObjectNode) node;
  }

  /** The media type without parameters, lower case. */
  static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

}
