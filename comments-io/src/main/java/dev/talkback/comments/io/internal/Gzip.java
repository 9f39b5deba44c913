package dev.talkback.comments.io.internal;

import dev.talkback.comments.io.ImportException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads gzip-compressed files as they are: Commento's export is always gzip ({@code <domain>-<time>.gz}),
 * Remark42's automatic backups are {@code backup-<site>-<date>.gz}, and Disqus mails its export compressed
 * too. A file is taken as gzip by its first two bytes ({@code 1f 8b}), never by its name; a damaged or
 * truncated compressed file is an {@link ImportException}.
 */
public final class Gzip {
  private static final int MAGIC_1 = 0x1f;
  private static final int MAGIC_2 = 0x8b;

  private Gzip() {}

  /**
   * Whether {@code head} starts like a gzip file.
   *
   * @param head the file's first bytes
   * @return whether {@code head} starts like a gzip file
   */
  public static boolean isGzip(byte[] head) {
    return head.length >= 2 && (head[0] & 0xff) == MAGIC_1 && (head[1] & 0xff) == MAGIC_2;
  }

  /**
   * The stream decompressed if it is gzip, else the stream as it is (its first two bytes read and pushed
   * back).
   *
   * @param in the file's bytes
   * @return the file's content
   */
  public static InputStream decompressed(InputStream in) {
    PushbackInputStream p = new PushbackInputStream(in, 2);
    try {
      byte[] head = p.readNBytes(2);
      p.unread(head);
      if (!isGzip(head)) {
        return p;
      }
      return new Checked(new GZIPInputStream(p, 1 << 16));
    } catch (ZipException | EOFException e) {
      throw damaged(0, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * As much of a gzip file's start as {@code head} holds, decompressed: for guessing its format.
   *
   * @param head the first bytes of a gzip file
   * @param max the most bytes to return
   * @return the decompressed start (possibly empty)
   */
  public static byte[] decompressedHead(byte[] head, int max) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(head))) {
      byte[] buf = new byte[8192];
      int n;
      while (out.size() < max && (n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      // the head ends inside the compressed data: what was decompressed so far is the answer
    }
    byte[] all = out.toByteArray();
    return all.length <= max ? all : Arrays.copyOf(all, max);
  }

  private static ImportException damaged(long at, IOException e) {
    return new ImportException(0, 0, "the gzip-compressed file is damaged or truncated"
        + (at > 0 ? " after " + at + " decompressed bytes" : "") + ": " + e.getMessage(), e);
  }

  /** Turns the decompressor's errors into an {@link ImportException}; the parsers see a plain stream. */
  private static final class Checked extends FilterInputStream {
    private long count;

    Checked(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        int b = in.read();
        if (b >= 0) {
          count++;
        }
        return b;
      } catch (ZipException | EOFException e) {
        throw damaged(count, e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        int n = in.read(b, off, len);
        if (n > 0) {
          count += n;
        }
        return n;
      } catch (ZipException | EOFException e) {
        throw damaged(count, e);
      }
    }
  }
}
