package dev.talkback.comments.fallback;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery: replays what waits into the next primary, then switches to it, read-write. First the
 * replication journal (acknowledged comments the promoted standby may lack), then the write spool: drained
 * without holding writers back, then the last few entries under the mode lock so that none slips in
 * between the replay and the switch. Any replay that stops (the database failed again) leaves the store
 * read-only for the next round.
 */
final class Recovery {
  private static final Logger log = LoggerFactory.getLogger(Recovery.class);
  private static final int LAST_FEW = 16;

  private final ModeState state;
  private final Settings settings;
  private final @Nullable WriteSpool spool;
  private final @Nullable RetainedWrites retained;

  Recovery(ModeState state, Settings settings, @Nullable WriteSpool spool, @Nullable RetainedWrites retained) {
    this.state = state;
    this.settings = settings;
    this.spool = spool;
    this.retained = retained;
  }

  /** Replays what waits into {@code next}, then makes it the primary, read-write. */
  void recover(Node next) {
    RetainedWrites r = retained;
    if (r != null && r.journal().depth() > 0) {
      Replayer.Result result = replay("replication journal", r.journal(), next, 0);
      if (!result.complete()) {
        return;
      }
      r.reset();
      log.info("Replayed {} acknowledged comments that may not have reached the replica into {}",
          result.stored(), next);
    }
    WriteSpool s = spool;
    if (s != null && !replay("write spool", s, next, LAST_FEW).complete()) {
      return;
    }
    synchronized (state.lock) {
      if (s != null && !replay("write spool", s, next, 0).complete()) {
        return;
      }
      Node old = state.primary();
      Writability w = next.lastSeen();
      String what = next == old ? "primary " + next + " takes writes again" : "new primary " + next + " (was " + old + ")";
      state.promote(next, what + (w != null && !w.detail().isEmpty() ? ": " + w.detail() : "")
          + (s != null ? "; the write spool is replayed" : ""));
    }
  }

  private Replayer.Result replay(String label, WriteSpool from, Node into, long minDepth) {
    Replayer.Result r = Replayer.replay(label, from, into, settings.writeDeadline(), minDepth,
        settings.clock());
    state.replayed.addAndGet(r.stored());
    if (r.stored() > 0 || r.setAside() > 0) {
      settings.listener().replayed(into.name, r.stored(), r.setAside());
    }
    if (!r.complete()) {
      state.recordError(r.error());
    }
    return r;
  }
}
