package dev.talkback.comments.servlet.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
  private static final String[] NO_HEADERS = new String[0];
  private final int status;
  /** Header names and values, alternating, in the order set; {@link #preset}'s until first changed. */
  private String[] headers = NO_HEADERS;
  private int headerCount;
  /** The block the headers are shared with, while they are unchanged. */
  private @Nullable HeaderBlock preset;
  private boolean secured;
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

  /**
   * A response with headers made once and shared by every response that uses them (names and values
   * alternating; never changed: a header set later copies them first), which already include the security
   * headers and {@code Vary: Origin} that {@code Guard.decorate} would add. The cached thread's path: no
   * header is built per request.
   */
  static Response preset(int status, HeaderBlock headers, byte[] body) {
    Response r = new Response(status);
    r.preset = headers;
    r.headers = headers.lines();
    r.headerCount = r.headers.length / 2;
    r.secured = true;
    r.body = Objects.requireNonNull(body, "body");
    return r;
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
    Objects.requireNonNull(value, name);
    int i = indexOf(name);
    if (i < 0) {
      return addHeader(name, value);
    }
    owned();
    headers[2 * i + 1] = value;
    for (int j = headerCount - 1; j > i; j--) {
      if (headers[2 * j].equals(name)) {
        remove(j);
      }
    }
    return this;
  }

  /** Adds a header value (for {@code Set-Cookie} and {@code Vary}). */
  Response addHeader(String name, String value) {
    Objects.requireNonNull(value, name);
    owned();
    if (2 * headerCount == headers.length) {
      headers = Arrays.copyOf(headers, Math.max(16, headers.length * 2));
    }
    headers[2 * headerCount] = name;
    headers[2 * headerCount + 1] = value;
    headerCount++;
    return this;
  }

  /** Sets the header unless it is already set. */
  Response headerIfAbsent(String name, String value) {
    if (indexOf(name) < 0) {
      addHeader(name, value);
    }
    return this;
  }

  /** Whether the headers came with the security headers and {@code Vary: Origin} already ({@link #preset}). */
  boolean secured() {
    return secured;
  }

  /** The index of the first header of this name (exact case, as set), or -1. */
  private int indexOf(String name) {
    for (int i = 0; i < headerCount; i++) {
      if (headers[2 * i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private void remove(int i) {
    System.arraycopy(headers, 2 * i + 2, headers, 2 * i, 2 * (headerCount - i - 1));
    headerCount--;
  }

  /** Copies shared preset headers before the first change. */
  private void owned() {
    if (preset != null) {
      headers = Arrays.copyOf(headers, Math.max(16, headers.length + 8));
      preset = null;
    }
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
   * The preset block these headers are, while no header was set since: a transport may send it in a
   * container's ready form ({@link ContainerHeaders}) instead of line by line.
   *
   * @return the block, or {@code null} if the headers were built for this response or changed
   */
  public @Nullable HeaderBlock presetHeaders() {
    return preset;
  }

  /**
   * The headers, in the order they were set (a copy, for tests and logs; a transport iterates
   * {@link #headerCount}, {@link #headerName} and {@link #headerValue}).
   *
   * @return each header's values, by name
   */
  public Map<String, List<String>> headers() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < headerCount; i++) {
      m.computeIfAbsent(headers[2 * i], k -> new ArrayList<>(1)).add(headers[2 * i + 1]);
    }
    return m;
  }

  /**
   * The number of header lines.
   *
   * @return how many headers there are (a name set twice counts twice)
   */
  public int headerCount() {
    return headerCount;
  }

  /**
   * The name of a header line.
   *
   * @param i from 0 to {@link #headerCount()} (exclusive), in the order set
   * @return its name
   */
  public String headerName(int i) {
    Objects.checkIndex(i, headerCount);
    return headers[2 * i];
  }

  /**
   * The value of a header line.
   *
   * @param i from 0 to {@link #headerCount()} (exclusive), in the order set
   * @return its value
   */
  public String headerValue(int i) {
    Objects.checkIndex(i, headerCount);
    return headers[2 * i + 1];
  }

  /**
   * A header, by its name in any case.
   *
   * @param name the header name
   * @return its first value, or {@code null}
   */
  public @Nullable String header(String name) {
    for (int i = 0; i < headerCount; i++) {
      if (headers[2 * i].equalsIgnoreCase(name)) {
        return headers[2 * i + 1];
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
