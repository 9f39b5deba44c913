package dev.talkback.comments.fallback;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.notification.SubscriptionRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The compact binary form of a spooled comment and its thread. Version 1, field by field, in this order:
 * sequence, thread (site, key, title, url?, closed), comment (id, site, thread, parent?, root, author name,
 * email?, website?, user id?, source, format, html, status, created, edited?, version, likes, edit token
 * hash?, ip hash?). Strings are an int length and UTF-8 bytes (comments may exceed the 64 KiB limit of
 * {@code writeUTF}); optional fields are preceded by a presence byte; enums are written by name so that
 * reordering their constants never changes what an old spool means.
 *
 * <p>Version 2 is version 1 followed by one byte: what the author asked to be mailed about (bit 0 the
 * replies, bit 1 the thread; the other bits zero). An entry without such a request is still written as
 * version 1, so a spool without opt-ins stays readable by releases that know only version 1; both versions
 * are read.
 */
final class SpoolCodec {
  static final byte VERSION = 1;
  static final byte VERSION_WITH_SUBSCRIPTION = 2;
  private static final int MAX_STRING_BYTES = 8 * 1024 * 1024;

  private SpoolCodec() {}

  static byte[] encode(long sequence, ThreadInfo thread, Comment c) {
    return encode(sequence, thread, c, SubscriptionRequest.NONE);
  }

  static byte[] encode(long sequence, ThreadInfo thread, Comment c, SubscriptionRequest subscription) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512 + c.source().length() + c.html().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(subscription.any() ? VERSION_WITH_SUBSCRIPTION : VERSION);
      out.writeLong(sequence);
      writeString(out, thread.site().value());
      writeString(out, thread.key().value());
      writeString(out, thread.title());
      writeOptional(out, thread.url());
      out.writeBoolean(thread.closed());
      writeId(out, c.id());
      writeString(out, c.site().value());
      writeString(out, c.thread().value());
      out.writeBoolean(c.parentId().isPresent());
      if (c.parentId().isPresent()) {
        writeId(out, c.parentId().get());
      }
      writeId(out, c.rootId());
      Author a = c.author();
      writeString(out, a.name());
      writeOptional(out, a.email());
      writeOptional(out, a.website());
      writeOptional(out, a.userId());
      writeString(out, c.source());
      writeString(out, c.format().name());
      writeString(out, c.html());
      writeString(out, c.status().name());
      writeInstant(out, c.created());
      out.writeBoolean(c.edited().isPresent());
      if (c.edited().isPresent()) {
        writeInstant(out, c.edited().get());
      }
      out.writeLong(c.version());
      out.writeInt(c.likes());
      writeOptional(out, c.editTokenHash().orElse(null));
      writeOptional(out, c.ipHash().orElse(null));
      if (subscription.any()) {
        out.writeByte((subscription.replies() ? 1 : 0) | (subscription.thread() ? 2 : 0));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes what {@link #encode} wrote.
   *
   * @throws IOException if the bytes are not a valid entry (truncated, unknown version, a field out of range)
   */
  static WriteSpool.Entry decode(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    byte version = in.readByte();
    if (version != VERSION && version != VERSION_WITH_SUBSCRIPTION) {
      throw new IOException("unknown spool entry version " + version);
    }
    long sequence = in.readLong();
    try {
      ThreadInfo thread =
          new ThreadInfo(
              SiteId.of(readString(in)),
              ThreadKey.of(readString(in)),
              readString(in),
              readOptional(in),
              in.readBoolean());
      Comment.Builder b = Comment.builder().id(readId(in)).site(SiteId.of(readString(in)));
      b.thread(ThreadKey.of(readString(in)));
      if (in.readBoolean()) {
        b.parentId(readId(in));
      }
      b.rootId(readId(in));
      b.author(new Author(readString(in), readOptional(in), readOptional(in), readOptional(in)));
      b.source(readString(in));
      b.format(Format.valueOf(readString(in)));
      b.html(readString(in));
      b.status(CommentStatus.valueOf(readString(in)));
      b.created(readInstant(in));
      if (in.readBoolean()) {
        b.edited(readInstant(in));
      }
      b.version(in.readLong());
      b.likes(in.readInt());
      b.editTokenHash(readOptional(in));
      b.ipHash(readOptional(in));
      SubscriptionRequest subscription = SubscriptionRequest.NONE;
      if (version == VERSION_WITH_SUBSCRIPTION) {
        byte flags = in.readByte();
        if ((flags & ~3) != 0 || flags == 0) {
          throw new IOException("invalid subscription flags " + flags);
        }
        subscription = new SubscriptionRequest((flags & 1) != 0, (flags & 2) != 0);
      }
      if (in.available() != 0) {
        throw new IOException(in.available() + " unexpected bytes after the entry");
      }
      return new WriteSpool.Entry(sequence, thread, b.build(), subscription);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException("invalid spool entry " + sequence + ": " + e.getMessage(), e);
    }
  }

  private static void writeId(DataOutputStream out, CommentId id) throws IOException {
    out.writeLong(id.value().getMostSignificantBits());
    out.writeLong(id.value().getLeastSignificantBits());
  }

  private static CommentId readId(DataInputStream in) throws IOException {
    return CommentId.of(new UUID(in.readLong(), in.readLong()));
  }

  private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    long seconds = in.readLong();
    int nanos = in.readInt();
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (RuntimeException e) {
      throw new IOException("invalid instant " + seconds + "s " + nanos + "ns", e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_STRING_BYTES || length > in.available()) {
      throw new IOException("invalid string length " + length);
    }
    byte[] utf8 = in.readNBytes(length);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static void writeOptional(DataOutputStream out, @Nullable String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      writeString(out, s);
    }
  }

  private static @Nullable String readOptional(DataInputStream in) throws IOException {
    byte present = in.readByte();
    if (present == 0) {
      return null;
    }
    if (present != 1) {
      throw new IOException("invalid presence byte " + present);
    }
    return readString(in);
  }
}
