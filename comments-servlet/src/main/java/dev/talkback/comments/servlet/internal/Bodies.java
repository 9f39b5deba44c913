package dev.talkback.comments.servlet.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies with a size cap, so an oversized body is refused before it is buffered. */
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
      throw new HttpProblem(400, "bad_request", "Bad request", "the request body could not be read: " + e.getMessage());
    }
  }

  private static HttpProblem tooLarge(int maxBytes) {
    return new HttpProblem(413, "body_too_large", "Body too large",
        "the request body must be at most " + maxBytes + " bytes; shorten the comment");
  }
}
