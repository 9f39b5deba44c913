package dev.talkback.comments.io.internal;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the control characters that XML 1.0 forbids (U+0000 to U+001F but tab, line feed and carriage return)
 * as spaces, and counts them. WordPress's export writes comment text as the database holds it, so a comment
 * pasted with a stray backspace or escape makes the whole file malformed XML; WordPress's own importer then
 * falls back to a lenient parser. A space keeps every line and column where it was, so the positions of other
 * errors stay right.
 *
 * <p>Only for encodings in which such a byte is always that character (UTF-8, ISO-8859-x, windows-125x and
 * the other ASCII-compatible ones, in whose multi-byte characters every byte is 0x40 or more): a file that
 * starts like UTF-16 or UTF-32 (a zero byte or a byte order mark in its first four bytes) is passed through
 * as it is.
 */
public final class ControlCharFilter extends FilterInputStream {
  private final boolean active;
  private long replaced;

  /**
   * A filter of {@code in}.
   *
   * @param in the stream to read
   * @throws java.io.UncheckedIOException if the first bytes cannot be read
   */
  public ControlCharFilter(InputStream in) {
    super(in.markSupported() ? in : new BufferedInputStream(in, 1 << 16));
    this.active = asciiCompatible(this.in);
  }

  private static boolean asciiCompatible(InputStream in) {
    try {
      in.mark(4);
      byte[] head = new byte[4];
      int n = 0;
      while (n < 4) {
        int k = in.read(head, n, 4 - n);
        if (k < 0) {
          break;
        }
        n += k;
      }
      in.reset();
      if (n >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
          || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE))) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (head[i] == 0) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("could not read the file's first bytes", e);
    }
  }

  /**
   * How many forbidden control characters were read as spaces so far.
   *
   * @return how many forbidden control characters were read as spaces so far
   */
  public long replaced() {
    return replaced;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (active && b >= 0 && forbidden(b)) {
      replaced++;
      return ' ';
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (active) {
      for (int i = off; i < off + n; i++) {
        if (b[i] >= 0 && b[i] < 0x20 && forbidden(b[i])) {
          b[i] = ' ';
          replaced++;
        }
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // skipped bytes are never seen, so never counted: read them instead
    byte[] buffer = new byte[(int) Math.min(n, 8192)];
    int k = read(buffer, 0, buffer.length);
    return Math.max(k, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private static boolean forbidden(int b) {
    return b < 0x20 && b != '\t' && b != '\n' && b != '\r';
  }
}
