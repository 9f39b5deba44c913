package dev.talkback.comments.io.internal;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.io.ImportProblem;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
  private final @Nullable OutputStream[] out = new OutputStream[BUCKETS];
  private final SpoolBytes entry = new SpoolBytes(256);

  IdIndex(Path dir) {
    this.dir = dir;
  }

  void add(ImportRecord r) {
    int b = Math.floorMod(r.id().value().hashCode(), BUCKETS); // UUID's own: the record's goes through an indy call
    try {
      OutputStream o = out[b];
      if (o == null) {
        o = new BufferedOutputStream(Files.newOutputStream(file(b)), 1 << 12);
        out[b] = o;
      }
      entry.clear();
      entry.putLong(r.id().value().getMostSignificantBits());
      entry.putLong(r.id().value().getLeastSignificantBits());
      entry.putLong(r.line());
      entry.putString(r.threadRef());
      entry.putString(r.originalId());
      o.write(entry.array(), 0, entry.size());
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
      try (SpoolInput in = new SpoolInput(p)) {
        while (!in.atEnd()) {
          long hi = in.getLong();
          CommentId id = new CommentId(new UUID(hi, in.getLong()));
          long line = in.getLong();
          String ref = text(in);
          String originalId = text(in);
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

  void delete() throws IOException {
    for (int i = 0; i < BUCKETS; i++) {
      Files.deleteIfExists(file(i));
    }
  }

  private static String text(SpoolInput in) throws IOException {
    String s = in.getString();
    if (s == null) {
      throw new IllegalStateException("corrupt import spool: an id's thread or original id is missing");
    }
    return s;
  }

  private Path file(int b) {
    return dir.resolve("ids-" + b);
  }

  private record First(String ref, long line) {}
}
