package dev.talkback.comments.fallback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The on-disk format of a {@link FileWriteSpool}: an 8-byte header, then frames of a 4-byte magic, a type
 * byte, a 4-byte payload length, the payload and the CRC32C of type, length and payload.
 */
final class SpoolFormat {
  static final byte[] HEADER = "TBSPOOL1".getBytes(StandardCharsets.US_ASCII);
  static final int MAGIC = 0x54425331; // "TBS1"
  static final byte APPEND = 1;
  static final byte ACK = 2;
  static final byte SET_ASIDE = 3;
  /** magic, type, length before the payload; the checksum after it. */
  static final int FRAME_OVERHEAD = 4 + 1 + 4 + 4;
  static final int MAX_PAYLOAD = 32 * 1024 * 1024;

  private SpoolFormat() {}

  /**
   * One whole, valid frame read back.
   *
   * <p>A class rather than a record: a record would compare and print its payload array by identity.
   */
  static final class Frame {
    private final byte type;
    private final byte[] payload;
    private final WriteSpool.@Nullable Entry entry;
    private final int end;

    Frame(byte type, byte[] payload, WriteSpool.@Nullable Entry entry, int end) {
      this.type = type;
      this.payload = payload;
      this.entry = entry;
      this.end = end;
    }

    byte type() {
      return type;
    }

    byte[] payload() {
      return payload;
    }

    /** The decoded entry of an {@link #APPEND} frame; null for the other types. */
    WriteSpool.@Nullable Entry entry() {
      return entry;
    }

    /** The offset just after this frame. */
    int end() {
      return end;
    }
  }

  static ByteBuffer frame(byte type, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(FRAME_OVERHEAD + payload.length);
    b.putInt(MAGIC).put(type).putInt(payload.length).put(payload);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 4, 5 + payload.length);
    b.putInt((int) crc.getValue());
    return b.flip();
  }

  /** The frame at {@code pos}, or null if there is none that is whole and valid. */
  static @Nullable Frame parse(ByteBuffer map, int pos) {
    int limit = map.limit();
    if (limit - pos < FRAME_OVERHEAD || map.getInt(pos) != MAGIC) {
      return null;
    }
    byte type = map.get(pos + 4);
    int length = map.getInt(pos + 5);
    if (type < APPEND || type > SET_ASIDE || length < 0 || length > MAX_PAYLOAD) {
      return null;
    }
    if ((long) pos + FRAME_OVERHEAD + length > limit) {
      return null;
    }
    byte[] payload = new byte[length];
    map.get(pos + 9, payload);
    CRC32C crc = new CRC32C();
    crc.update(map.slice(pos + 4, 5 + length));
    if ((int) crc.getValue() != map.getInt(pos + 9 + length)) {
      return null;
    }
    WriteSpool.Entry entry = null;
    if (type == APPEND) {
      try {
        entry = SpoolCodec.decode(payload);
      } catch (IOException e) {
        return null;
      }
    } else if (length < 8) {
      return null;
    }
    return new Frame(type, payload, entry, pos + FRAME_OVERHEAD + length);
  }

  /** The offset of the next valid frame at or after {@code from}, or the end of the file. */
  static int resync(ByteBuffer map, int from) {
    for (int p = from; p <= map.limit() - FRAME_OVERHEAD; p++) {
      if (map.getInt(p) == MAGIC && parse(map, p) != null) {
        return p;
      }
    }
    return map.limit();
  }
}
