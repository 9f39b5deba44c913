package dev.talkback.comments.io.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.io.ImportProblem;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
  private final @Nullable OutputStream[] out = new OutputStream[BUCKETS];
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
      OutputStream o = out[b];
      if (o == null) {
        o = new BufferedOutputStream(Files.newOutputStream(bucketFile(b)), 1 << 14);
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
      OutputStream o = out[i];
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
    try (SpoolInput in = new SpoolInput(p)) {
      while (!in.atEnd()) {
        if (in.getByte() != 1) {
          throw new IllegalStateException("corrupt import spool " + p);
        }
        records.add(read(in));
      }
      return records;
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
    for (OutputStream o : out) {
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
    SpoolBytes o = new SpoolBytes(128 + 2 * (r.source().length() + (r.html() == null ? 0 : r.html().length())));
    write(o, r);
    return o.toByteArray();
  }

  private static void write(SpoolBytes o, ImportRecord r) {
    o.putByte(1);
    o.putLong(r.line());
    o.putLong(r.column());
    o.putString(r.originalId());
    o.putString(r.threadRef());
    uuid(o, r.id());
    CommentId parent = r.parentId();
    o.putByte(parent == null ? 0 : 1);
    if (parent != null) {
      uuid(o, parent);
    }
    o.putString(r.author().name());
    o.putString(r.author().email());
    o.putString(r.author().website());
    o.putString(r.author().userId());
    o.putString(r.source());
    o.putString(r.format().name());
    o.putString(r.html());
    o.putString(r.status().name());
    instant(o, r.created());
    Instant edited = r.edited();
    o.putByte(edited == null ? 0 : 1);
    if (edited != null) {
      instant(o, edited);
    }
    o.putInt(r.likes());
    o.putString(r.editTokenHash());
    o.putString(r.ipHash());
  }

  private static ImportRecord read(SpoolInput in) throws IOException {
    long line = in.getLong();
    long column = in.getLong();
    String originalId = req(in);
    String threadRef = req(in);
    CommentId id = uuid(in);
    CommentId parent = in.getByte() == 0 ? null : uuid(in);
    Author author = new Author(req(in), in.getString(), in.getString(), in.getString());
    String source = req(in);
    Format format = Format.valueOf(req(in));
    String html = in.getString();
    CommentStatus status = CommentStatus.valueOf(req(in));
    Instant created = instant(in);
    Instant edited = in.getByte() == 0 ? null : instant(in);
    int likes = in.getInt();
    return new ImportRecord(line, column, originalId, threadRef, id, parent, author, source, format, html, status,
        created, edited, likes, in.getString(), in.getString());
  }

  private static void uuid(SpoolBytes o, CommentId id) {
    o.putLong(id.value().getMostSignificantBits());
    o.putLong(id.value().getLeastSignificantBits());
  }

  private static CommentId uuid(SpoolInput in) throws IOException {
    long hi = in.getLong();
    return new CommentId(new UUID(hi, in.getLong()));
  }

  private static void instant(SpoolBytes o, Instant t) {
    o.putLong(t.getEpochSecond());
    o.putInt(t.getNano());
  }

  private static Instant instant(SpoolInput in) throws IOException {
    long seconds = in.getLong();
    return Instant.ofEpochSecond(seconds, in.getInt());
  }

  private static String req(SpoolInput in) throws IOException {
    String s = in.getString();
    if (s == null) {
      throw new IllegalStateException("corrupt import spool: a required field is missing");
    }
    return s;
  }
}
