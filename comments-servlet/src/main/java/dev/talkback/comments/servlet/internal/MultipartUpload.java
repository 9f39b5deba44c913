package dev.talkback.comments.servlet.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578), as a plain HTML form with {@code
 * enctype="multipart/form-data"} sends it, in one pass and constant memory: the text fields are kept (a few,
 * small), the one file is streamed to where the caller says as it arrives. Needs no container multipart
 * configuration ({@code @MultipartConfig}), so it works the same on every container and behind {@code
 * web.xml}. Counts every byte: more than the limit is a 413 however the body was framed. One instance per
 * request; not thread-safe.
 */
final class MultipartUpload {
  private static final int MAX_FIELDS = 20;
  private static final int MAX_FIELD_BYTES = 4096;
  private static final int MAX_HEADER_BYTES = 8192;

  /** Where the file part goes. */
  @FunctionalInterface
  interface FileSink {
    /**
     * Opens the stream the file's bytes are written to; called once, when the file part starts. May refuse
     * (throw), say when a field that must come before the file (a CSRF token) is missing.
     *
     * @param fields the text fields read before the file, by name
     * @param field the form field's name
     * @param filename the file's name as the browser sent it (may be empty)
     * @return the stream; the reader closes it
     * @throws IOException if it cannot be opened
     */
    OutputStream open(Map<String, String> fields, String field, String filename) throws IOException;
  }

  /**
   * What the form held.
   *
   * @param fields the text fields, by name (the first value of each)
   * @param filename the file's name, or {@code null} if the form had no file part
   * @param fileBytes the file's size
   */
  record Form(Map<String, String> fields, @Nullable String filename, long fileBytes) {}

  private final InputStream in;
  private final long maxBytes;
  private final byte[] delimiter;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int end;
  private long total;
  private boolean eof;

  private MultipartUpload(InputStream in, String boundary, long maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The boundary of a {@code multipart/form-data} content type.
   *
   * @param contentType the request's {@code Content-Type}
   * @return the boundary
   * @throws HttpProblem 415 if the type is not multipart/form-data, 400 if it has no usable boundary
   */
  static String boundary(@Nullable String contentType) {
    if (contentType == null || !Json.mediaType(contentType).equals("multipart/form-data")) {
      throw new HttpProblem(415, "unsupported_media_type", "Unsupported media type",
          "send the file with the upload form (multipart/form-data)");
    }
    for (String p : contentType.split(";", -1)) {
      String t = p.trim();
      if (t.regionMatches(true, 0, "boundary=", 0, 9)) {
        String b = t.substring(9);
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        if (!b.isEmpty() && b.length() <= 70 && b.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
          return b;
        }
      }
    }
    throw new HttpProblem(400, "bad_multipart", "Bad upload", "the multipart/form-data body names no boundary");
  }

  /**
   * Reads the whole form; the file part (at most one) goes to {@code files}.
   *
   * @param in the body
   * @param boundary from {@link #boundary}
   * @param maxBytes the largest body accepted
   * @param files where the file goes
   * @return the fields and the file's name and size
   * @throws HttpProblem 413 over {@code maxBytes}; 400 for a body that is not well-formed multipart
   * @throws IOException if the body or the file cannot be read or written
   */
  static Form read(InputStream in, String boundary, long maxBytes, FileSink files) throws IOException {
    return new MultipartUpload(in, boundary, maxBytes).form(files);
  }

  private Form form(FileSink files) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    String filename = null;
    long fileBytes = 0;
    // the first boundary has no CRLF before it: pretend one is there
    byte[] first = new byte[delimiter.length - 2];
    System.arraycopy(delimiter, 2, first, 0, first.length);
    skipTo(first);
    while (true) {
      fill(2);
      if (end - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
        return new Form(fields, filename, fileBytes); // the closing boundary; an epilogue is ignored
      }
      String headers = headers();
      String disposition = header(headers, "content-disposition");
      if (disposition == null) {
        throw bad("a part of the form has no Content-Disposition header");
      }
      String name = param(disposition, "name");
      if (name == null) {
        throw bad("a part of the form has no Content-Disposition name");
      }
      String file = param(disposition, "filename");
      if (file != null) {
        if (filename != null) {
          throw bad("the form holds more than one file; upload one at a time");
        }
        filename = file;
        try (OutputStream out = files.open(fields, name, file)) {
          fileBytes = copyPart(out, Long.MAX_VALUE);
        }
      } else {
        if (fields.size() >= MAX_FIELDS) {
          throw bad("the form has too many fields");
        }
        java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
        copyPart(value, MAX_FIELD_BYTES);
        fields.putIfAbsent(name, Bodies.utf8(value.toByteArray()));
      }
    }
  }

  /** Reads the part's header lines up to the empty line; skips the CRLF after the boundary first. */
  private String headers() throws IOException {
    StringBuilder h = new StringBuilder();
    // after a boundary: optional transport padding, then CRLF
    while (true) {
      fill(1);
      if (pos >= end) {
        throw truncated();
      }
      byte b = buf[pos++];
      if (b == '\n') {
        break;
      }
      if (b != '\r' && b != ' ' && b != '\t') {
        throw bad("a boundary is followed by something other than a line break");
      }
    }
    int lineStart = 0;
    while (true) {
      fill(1);
      if (pos >= end) {
        throw truncated();
      }
      byte b = buf[pos++];
      if (h.length() > MAX_HEADER_BYTES) {
        throw bad("a part's headers are too long");
      }
      if (b == '\n') {
        int len = h.length();
        if (len > 0 && h.charAt(len - 1) == '\r') {
          h.setLength(--len);
        }
        if (len == lineStart) {
          return h.toString();
        }
        h.append('\n');
        lineStart = h.length();
      } else {
        h.append((char) (b & 0xff));
      }
    }
  }

  /** Copies the part's bytes up to the next delimiter to {@code out}; returns how many. */
  private long copyPart(OutputStream out, long max) throws IOException {
    long n = 0;
    while (true) {
      fill(delimiter.length);
      int found = indexOf(delimiter, pos, end);
      if (found >= 0) {
        n += found - pos;
        if (n > max) {
          throw bad("a form field is too long");
        }
        out.write(buf, pos, found - pos);
        pos = found + delimiter.length;
        return n;
      }
      if (eof) {
        throw truncated();
      }
      // keep a tail that may be the start of the delimiter
      int safe = Math.max(pos, end - delimiter.length + 1);
      n += safe - pos;
      if (n > max) {
        throw bad("a form field is too long");
      }
      out.write(buf, pos, safe - pos);
      pos = safe;
    }
  }

  /** Skips to just after the first {@code marker} (the preamble before the first boundary is ignored). */
  private void skipTo(byte[] marker) throws IOException {
    while (true) {
      fill(marker.length);
      int found = indexOf(marker, pos, end);
      if (found >= 0) {
        pos = found + marker.length;
        return;
      }
      if (eof) {
        throw bad("the body holds no part with the boundary its Content-Type names");
      }
      pos = Math.max(pos, end - marker.length + 1);
    }
  }

  /** Makes at least {@code want} bytes available unless the body ends first; compacts the buffer. */
  private void fill(int want) throws IOException {
    if (end - pos >= want || eof) {
      return;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, end - pos);
      end -= pos;
      pos = 0;
    }
    while (end - pos < Math.max(want, buf.length / 2) && end < buf.length) {
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        eof = true;
        return;
      }
      total += n;
      if (total > maxBytes) {
        throw ImportJobs.tooLarge(maxBytes);
      }
      end += n;
      if (end - pos >= want) {
        return;
      }
    }
  }

  private int indexOf(byte[] needle, int from, int to) {
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      if (buf[i] != needle[0]) {
        continue;
      }
      for (int j = 1; j < needle.length; j++) {
        if (buf[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static @Nullable String header(String headers, String name) {
    for (String line : headers.split("\n", -1)) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  /** A parameter of a {@code Content-Disposition} value: {@code name="x"} or {@code name=x}. */
  private static @Nullable String param(String value, String name) {
    int i = 0;
    while (i < value.length()) {
      int semi = value.indexOf(';', i);
      if (semi < 0) {
        return null;
      }
      int eq = value.indexOf('=', semi);
      if (eq < 0) {
        return null;
      }
      String key = value.substring(semi + 1, eq).trim().toLowerCase(Locale.ROOT);
      int start = eq + 1;
      String v;
      if (start < value.length() && value.charAt(start) == '"') {
        StringBuilder b = new StringBuilder();
        int k = start + 1;
        for (; k < value.length() && value.charAt(k) != '"'; k++) {
          char c = value.charAt(k);
          if (c == '\\' && k + 1 < value.length()) {
            c = value.charAt(++k);
          }
          b.append(c);
        }
        v = b.toString();
        i = k + 1;
      } else {
        int next = value.indexOf(';', start);
        v = (next < 0 ? value.substring(start) : value.substring(start, next)).trim();
        i = next < 0 ? value.length() : next;
      }
      if (key.equals(name)) {
        // header bytes were read as ISO-8859-1; browsers send the names as UTF-8
        return new String(v.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static HttpProblem bad(String detail) {
    return new HttpProblem(400, "bad_multipart", "Bad upload", detail);
  }

  private static HttpProblem truncated() {
    return bad("the upload ended before the form did (was it interrupted?); send it again");
  }
}
