package dev.talkback.comments.fallback;

import dev.talkback.comments.Comment;
import dev.talkback.comments.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a {@link WriteSpool} into a primary: at least once (an entry is acknowledged only after the
 * store took it), which with {@code insert}'s idempotency by comment id is exactly once. Consecutive
 * entries of one thread go in one {@code insertAll}; if the store refuses such a run for any reason but
 * unavailability, it is replayed one by one and the entry refused alone is set aside, so it cannot block
 * the entries behind it.
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
      int i = 0;
      while (i < batch.size()) {
        List<WriteSpool.Entry> run = sameThread(batch, i);
        i += run.size();
        try {
          // one round trip for a run of one thread's comments; insertAll is insert one by one, in order
          List<Comment> comments = run.stream().map(WriteSpool.Entry::comment).collect(Collectors.toList());
          primary.call("a replayed insertAll", deadline,
              () -> primary.store().insertAll(run.get(0).thread(), comments));
          spool.acknowledge(run.get(run.size() - 1).sequence());
          stored += run.size();
          continue;
        } catch (StoreUnavailableException unavailable) {
          log.warn("Replay of the {} into {} stopped after {} comments: {}", label, primary, stored,
              Node.message(unavailable));
          return new Result(stored, setAside, false, Node.message(unavailable));
        } catch (RuntimeException refused) {
          log.debug("A replayed batch was refused; replaying it one by one to find the culprit", refused);
        }
        for (WriteSpool.Entry e : run) {
          try {
            primary.call("a replayed insert", deadline, () -> primary.store().insert(e.thread(), e.comment()));
            spool.acknowledge(e.sequence());
            stored++;
          } catch (StoreUnavailableException unavailable) {
            log.warn("Replay of the {} into {} stopped after {} comments: {}", label, primary, stored,
                Node.message(unavailable));
            return new Result(stored, setAside, false, Node.message(unavailable));
          } catch (RuntimeException refused) {
            spool.setAside(e.sequence(), primary + " refused it: " + refused);
            setAside++;
          }
        }
      }
    }
    return new Result(stored, setAside, true, "");
  }

  /** The entries from {@code from} on that belong to the same thread as the one at {@code from}. */
  private static List<WriteSpool.Entry> sameThread(List<WriteSpool.Entry> batch, int from) {
    WriteSpool.Entry first = batch.get(from);
    int to = from + 1;
    while (to < batch.size()
        && batch.get(to).thread().site().equals(first.thread().site())
        && batch.get(to).thread().key().equals(first.thread().key())) {
      to++;
    }
    return batch.subList(from, to);
  }
}
