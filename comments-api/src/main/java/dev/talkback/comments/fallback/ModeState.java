package dev.talkback.comments.fallback;

import dev.talkback.comments.StoreMode;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mode of a {@link FallbackCommentStore}: read-write or read-only, which database is the primary, since
 * when and why, and the counters behind health. Readers read the volatile fields without locking; every
 * change happens holding {@link #lock}, which also orders spool appends against the switch back to
 * read-write (a comment queued under the lock is replayed before the switch, or not queued at all).
 */
final class ModeState {
  private static final Logger log = LoggerFactory.getLogger(FallbackCommentStore.class);

  /** Held for every change of mode or primary. */
  final Object lock = new Object();

  private final Settings settings;
  private final String readOnlyRoute;
  private volatile Node primary;
  private volatile StoreMode mode = StoreMode.READ_WRITE;
  private volatile @Nullable Instant since;
  private volatile @Nullable String reason;
  private volatile @Nullable String lastError;
  private final AtomicLong toReadOnly = new AtomicLong();
  private final AtomicLong toReadWrite = new AtomicLong();
  final AtomicLong queued = new AtomicLong();
  final AtomicLong replayed = new AtomicLong();
  final AtomicLong probes = new AtomicLong();

  /**
   * @param readOnlyRoute where reads and new comments go while read-only, for the WARN log
   */
  ModeState(Node primary, Settings settings, String readOnlyRoute) {
    this.primary = primary;
    this.settings = settings;
    this.readOnlyRoute = readOnlyRoute;
  }

  StoreMode mode() {
    return mode;
  }

  Node primary() {
    return primary;
  }

  @Nullable Instant since() {
    return since;
  }

  @Nullable String reason() {
    return reason;
  }

  @Nullable String lastError() {
    return lastError;
  }

  void recordError(String error) {
    lastError = error;
  }

  long toReadOnly() {
    return toReadOnly.get();
  }

  long toReadWrite() {
    return toReadWrite.get();
  }

  /**
   * The primary {@code p} failed: switch to read-only, unless another call did already or {@code p} is no
   * longer the primary.
   */
  void primaryFailed(Node p, String error) {
    lastError = error;
    synchronized (lock) {
      if (p != primary || mode == StoreMode.READ_ONLY) {
        return;
      }
      p.markDown(settings.clock().instant(), error);
      switchMode(StoreMode.READ_ONLY, "primary " + p + " is unavailable: " + error);
    }
  }

  /** Makes {@code next} the primary, read-write. Call holding {@link #lock}. */
  void promote(Node next, String why) {
    primary = next;
    next.markUp();
    lastError = null; // recovered: health() no longer shows what went wrong before
    switchMode(StoreMode.READ_WRITE, why);
  }

  /** Call holding {@link #lock}. */
  void switchMode(StoreMode to, String why) {
    StoreMode from = mode;
    mode = to;
    since = settings.clock().instant();
    reason = why;
    if (to == StoreMode.READ_ONLY) {
      toReadOnly.incrementAndGet();
      log.warn("Comments are now READ_ONLY (was {}): {}. {}", from, why, readOnlyRoute);
    } else {
      toReadWrite.incrementAndGet();
      log.info("Comments are READ_WRITE again: {}", why);
    }
    settings.listener().modeChanged(from, to, primary.name, why);
  }
}
