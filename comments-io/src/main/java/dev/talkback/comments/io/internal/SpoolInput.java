package dev.talkback.comments.io.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Reads a spool file written with {@link SpoolBytes} through a window of {@value #WINDOW} bytes (larger
 * when one value is larger), so a bucket of any size is read with a few large reads, and strings are
 * decoded straight from the window, without {@code DataInputStream}'s locked single-byte reads. Not
 * thread-safe.
 */
final class SpoolInput implements AutoCloseable {
  static final int WINDOW = 1 << 16;

  private final FileChannel channel;
  private ByteBuffer window = ByteBuffer.allocate(WINDOW).limit(0);
  private boolean eof;

  SpoolInput(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
  }

  /** Whether the file has no more bytes. */
  boolean atEnd() throws IOException {
    return !available(1);
  }

  /** Whether {@code n} more bytes can be read, reading from the file as needed. */
  private boolean available(int n) throws IOException {
    while (window.remaining() < n) {
      if (eof) {
        return false;
      }
      if (window.capacity() < n) {
        ByteBuffer larger = ByteBuffer.allocate(Math.max(n, window.capacity() * 2));
        larger.put(window);
        window = larger;
      } else {
        window.compact();
      }
      if (channel.read(window) < 0) {
        eof = true;
      }
      window.flip();
    }
    return true;
  }

  private void need(int n) throws IOException {
    if (!available(n)) {
      throw new EOFException("the import spool ends inside a record");
    }
  }

  byte getByte() throws IOException {
    need(1);
    return window.get();
  }

  int getInt() throws IOException {
    need(4);
    return window.getInt();
  }

  long getLong() throws IOException {
    need(8);
    return window.getLong();
  }

  /** A string of {@link SpoolBytes#putString}; null for length -1. */
  @Nullable String getString() throws IOException {
    int n = getInt();
    if (n < 0) {
      return null;
    }
    need(n);
    String s = new String(window.array(), window.arrayOffset() + window.position(), n, StandardCharsets.UTF_8);
    window.position(window.position() + n);
    return s;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
