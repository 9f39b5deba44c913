package dev.talkback.comments.fallback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-system chores of a {@link FileWriteSpool}: its one-owner lock, durable directory entries, and the
 * atomic copies and compaction it makes on open.
 */
final class SpoolFiles {
  private static final Logger log = LoggerFactory.getLogger(FileWriteSpool.class);

  private SpoolFiles() {}

  static FileLock lock(FileChannel channel, Path file) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "the write spool " + file + " is already open (in this or another process); a spool has one owner");
    }
    return lock;
  }

  static void forceDirectory(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      log.debug("Cannot force directory {} (not supported on this platform?)", dir, e);
    }
  }

  /** Writes the {@code (offset, length)} ranges of {@code map} to a new file, forced to disk. */
  static void copyDurably(ByteBuffer map, List<long[]> ranges, Path to) throws IOException {
    try (FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (long[] r : ranges) {
        ByteBuffer bytes = map.slice((int) r[0], (int) r[1]);
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
      }
      out.force(true);
    }
    forceDirectory(to);
  }

  /**
   * Atomically replaces {@code file} with a spool holding only {@code entries}, written to {@code tmp},
   * forced to disk and moved over it.
   *
   * @return the size of the new file
   */
  static long replaceWith(Path file, Path tmp, Collection<WriteSpool.Entry> entries) throws IOException {
    long size = SpoolFormat.HEADER.length;
    try (FileChannel out = FileChannel.open(
        tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(SpoolFormat.HEADER));
      for (WriteSpool.Entry e : entries) {
        ByteBuffer f = SpoolFormat.frame(SpoolFormat.APPEND, SpoolCodec.encode(e.sequence(), e.thread(), e.comment(),
            e.subscription()));
        size += f.remaining();
        while (f.hasRemaining()) {
          out.write(f);
        }
      }
      out.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory(file);
    return size;
  }
}
