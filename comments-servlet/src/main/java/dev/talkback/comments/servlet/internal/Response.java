package dev.talkback.comments.servlet.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the handler answers: a status, headers and the body as ready bytes, or, for a download too large to
 * hold (a site's export), a {@link Streamed} body written to the client as it is produced. Not thread-safe
 * while built.
 */
public final class Response {
  private static final byte[] EMPTY = new byte[0];
  private final int status;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private byte[] body = EMPTY;
  private @Nullable Streamed streamed;

  /** A body written straight to the client, in constant memory, after the status and headers are sent. */
  @FunctionalInterface
  public interface Streamed {
    /**
     * Writes the body. The status and headers are sent already, so a failure cannot change them any more:
     * throw, and the container breaks the response off (no final chunk), which a client sees as a failed
     * download rather than a short file.
     *
     * @param out the response's stream; not to be closed
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  private Response(int status) {
    this.status = status;
  }

  /** An empty response with this status. */
  static Response status(int status) {
    return new Response(status);
  }

  /** A response with a body of this type; the bytes are not copied. */
  static Response of(int status, String contentType, byte[] body) {
    return new Response(status).header("Content-Type", contentType).body(body);
  }

  /** A response whose body is written by {@code body} as it is produced, without a length. */
  static Response streamed(int status, String contentType, Streamed body) {
    Response r = new Response(status).header("Content-Type", contentType);
    r.streamed = Objects.requireNonNull(body, "body");
    return r;
  }

  /** A UTF-8 text response. */
  static Response text(int status, String contentType, String body) {
    return of(status, contentType + ";charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  /** Sets a header, replacing earlier values. */
  Response header(String name, String value) {
    List<String> l = new ArrayList<>(1);
    l.add(Objects.requireNonNull(value, name));
    headers.put(name, l);
    return this;
  }

  /** Adds a header value (for {@code Set-Cookie} and {@code Vary}). */
  Response addHeader(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    return this;
  }

  /** Sets the header unless it is already set. */
  Response headerIfAbsent(String name, String value) {
    if (!headers.containsKey(name)) {
      header(name, value);
    }
    return this;
  }

  /** Replaces the body. */
  Response body(byte[] body) {
    this.body = Objects.requireNonNull(body, "body");
    return this;
  }

  /**
   * The status code.
   *
   * @return the HTTP status
   */
  public int status() {
    return status;
  }

  /**
   * The headers, in the order they were set.
   *
   * @return each header's values, by name
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * A header, by its name in any case.
   *
   * @param name the header name
   * @return its first value, or {@code null}
   */
  public @Nullable String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /**
   * The body, not copied: write it, do not change it.
   *
   * @return the body's bytes, empty when there is none
   */
  public byte[] body() {
    return body;
  }

  /**
   * The streamed body, when there is one: then {@link #body()} is empty and the body is written by it.
   *
   * @return the streamed body, or {@code null} for a body of ready bytes
   */
  public @Nullable Streamed streamed() {
    return streamed;
  }

  /**
   * The body as text.
   *
   * @return the body decoded as UTF-8 (for tests and logs)
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
