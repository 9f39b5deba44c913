package dev.talkback.comments.fallback;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.notification.SubscriptionRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WriteSpool} in one local file: an append-only journal, forced to disk ({@code fsync}) before
 * {@link #append} returns, each entry framed with its length and a CRC32C checksum.
 *
 * <pre>{@code
 * WriteSpool spool = FileWriteSpool.builder(Path.of("/var/lib/blog/talkback-spool.log")).build();
 * }</pre>
 *
 * <h2>Format</h2>
 * An 8-byte header {@code TBSPOOL1}, then records: a 4-byte magic {@code TBS1}, a type byte (append,
 * acknowledge, set aside), a 4-byte payload length, the payload, and the CRC32C of type, length and
 * payload. Acknowledgements are records too, so replay survives a crash at any point; once every entry is
 * acknowledged the file is truncated back to its header.
 *
 * <h2>Damage</h2>
 * Opening scans the whole file. A torn tail (the process or machine died in the middle of an append) or a
 * damaged record (a checksum that does not match) is never dropped silently: the bad bytes are copied to
 * {@code <file>.corrupt-<timestamp>}, an ERROR is logged with their offset and length, the scan resumes at
 * the next valid record, and the journal is rewritten without them. An entry the store refuses on replay
 * ({@link #setAside}) is copied to {@code <file>.rejected}, itself a spool file that can be opened with this
 * class to inspect or replay it.
 *
 * <h2>A failing disk</h2>
 * A full or read-only disk is the server's problem, never the store's: an append that cannot be written
 * throws {@link UncheckedIOException} (nothing was appended); an acknowledgement that cannot be written does
 * not throw (the entries were stored, so they leave the queue) and is written before the next record once
 * the disk works; a refused entry that cannot be copied to {@code .rejected} stays in the journal for the
 * next open. {@link #problem()} says what fails while it does; the ERROR is logged once per failing spell.
 *
 * <p>Only one process may open a spool file at a time (it is locked); a second open fails with
 * {@link IllegalStateException}. Entries are kept in memory as well, so {@link #find} and {@link #peek} do
 * not touch the disk; bound them with {@link Builder#maxDepth}.
 *
 * <p>This class is threadsafe. Appends are serialized, one {@code fsync} each.
 */
public final class FileWriteSpool implements WriteSpool {
  private static final Logger log = LoggerFactory.getLogger(FileWriteSpool.class);

  static final byte[] HEADER = SpoolFormat.HEADER;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path file;
  private final Clock clock;
  private final int maxDepth;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private FileChannel channel;
  private final LinkedHashMap<Long, Entry> pending = new LinkedHashMap<>();
  private final Map<Key, Entry> byId = new HashMap<>();
  private long end;
  private long nextSequence;
  private long setAside;
  private boolean closed;
  /** The highest acknowledgement not yet written (the disk failed), or -1. */
  private long unwrittenAck = -1;
  /** Entries set aside in memory only (the disk failed): the journal must keep them for the next open. */
  private boolean keepJournal;
  /** The local disk failure that has not cleared yet, or null. */
  private @Nullable String problem;

  private FileWriteSpool(Builder b) {
    this.file = b.file;
    this.clock = b.clock;
    this.maxDepth = b.maxDepth;
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      this.lockChannel =
          FileChannel.open(siblingFile(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      this.lock = SpoolFiles.lock(lockChannel, file);
      try {
        boolean created = !Files.exists(file);
        this.channel =
            FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (created) {
          SpoolFiles.forceDirectory(file);
        }
        open();
      } catch (IOException | RuntimeException e) {
        releaseQuietly();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the write spool " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A builder for a spool kept in {@code file}, created (with its directories) if missing.
   *
   * @param file the journal file; siblings with the suffixes {@code .lock}, {@code .rejected} and
   *     {@code .corrupt-*} are kept next to it
   * @return a builder with the defaults
   */
  public static Builder builder(Path file) {
    return new Builder(file);
  }

  /**
   * Opens (or creates) a spool in {@code file} with the default settings.
   *
   * @param file the journal file
   * @return the open spool; close it to release the file
   * @throws IllegalStateException if the file is not a spool, or another owner has it open
   * @throws UncheckedIOException if the file cannot be read or created
   */
  public static FileWriteSpool open(Path file) {
    return builder(file).build();
  }

  /**
   * The journal file.
   *
   * @return the path given to the builder
   */
  public Path file() {
    return file;
  }

  @Override
  public Entry append(ThreadInfo thread, Comment comment) {
    return append(thread, comment, SubscriptionRequest.NONE);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The request is written in the comment's own record (entry format version 2; an entry without a
   * request is written as version 1, which every earlier release reads).
   */
  @Override
  public synchronized Entry append(ThreadInfo thread, Comment comment, SubscriptionRequest subscription) {
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(subscription, "subscription");
    if (!thread.site().equals(comment.site()) || !thread.key().equals(comment.thread())) {
      throw new IllegalArgumentException(
          "the thread " + thread.site() + "/" + thread.key() + " is not the comment's thread "
              + comment.site() + "/" + comment.thread());
    }
    ensureOpen();
    Entry existing = byId.get(new Key(comment.site(), comment.id()));
    if (existing != null) {
      return existing;
    }
    if (pending.size() >= maxDepth) {
      throw new SpoolFullException(
          "the write spool " + file + " already holds " + pending.size() + " comments, its maximum");
    }
    long sequence = nextSequence;
    byte[] payload = SpoolCodec.encode(sequence, thread, comment, subscription);
    write(SpoolFormat.frame(SpoolFormat.APPEND, payload));
    nextSequence++;
    Entry entry = new Entry(sequence, thread, comment, subscription);
    add(entry);
    return entry;
  }

  @Override
  public synchronized Optional<Comment> find(SiteId site, CommentId id) {
    Entry e = byId.get(new Key(site, id));
    return e == null ? Optional.empty() : Optional.of(e.comment());
  }

  @Override
  public synchronized List<Entry> peek(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    List<Entry> out = new ArrayList<>(Math.min(max, pending.size()));
    for (Entry e : pending.values()) {
      if (out.size() == max) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  @Override
  public synchronized void acknowledge(long sequence) {
    ensureOpen();
    if (pending.isEmpty() || pending.keySet().iterator().next() > sequence) {
      return;
    }
    try {
      write(ackFrame(sequence));
    } catch (UncheckedIOException e) {
      // the entries are durable in the store: forget them here, write the acknowledgement later
      unwrittenAck = Math.max(unwrittenAck, sequence);
    }
    Iterator<Entry> it = pending.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.sequence() > sequence) {
        break;
      }
      it.remove();
      byId.remove(new Key(e.comment().site(), e.comment().id()));
    }
    if (pending.isEmpty()) {
      truncateToHeader();
    }
  }

  @Override
  public synchronized void setAside(long sequence, String reason) {
    Objects.requireNonNull(reason, "reason");
    ensureOpen();
    Entry e = pending.get(sequence);
    if (e == null) {
      throw new IllegalArgumentException("no waiting entry has sequence " + sequence);
    }
    Path rejected = siblingFile(".rejected");
    try {
      try (FileWriteSpool out = builder(rejected).clock(clock).maxDepth(Integer.MAX_VALUE).build()) {
        out.append(e.thread(), e.comment(), e.subscription());
      }
      byte[] why = reason.getBytes(StandardCharsets.UTF_8);
      byte[] payload = ByteBuffer.allocate(8 + why.length).putLong(sequence).put(why).array();
      write(SpoolFormat.frame(SpoolFormat.SET_ASIDE, payload));
    } catch (UncheckedIOException | IllegalStateException diskFailed) {
      failed("cannot set a refused comment aside in " + rejected + ": " + diskFailed.getMessage());
      keepJournal = true; // its bytes stay in the journal; the next open queues it again
      log.error("Write spool {}: comment {} of thread {}/{} was refused by the store ({}) and could not be set"
          + " aside: {}. It stays in the journal and is tried again after a restart.", file, e.comment().id(),
          e.thread().site(), e.thread().key(), reason, diskFailed.getMessage());
      pending.remove(sequence);
      byId.remove(new Key(e.comment().site(), e.comment().id()));
      return;
    }
    pending.remove(sequence);
    byId.remove(new Key(e.comment().site(), e.comment().id()));
    setAside++;
    log.error(
        "Write spool {}: comment {} of thread {}/{} was set aside in {} because the store refused it: {}",
        file, e.comment().id(), e.thread().site(), e.thread().key(), rejected, reason);
    if (pending.isEmpty()) {
      truncateToHeader();
    }
  }

  @Override
  public synchronized Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  @Override
  public synchronized long depth() {
    return pending.size();
  }

  @Override
  public synchronized long setAsideCount() {
    return setAside;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    releaseQuietly();
  }

  private void releaseQuietly() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      log.warn("Could not close the write spool {}", file, e);
    }
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException | RuntimeException e) {
      log.debug("Could not release the lock of {}", file, e);
    }
  }

  @Override
  public String toString() {
    return "FileWriteSpool{" + file + "}";
  }

  // ---------------------------------------------------------------------------------------------------
  // opening

  private void open() throws IOException {
    long size = channel.size();
    if (size < HEADER.length) {
      byte[] head = read(0, (int) size);
      if (!Arrays.equals(head, Arrays.copyOf(HEADER, head.length))) {
        throw new IllegalStateException(
            "not a Talkback write spool (bad header): " + file + "; move it away or choose another file");
      }
      // a new file, or one whose creation was cut short
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(HEADER), 0);
      channel.force(true);
      end = HEADER.length;
      nextSequence = 1;
      return;
    }
    if (!Arrays.equals(read(0, HEADER.length), HEADER)) {
      throw new IllegalStateException(
          "not a Talkback write spool (bad header): " + file + "; move it away or choose another file");
    }
    if (size > Integer.MAX_VALUE) {
      throw new IllegalStateException("the write spool " + file + " is larger than 2 GiB; move it away");
    }
    ByteBuffer map = ByteBuffer.wrap(read(0, (int) size));
    SpoolScan scan = SpoolScan.of(map, HEADER.length);
    scan.pending().values().forEach(this::add);
    List<long[]> damage = scan.damage();
    long maxSequence = scan.maxSequence();
    int records = scan.records();
    nextSequence = maxSequence + 1;
    end = size;
    if (!damage.isEmpty()) {
      setAsideDamage(map, damage, size);
    }
    if (!damage.isEmpty() || records > pending.size()) {
      rewrite();
    }
    if (!pending.isEmpty()) {
      log.info("Write spool {} opened with {} comments waiting", file, pending.size());
    }
  }

  private void setAsideDamage(ByteBuffer map, List<long[]> damage, long size) throws IOException {
    Path corrupt = siblingFile(".corrupt-" + STAMP.format(clock.instant()));
    SpoolFiles.copyDurably(map, damage, corrupt);
    for (long[] d : damage) {
      boolean tail = d[0] + d[1] == size;
      log.error(
          "Write spool {}: {} damaged bytes at offset {}{} were moved to {}. Entries in them cannot be"
              + " replayed; the comments they held may have to be recovered by hand from that file.",
          file, d[1], d[0], tail ? " (a torn tail: the process stopped in the middle of a write)" : "",
          corrupt);
    }
    setAside += damage.size();
  }

  /** Replaces the journal with one holding only the waiting entries, atomically. */
  private void rewrite() throws IOException {
    long size = SpoolFiles.replaceWith(file, siblingFile(".tmp"), pending.values());
    // the channel still points at the replaced file
    FileChannel fresh = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    channel.close();
    channel = fresh;
    end = size;
  }

  // ---------------------------------------------------------------------------------------------------
  // writing

  /**
   * Writes one record and forces it to disk, after the acknowledgement a failed disk left unwritten.
   *
   * @throws UncheckedIOException if the disk fails; nothing was written then
   */
  private void write(ByteBuffer frame) {
    FileChannel ch = channel;
    long at = end;
    try {
      long p = at;
      if (unwrittenAck >= 0) {
        ByteBuffer ack = ackFrame(unwrittenAck);
        while (ack.hasRemaining()) {
          p += ch.write(ack, p);
        }
      }
      while (frame.hasRemaining()) {
        p += ch.write(frame, p);
      }
      ch.force(false);
      end = p;
      unwrittenAck = -1;
      cleared();
    } catch (IOException e) {
      try {
        ch.truncate(at);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      String what = "cannot write to the write spool " + file + ": " + e.getMessage();
      failed(what);
      throw new UncheckedIOException(what, e);
    }
  }

  private static ByteBuffer ackFrame(long sequence) {
    return SpoolFormat.frame(SpoolFormat.ACK, ByteBuffer.allocate(8).putLong(sequence).array());
  }

  /** Notes a local disk failure: ERROR once when the disk starts failing, DEBUG while it goes on. */
  private void failed(String what) {
    if (problem == null) {
      log.error("Write spool {}: the local disk failed ({}). Comments cannot be queued and acknowledgements of"
          + " replayed comments wait in memory until it takes writes again; a restart before then replays those"
          + " comments once more, which changes nothing.", file, what);
    } else {
      log.debug("Write spool {}: the local disk still fails: {}", file, what);
    }
    problem = what;
  }

  /** A write succeeded: the disk works again. */
  private void cleared() {
    if (problem != null) {
      log.info("Write spool {}: the local disk takes writes again", file);
      problem = null;
    }
  }

  private void truncateToHeader() {
    if (keepJournal) {
      return; // it holds an entry set aside in memory only; the next open queues it again
    }
    try {
      channel.truncate(HEADER.length);
      channel.force(true);
      end = HEADER.length;
      unwrittenAck = -1; // nothing left to acknowledge
      cleared();
    } catch (IOException e) {
      // harmless: everything in the file is acknowledged or will be, the next open compacts it
      log.warn("Could not truncate the empty write spool {}: {}", file, e.toString());
    }
  }

  private void add(Entry e) {
    pending.put(e.sequence(), e);
    byId.put(new Key(e.comment().site(), e.comment().id()), e);
  }

  private byte[] read(long at, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    while (b.hasRemaining()) {
      if (channel.read(b, at + b.position()) < 0) {
        break;
      }
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  private Path siblingFile(String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the write spool " + file + " is closed");
    }
  }

  private record Key(SiteId site, CommentId id) {}

  /** Builds a {@link FileWriteSpool}. Not thread-safe. */
  public static final class Builder {
    private final Path file;
    private Clock clock = Clock.systemUTC();
    private int maxDepth = 50_000;

    private Builder(Path file) {
      this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * The clock that names {@code .corrupt-<timestamp>} files. Default: the system clock, UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The most comments the spool may hold; an append beyond it throws {@link SpoolFullException}. Every
     * waiting comment is also held in memory. Default 50,000.
     *
     * @param maxDepth positive
     * @return this builder
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 1) {
        throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Opens the spool: scans the file, sets damaged bytes aside, and locks it.
     *
     * @return the open spool
     * @throws IllegalStateException if the file is not a spool, or another owner has it open
     * @throws UncheckedIOException if the file cannot be read or created
     */
    public FileWriteSpool build() {
      return new FileWriteSpool(this);
    }
  }
}
