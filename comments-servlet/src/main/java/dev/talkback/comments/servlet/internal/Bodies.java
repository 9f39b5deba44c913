package dev.talkback.comments.servlet.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads request bodies with a size cap, so an oversized body is refused before it is buffered, and decodes
 * them as strict UTF-8. On a servlet container with async support the body has already been read without
 * holding a thread ({@link AsyncBody}); this then only copies it.
 */
final class Bodies {
  private Bodies() {}

  /**
   * Reads the whole body.
   *
   * @throws HttpProblem 413 when the body (declared or actual) exceeds {@code maxBytes}; 400 if it cannot be read
   */
  static byte[] read(Request request, int maxBytes) {
    String declared = request.header("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxBytes) {
          throw tooLarge(maxBytes);
        }
      } catch (NumberFormatException e) {
        throw new HttpProblem(400, "bad_request", "Bad request", "the Content-Length header is not a number");
      }
    }
    try (InputStream in = request.body()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 8192));
      byte[] buf = new byte[8192];
      int total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw tooLarge(maxBytes);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new HttpProblem(400, "bad_request", "Bad request",
          "the request body could not be read completely; send it again");
    }
  }

  /**
   * Decodes a body (or percent-decoded parameter) as UTF-8, strictly: overlong forms, encoded surrogates,
   * truncated sequences and code points beyond U+10FFFF are refused, not replaced. A leading byte order mark
   * is dropped.
   *
   * @throws HttpProblem 400 {@code invalid_utf8} naming the first bad byte
   */
  static String utf8(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
        ? 3 : 0;
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = d.decode(in, out, true);
    if (!r.isError()) {
      r = d.flush(out);
    }
    if (r.isError()) {
      throw new HttpProblem(400, "invalid_utf8", "Invalid UTF-8", "the text is not valid UTF-8 at byte "
          + in.position() + " (overlong or truncated sequences and encoded surrogates are refused); send UTF-8");
    }
    return out.flip().toString();
  }

  /** The body as far as it is UTF-8, bad bytes replaced: only to show a reader's text back, never to store. */
  static String lenientUtf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static HttpProblem tooLarge(int maxBytes) {
    return new HttpProblem(413, "body_too_large", "Body too large",
        "the request body must be at most " + maxBytes + " bytes; shorten the comment");
  }
}
