package dev.talkback.comments.io.internal;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.io.ImportProblem;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Finds derived ids that a file gives to comments of more than one thread, in bounded memory: every
 * record's (id, thread ref, position) goes to one of {@value #BUCKETS} files on disk by the id's hash, and
 * {@link #repeats} reads one bucket at a time (about 1/64 of the file's ids). Only the repeated ids are kept
 * in memory afterwards. Not thread-safe.
 */
final class IdIndex implements AutoCloseable {
  static final int BUCKETS = 64;

  private final Path dir;
  private final @Nullable DataOutputStream[] out = new DataOutputStream[BUCKETS];

  IdIndex(Path dir) {
    this.dir = dir;
  }

  void add(ImportRecord r) {
    int b = Math.floorMod(r.id().hashCode(), BUCKETS);
    try {
      DataOutputStream o = out[b];
      if (o == null) {
        o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file(b)), 1 << 12));
        out[b] = o;
      }
      o.writeLong(r.id().value().getMostSignificantBits());
      o.writeLong(r.id().value().getLeastSignificantBits());
      o.writeLong(r.line());
      bytes(o, r.threadRef());
      bytes(o, r.originalId());
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the import spool in " + dir, e);
    }
  }

  /**
   * The ids that appear in more than one thread, each with the ref of the first thread (in file order) that
   * used it; each later use in another thread is reported.
   */
  Map<CommentId, String> repeats(Consumer<ImportProblem> problems) {
    close();
    Map<CommentId, String> repeats = new HashMap<>();
    for (int b = 0; b < BUCKETS; b++) {
      Path p = file(b);
      if (!Files.exists(p)) {
        continue;
      }
      Map<CommentId, First> first = new HashMap<>();
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(p), 1 << 14))) {
        while (true) {
          long hi;
          try {
            hi = in.readLong();
          } catch (EOFException end) {
            break;
          }
          CommentId id = new CommentId(new UUID(hi, in.readLong()));
          long line = in.readLong();
          String ref = bytes(in);
          String originalId = bytes(in);
          First f = first.putIfAbsent(id, new First(ref, line));
          if (f != null && !f.ref().equals(ref)) {
            repeats.put(id, f.ref());
            problems.accept(new ImportProblem(line, 0, originalId, "comment id " + originalId
                + " was already used at line " + f.line() + " in another post (ids are unique per site, so the"
                + " file was merged or edited): imported under an id scoped by its post"));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not read the import spool " + p, e);
      }
    }
    return repeats;
  }

  @Override
  public void close() {
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

  void delete() throws IOException {
    for (int i = 0; i < BUCKETS; i++) {
      Files.deleteIfExists(file(i));
    }
  }

  /** Writes text of any length (a thread ref may be a long URL; writeUTF stops at 64 KB). */
  private static void bytes(DataOutputStream o, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    o.writeInt(b.length);
    o.write(b);
  }

  private static String bytes(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private Path file(int b) {
    return dir.resolve("ids-" + b);
  }

  private record First(String ref, long line) {}
}
