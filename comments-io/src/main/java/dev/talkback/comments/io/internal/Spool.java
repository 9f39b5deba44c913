package dev.talkback.comments.io.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.io.ImportProblem;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The checked records of one import, on disk, in {@value #BUCKETS} bucket files by thread, so the second
 * pass holds one bucket (about 1/256 of the file) in memory rather than the whole file. Deleted by
 * {@link #close()}. Not thread-safe.
 */
public final class Spool implements AutoCloseable {
  static final int BUCKETS = 256;

  private final Path dir;
  private final @Nullable DataOutputStream[] out = new DataOutputStream[BUCKETS];
  private final IdIndex ids;
  private long count;

  /**
   * A spool in a new temporary directory under {@code parent}.
   *
   * @param parent the new parent, or null for top-level
   */
  public Spool(Path parent) {
    try {
      this.dir = Files.createTempDirectory(parent, "talkback-import-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the import spool in " + parent, e);
    }
    this.ids = new IdIndex(dir);
  }

  /**
   * How many records were added.
   *
   * @return how many records were added
   */
  public long count() {
    return count;
  }

  /**
   * Appends a record to its thread's bucket.
   *
   * @param r the reader
   */
  public void add(ImportRecord r) {
    add(r, serialize(r));
  }

  /**
   * Appends a record already serialized by {@link #serialize}, which is thread-safe: workers serialize,
   * the one thread that adds only copies bytes.
   *
   * @param r the record
   * @param serialized {@code serialize(r)}
   */
  public void add(ImportRecord r, byte[] serialized) {
    int b = Math.floorMod(r.threadRef().hashCode(), BUCKETS);
    try {
      DataOutputStream o = out[b];
      if (o == null) {
        o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(bucketFile(b)), 1 << 14));
        out[b] = o;
      }
      o.write(serialized);
      ids.add(r);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the import spool in " + dir, e);
    }
    count++;
  }

  /**
   * The derived ids the file gives to comments of more than one thread, each with the ref of the thread
   * that used it first; found on disk, one id bucket at a time. Call after {@link #flush()}.
   *
   * @param problems hears of each later use of an id in another thread, with both lines
   * @return the repeated ids and the ref of the thread that keeps each unscoped
   */
  public Map<CommentId, String> repeatedIds(Consumer<ImportProblem> problems) {
    return ids.repeats(problems);
  }

  /** Finishes writing; call before reading. */
  public void flush() {
    for (int i = 0; i < BUCKETS; i++) {
      DataOutputStream o = out[i];
      if (o != null) {
        try {
          o.close();
        } catch (IOException e) {
          throw new UncheckedIOException("could not write the import spool in " + dir, e);
        }
        out[i] = null;
      }
    }
  }

  /**
   * The records of bucket {@code b} (0 to 63), in the order they were added.
   *
   * @param b the bucket number
   * @return the bucket's records, in the order they were added
   */
  public List<ImportRecord> bucket(int b) {
    Path p = bucketFile(b);
    List<ImportRecord> records = new ArrayList<>();
    if (!Files.exists(p)) {
      return records;
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 1 << 14))) {
      while (true) {
        int marker;
        try {
          marker = in.readByte();
        } catch (EOFException end) {
          return records;
        }
        if (marker != 1) {
          throw new IllegalStateException("corrupt import spool " + p);
        }
        records.add(read(in));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the import spool " + p, e);
    }
  }

  /**
   * The number of buckets.
   *
   * @return the number of buckets
   */
  public int buckets() {
    return BUCKETS;
  }

  @Override
  public void close() {
    ids.close();
    for (DataOutputStream o : out) {
      if (o != null) {
        try {
          o.close();
        } catch (IOException ignored) {
          // closing to delete: nothing more to lose
        }
      }
    }
    try {
      for (int i = 0; i < BUCKETS; i++) {
        Files.deleteIfExists(bucketFile(i));
      }
      ids.delete();
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the import spool " + dir, e);
    }
  }

  private Path bucketFile(int b) {
    return dir.resolve("bucket-" + b);
  }

  /**
   * A record as {@link #add(ImportRecord, byte[])} appends it. Thread-safe.
   *
   * @param r the record
   * @return its bytes in the spool
   */
  public static byte[] serialize(ImportRecord r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 3 * (r.source().length()
        + (r.html() == null ? 0 : r.html().length())));
    try (DataOutputStream o = new DataOutputStream(bytes)) {
      write(o, r);
    } catch (IOException e) {
      throw new UncheckedIOException("could not serialize an import record", e); // not from a byte array
    }
    return bytes.toByteArray();
  }

  private static void write(DataOutputStream o, ImportRecord r) throws IOException {
    o.writeByte(1);
    o.writeLong(r.line());
    o.writeLong(r.column());
    str(o, r.originalId());
    str(o, r.threadRef());
    str(o, r.id().toString());
    CommentId parent = r.parentId();
    str(o, parent == null ? null : parent.toString());
    str(o, r.author().name());
    str(o, r.author().email());
    str(o, r.author().website());
    str(o, r.author().userId());
    str(o, r.source());
    str(o, r.format().name());
    str(o, r.html());
    str(o, r.status().name());
    instant(o, r.created());
    Instant edited = r.edited();
    o.writeBoolean(edited != null);
    if (edited != null) {
      instant(o, edited);
    }
    o.writeInt(r.likes());
    str(o, r.editTokenHash());
    str(o, r.ipHash());
  }

  private static ImportRecord read(DataInputStream in) throws IOException {
    long line = in.readLong();
    long column = in.readLong();
    String originalId = req(in);
    String threadRef = req(in);
    CommentId id = CommentId.parse(req(in));
    String parent = str(in);
    Author author = new Author(req(in), str(in), str(in), str(in));
    String source = req(in);
    Format format = Format.valueOf(req(in));
    String html = str(in);
    CommentStatus status = CommentStatus.valueOf(req(in));
    Instant created = instant(in);
    Instant edited = in.readBoolean() ? instant(in) : null;
    int likes = in.readInt();
    return new ImportRecord(line, column, originalId, threadRef, id, parent == null ? null : CommentId.parse(parent),
        author, source, format, html, status, created, edited, likes, str(in), str(in));
  }

  private static void instant(DataOutputStream o, Instant t) throws IOException {
    o.writeLong(t.getEpochSecond());
    o.writeInt(t.getNano());
  }

  private static Instant instant(DataInputStream in) throws IOException {
    long seconds = in.readLong();
    return Instant.ofEpochSecond(seconds, in.readInt());
  }

  private static void str(DataOutputStream o, @Nullable String s) throws IOException {
    if (s == null) {
      o.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    o.writeInt(b.length);
    o.write(b);
  }

  private static @Nullable String str(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String req(DataInputStream in) throws IOException {
    String s = str(in);
    if (s == null) {
      throw new IllegalStateException("corrupt import spool: a required field is missing");
    }
    return s;
  }
}
