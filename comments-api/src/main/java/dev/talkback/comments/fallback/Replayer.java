package dev.talkback.comments.fallback;

import dev.talkback.comments.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a {@link WriteSpool} into a primary: at least once (an entry is acknowledged only after the
 * store took it), which with {@code insert}'s idempotency by comment id is exactly once. An entry the store
 * refuses for any reason but unavailability is set aside, so it cannot block the entries behind it.
 */
final class Replayer {
  private static final Logger log = LoggerFactory.getLogger(Replayer.class);
  private static final int BATCH = 64;

  private Replayer() {}

  /** What a replay did. */
  record Result(long stored, long setAside, boolean complete, String error) {}

  /**
   * Replays until the spool is empty or {@code minDepth} entries are left.
   *
   * @return how many entries were stored, and whether the spool was drained; {@code complete} is false
   *     when the primary became unavailable on the way
   */
  static Result replay(String label, WriteSpool spool, Node primary, Duration deadline, long minDepth) {
    long stored = 0;
    long setAside = 0;
    while (spool.depth() > minDepth) {
      List<WriteSpool.Entry> batch = spool.peek(BATCH);
      if (batch.isEmpty()) {
        break;
      }
      long done = -1;
      for (WriteSpool.Entry e : batch) {
        try {
          primary.call("a replayed insert", deadline, () -> primary.store().insert(e.thread(), e.comment()));
          done = e.sequence();
          stored++;
        } catch (StoreUnavailableException unavailable) {
          if (done >= 0) {
            spool.acknowledge(done);
          }
          log.warn("Replay of the {} into {} stopped after {} comments: {}", label, primary, stored,
              unavailable.getMessage());
          return new Result(stored, setAside, false, unavailable.getMessage());
        } catch (RuntimeException refused) {
          if (done >= 0) {
            spool.acknowledge(done);
            done = -1;
          }
          spool.setAside(e.sequence(), primary + " refused it: " + refused);
          setAside++;
        }
      }
      if (done >= 0) {
        spool.acknowledge(done);
      }
    }
    return new Result(stored, setAside, true, "");
  }
}
