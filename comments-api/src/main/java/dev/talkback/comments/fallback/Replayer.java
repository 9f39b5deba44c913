package dev.talkback.comments.fallback;

import dev.talkback.comments.Comment;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.internal.Subscribing;
import dev.talkback.comments.spi.NotificationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
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
  static Result replay(String label, WriteSpool spool, Node primary, Duration deadline, long minDepth,
      Clock clock) {
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
        // one round trip for a run of one thread's comments; insertAll is insert one by one, in order
        List<Comment> comments = run.stream().map(WriteSpool.Entry::comment).collect(Collectors.toList());
        Outcome batchOutcome = store(label, primary, deadline, stored, "a replayed insertAll",
            () -> primary.store().insertAll(run.get(0).thread(), comments));
        String down = batchOutcome.unavailable();
        if (down != null) {
          return new Result(stored, setAside, false, down);
        }
        if (batchOutcome.stored()) {
          String subscribeDown = subscribe(label, primary, deadline, stored, run, clock);
          if (subscribeDown != null) {
            return new Result(stored, setAside, false, subscribeDown);
          }
          // the insert returned: the store has made the run durable, so the spool may let go of it
          spool.acknowledge(run.get(run.size() - 1).sequence());
          stored += run.size();
          continue;
        }
        for (WriteSpool.Entry e : run) {
          Outcome one = store(label, primary, deadline, stored, "a replayed insert",
              () -> primary.store().insert(e.thread(), e.comment()));
          String downNow = one.unavailable();
          if (downNow != null) {
            return new Result(stored, setAside, false, downNow);
          }
          if (one.stored()) {
            String subscribeDown = subscribe(label, primary, deadline, stored, List.of(e), clock);
            if (subscribeDown != null) {
              return new Result(stored, setAside, false, subscribeDown);
            }
            spool.acknowledge(e.sequence());
            stored++;
          } else {
            spool.setAside(e.sequence(), primary + " refused it: " + one.refusal());
            setAside++;
          }
        }
      }
    }
    return new Result(stored, setAside, true, "");
  }

  /**
   * What one store call did: stored, refused by the store (for any reason but unavailability), or stopped
   * the replay (unavailable). Only the store call is judged here: the spool's own writes never count as the
   * store refusing a comment (a full disk is not the database saying no).
   */
  private record Outcome(boolean stored, @Nullable String refusal, @Nullable String unavailable) {}

  private static Outcome store(String label, Node primary, Duration deadline, long storedSoFar, String what,
      Supplier<?> call) {
    try {
      primary.call(what, deadline, call);
      return new Outcome(true, null, null);
    } catch (StoreUnavailableException unavailable) {
      log.warn("Replay of the {} into {} stopped after {} comments: {}", label, primary, storedSoFar,
          Node.message(unavailable));
      return new Outcome(false, null, Node.message(unavailable));
    } catch (RuntimeException refused) {
      log.debug("{} was refused", what, refused);
      return new Outcome(false, refused.toString(), null);
    }
  }

  /**
   * Records the subscriptions the authors of stored entries asked for, before the entries are acknowledged:
   * a crash in between replays them, and recording is idempotent (the same subscriptions are found, the
   * confirmation request's dedupe key is the comment's day). A refusal is logged and never blocks the spool.
   *
   * @return null, or why the primary became unavailable (the entries stay in the spool)
   */
  private static @Nullable String subscribe(String label, Node primary, Duration deadline, long storedSoFar,
      List<WriteSpool.Entry> entries, Clock clock) {
    for (WriteSpool.Entry e : entries) {
      if (!e.subscription().any()) {
        continue;
      }
      Optional<NotificationStore> notifications = primary.store().notifications();
      if (notifications.isEmpty()) {
        log.warn("Comment {} was replayed into {}, which keeps no outbox: its author's wish to be mailed ({}) is"
            + " dropped", e.comment().id(), primary, e.subscription());
        continue;
      }
      Outcome o = store(label, primary, deadline, storedSoFar, "a replayed subscription",
          () -> Subscribing.record(notifications.get(), e.comment(), e.subscription(), clock.instant()));
      if (o.unavailable() != null) {
        return o.unavailable();
      }
      if (!o.stored()) {
        log.warn("Comment {} was replayed into {}, but its author's subscription could not be recorded: {}",
            e.comment().id(), primary, o.refusal());
      }
    }
    return null;
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
