package dev.talkback.comments.fallback;

import dev.talkback.comments.Comment;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.internal.Subscribing;
import dev.talkback.comments.spi.NotificationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a {@link WriteSpool} into a primary: at least once (an entry is acknowledged only after the
 * store took it), which with {@code insert}'s idempotency by comment id is exactly once. The entries of one
 * thread within a batch go in one {@code insertAll}; if the store refuses such a run for any reason but
 * unavailability, it is replayed one by one and the entry refused alone is set aside, so it cannot block
 * the entries behind it.
 */
final class Replayer {
  private static final Logger log = LoggerFactory.getLogger(Replayer.class);
  private static final int BATCH = 256;

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
      long storedHere = 0;
      for (List<WriteSpool.Entry> run : byThread(batch)) {
        // one round trip for each thread's comments in the batch; insertAll is insert one by one, in order
        List<Comment> comments = run.stream().map(WriteSpool.Entry::comment).collect(Collectors.toList());
        Outcome batchOutcome = store(label, primary, deadline, stored + storedHere, "a replayed insertAll",
            () -> primary.store().insertAll(run.get(0).thread(), comments));
        String down = batchOutcome.unavailable();
        if (down != null) {
          // nothing of this batch is acknowledged: what was stored of it is replayed again, idempotently
          return new Result(stored, setAside, false, down);
        }
        if (batchOutcome.stored()) {
          String subscribeDown = subscribe(label, primary, deadline, stored + storedHere, run, clock);
          if (subscribeDown != null) {
            return new Result(stored, setAside, false, subscribeDown);
          }
          storedHere += run.size();
          continue;
        }
        for (WriteSpool.Entry e : run) {
          Outcome one = store(label, primary, deadline, stored + storedHere, "a replayed insert",
              () -> primary.store().insert(e.thread(), e.comment()));
          String downNow = one.unavailable();
          if (downNow != null) {
            return new Result(stored, setAside, false, downNow);
          }
          if (one.stored()) {
            String subscribeDown = subscribe(label, primary, deadline, stored + storedHere, List.of(e), clock);
            if (subscribeDown != null) {
              return new Result(stored, setAside, false, subscribeDown);
            }
            storedHere++;
          } else {
            spool.setAside(e.sequence(), primary + " refused it: " + one.refusal());
            setAside++;
          }
        }
      }
      // every entry of the batch is stored (the inserts returned, so the store made them durable) or set
      // aside: the spool may let go of all of them at once
      spool.acknowledge(batch.get(batch.size() - 1).sequence());
      stored += storedHere;
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

  /**
   * The batch's entries grouped by thread, each group in spool order, the groups in the order of their first
   * entry. Entries of different threads do not depend on each other (a reply's parent is in its own thread),
   * so one {@code insertAll} per thread replays a batch of comments spread over many threads in as many round
   * trips as there are threads, not entries.
   */
  private static Collection<List<WriteSpool.Entry>> byThread(List<WriteSpool.Entry> batch) {
    Map<List<Object>, List<WriteSpool.Entry>> groups = new LinkedHashMap<>();
    for (WriteSpool.Entry e : batch) {
      groups.computeIfAbsent(List.of(e.thread().site(), e.thread().key()), t -> new ArrayList<>()).add(e);
    }
    return groups.values();
  }
}
