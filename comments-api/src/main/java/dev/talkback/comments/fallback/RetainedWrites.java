package dev.talkback.comments.fallback;

import dev.talkback.comments.Comment;
import dev.talkback.comments.ThreadInfo;
import java.util.ArrayDeque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of {@link FallbackCommentStoreBuilder#retainUntilReplicated}: every comment the primary
 * acknowledged, kept until the standbys have replayed past it.
 *
 * <p>Positions are not taken per write. Each probe round first notes the last journal sequence, then asks
 * the primary for its write position: every entry up to that sequence was committed before the position
 * was read, so it lies at or below it. Such stamps live in memory only; after a restart the next round
 * stamps the surviving entries again with a later (so still safe) position. Entries are released, in
 * order, once the lowest replay position among the standbys reaches their stamp.
 *
 * <p>{@link #retain} runs on request threads, many at once, and its journal appends may return out of
 * order; {@link #lastSequence()} therefore only ever moves forward (an atomic maximum), and failures are
 * counted atomically.
 */
final class RetainedWrites {
  private static final Logger log = LoggerFactory.getLogger(RetainedWrites.class);

  private final WriteSpool journal;
  /** (last sequence covered, primary position) pairs, oldest first. */
  private final ArrayDeque<long[]> stamps = new ArrayDeque<>();
  private final AtomicLong lastSequence = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicBoolean failing = new AtomicBoolean();

  RetainedWrites(WriteSpool journal) {
    this.journal = journal;
    List<WriteSpool.Entry> all = journal.peek(Integer.MAX_VALUE);
    this.lastSequence.set(all.isEmpty() ? 0 : all.get(all.size() - 1).sequence());
  }

  WriteSpool journal() {
    return journal;
  }

  /** Keeps a comment the primary just acknowledged. Never fails the write: a failure is logged and counted. */
  void retain(ThreadInfo thread, Comment stored) {
    try {
      advanceTo(journal.append(thread, stored).sequence());
      failing.set(false);
    } catch (RuntimeException e) {
      countFailure();
      // ERROR once when the journal starts failing (a full disk would otherwise log one per comment)
      if (failing.compareAndSet(false, true)) {
        log.error("Could not keep comment {} in the replication journal; it is stored on the primary but would"
            + " be lost if the primary failed before a replica had it. Further failures are counted"
            + " (replicationJournal.failures) and logged at DEBUG until the journal works again",
            stored.id(), e);
      } else {
        log.debug("Could not keep comment {} in the replication journal: {}", stored.id(), e.toString());
      }
    }
  }

  /** Notes an appended sequence: appends return out of order, so only a higher one moves it. */
  void advanceTo(long sequence) {
    lastSequence.accumulateAndGet(sequence, Math::max);
  }

  /** Counts a comment that could not be kept; request threads call this at once. */
  void countFailure() {
    failures.incrementAndGet();
  }

  /** The sequence to stamp next round; read it before asking the primary for its position. */
  long lastSequence() {
    return lastSequence.get();
  }

  /** Every entry up to {@code sequence} was committed at or below {@code position}. */
  synchronized void stamp(long sequence, long position) {
    long[] last = stamps.peekLast();
    if (last != null && last[0] >= sequence) {
      return;
    }
    stamps.addLast(new long[] {sequence, position});
  }

  /** Releases every entry whose stamp the standbys have replayed. */
  synchronized long release(OptionalLong replayed) {
    if (replayed.isEmpty()) {
      return 0;
    }
    long upTo = -1;
    for (long[] first = stamps.peekFirst();
        first != null && first[1] <= replayed.getAsLong();
        first = stamps.peekFirst()) {
      upTo = first[0];
      stamps.pollFirst();
    }
    if (upTo < 0) {
      return 0;
    }
    long before = journal.depth();
    journal.acknowledge(upTo);
    return before - journal.depth();
  }

  /** After the journal was replayed into a new primary: forget the stamps, they were for the old one. */
  synchronized void reset() {
    stamps.clear();
  }

  long failures() {
    return failures.get();
  }
}
