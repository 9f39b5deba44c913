package dev.talkback.comments.servlet.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the handler answers: a status, headers and the body as ready bytes. Not thread-safe while built. */
public final class Response {
  private int status;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private byte[] body = new byte[0];

  private Response(int status) {
    this.status = status;
  }

  /** An empty response with this status. */
  public static Response status(int status) {
    return new Response(status);
  }

  /** A response with a body of this type. */
  public static Response of(int status, String contentType, byte[] body) {
    return new Response(status).header("Content-Type", contentType).body(body);
  }

  /** A UTF-8 text response. */
  public static Response text(int status, String contentType, String body) {
    return of(status, contentType + ";charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  /** Sets a header, replacing earlier values. */
  public Response header(String name, String value) {
    List<String> l = new ArrayList<>(1);
    l.add(Objects.requireNonNull(value, name));
    headers.put(name, l);
    return this;
  }

  /** Adds a header value (for {@code Set-Cookie} and {@code Vary}). */
  public Response addHeader(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    return this;
  }

  /** Sets the header unless it is already set. */
  public Response headerIfAbsent(String name, String value) {
    if (!headers.containsKey(name)) {
      header(name, value);
    }
    return this;
  }

  public Response body(byte[] body) {
    this.body = Objects.requireNonNull(body, "body");
    return this;
  }

  public Response status(int status, boolean keepBody) {
    this.status = status;
    if (!keepBody) {
      body = new byte[0];
    }
    return this;
  }

  public int status() {
    return status;
  }

  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, or {@code null}. */
  public @org.jspecify.annotations.Nullable String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  public byte[] body() {
    return body;
  }

  /** The body as UTF-8 text (for tests and logs). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
