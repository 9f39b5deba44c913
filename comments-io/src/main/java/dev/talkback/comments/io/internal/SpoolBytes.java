package dev.talkback.comments.io.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A growable byte array that the spool's records are written into, big-endian like {@code DataOutputStream}
 * but without its per-call locking (each {@code writeInt} of a {@code DataOutputStream} over a
 * {@code ByteArrayOutputStream} or {@code BufferedOutputStream} takes a lock per byte or per call). Read
 * back by {@link SpoolInput}. Not thread-safe: one per record or per writing thread.
 */
final class SpoolBytes {
  private byte[] bytes;
  private int size;

  SpoolBytes(int capacity) {
    this.bytes = new byte[Math.max(16, capacity)];
  }

  /** Forgets what was written, keeping the array. */
  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  byte[] array() {
    return bytes;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void room(int n) {
    if (bytes.length - size < n) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
    }
  }

  void putByte(int b) {
    room(1);
    bytes[size++] = (byte) b;
  }

  void putInt(int v) {
    room(4);
    bytes[size] = (byte) (v >>> 24);
    bytes[size + 1] = (byte) (v >>> 16);
    bytes[size + 2] = (byte) (v >>> 8);
    bytes[size + 3] = (byte) v;
    size += 4;
  }

  void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  /** A string as its UTF-8 length and bytes; null as length -1. Any length (a ref may be a long URL). */
  void putString(@Nullable String s) {
    if (s == null) {
      putInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putInt(b.length);
    room(b.length);
    System.arraycopy(b, 0, bytes, size, b.length);
    size += b.length;
  }
}
