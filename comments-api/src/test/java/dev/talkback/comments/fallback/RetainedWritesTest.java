package dev.talkback.comments.fallback;

import static dev.talkback.comments.fallback.Fixtures.THREAD;
import static dev.talkback.comments.fallback.Fixtures.comment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetainedWritesTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 100;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * A threadsafe in-memory journal whose appends return out of order: the sequence is taken first and the
   * caller gets it back after a yield, as a real spool's fsync lets a later append finish first.
   */
  static final class MemoryJournal implements WriteSpool {
    private final AtomicLong next = new AtomicLong(1);
    private final Map<Long, Entry> entries = new ConcurrentSkipListMap<>();
    private final boolean failing;

    MemoryJournal(boolean failing) {
      this.failing = failing;
    }

    @Override
    public Entry append(ThreadInfo thread, Comment comment) {
      if (failing) {
        throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
      }
      long sequence = next.getAndIncrement();
      Thread.yield();
      Entry e = new Entry(sequence, thread, comment);
      entries.put(sequence, e);
      return e;
    }

    @Override
    public Optional<Comment> find(SiteId site, CommentId id) {
      return entries.values().stream().map(Entry::comment).filter(c -> c.id().equals(id)).findFirst();
    }

    @Override
    public List<Entry> peek(int max) {
      return entries.values().stream().limit(max).toList();
    }

    @Override
    public void acknowledge(long sequence) {
      entries.keySet().removeIf(s -> s <= sequence);
    }

    @Override
    public void setAside(long sequence, String reason) {
      entries.remove(sequence);
    }

    @Override
    public long depth() {
      return entries.size();
    }

    @Override
    public long setAsideCount() {
      return 0;
    }

    @Override
    public void close() {}
  }

  private void concurrently(Runnable each) throws Exception {
    concurrently(THREADS, PER_THREAD, each);
  }

  /** Runs {@code each} {@code rounds} times on each of {@code threads} threads released at once. */
  private void concurrently(int threads, int rounds, Runnable each) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < rounds; i++) {
          each.run();
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void lastSequence_concurrentRetains_neverMovesBackwards_andEndsAtTheLast() throws Exception {
    RetainedWrites retained = new RetainedWrites(new MemoryJournal(false));
    Comment c = comment("the same comment object will do: the journal only counts");
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong backwards = new AtomicLong();
    Future<?> monitor = pool.submit(() -> {
      long seen = 0;
      while (running.get()) {
        long now = retained.lastSequence();
        if (now < seen) {
          backwards.incrementAndGet();
        }
        seen = Math.max(seen, now);
      }
    });
    concurrently(() -> retained.retain(THREAD, c));
    running.set(false);
    monitor.get(10, TimeUnit.SECONDS);

    assertThat(backwards.get()).as("times lastSequence moved backwards").isZero();
    assertThat(retained.lastSequence()).isEqualTo((long) THREADS * PER_THREAD);
  }

  @Test
  void failures_concurrentFailedRetains_everyOneCounted() throws Exception {
    RetainedWrites retained = new RetainedWrites(new MemoryJournal(true));
    Comment c = comment("never kept");
    concurrently(() -> retained.retain(THREAD, c));
    assertThat(retained.failures()).isEqualTo((long) THREADS * PER_THREAD);
    assertThat(retained.lastSequence()).isZero();
  }

  @Test
  void advanceTo_racingThreads_neverMovesBackwards() throws Exception {
    RetainedWrites retained = new RetainedWrites(new MemoryJournal(false));
    int threads = 3;
    int rounds = 1_000_000;
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong backwards = new AtomicLong();
    Future<?> monitor = pool.submit(() -> {
      long seen = 0;
      while (running.get()) {
        long now = retained.lastSequence();
        if (now < seen) {
          backwards.incrementAndGet();
        }
        seen = Math.max(seen, now);
      }
    });
    AtomicLong sequences = new AtomicLong(); // what the journal hands out, in append order
    concurrently(threads, rounds, () -> {
      long sequence = sequences.incrementAndGet(); // the other thread's may land first
      retained.advanceTo(sequence);
      if (retained.lastSequence() < sequence) {
        backwards.incrementAndGet(); // a racing thread overwrote it with a lower one
      }
    });
    running.set(false);
    monitor.get(10, TimeUnit.SECONDS);
    assertThat(retained.lastSequence()).isEqualTo((long) rounds * threads);
    assertThat(backwards.get()).as("times lastSequence moved backwards").isZero();
  }

  @Test
  void countFailure_racingThreads_countsEveryOne() throws Exception {
    RetainedWrites retained = new RetainedWrites(new MemoryJournal(false));
    int threads = 4;
    int rounds = 1_000_000;
    concurrently(threads, rounds, retained::countFailure);
    assertThat(retained.failures()).isEqualTo((long) threads * rounds);
  }

  @Test
  void release_onlyWhatTheStandbysReplayedPast() {
    MemoryJournal journal = new MemoryJournal(false);
    RetainedWrites retained = new RetainedWrites(journal);
    retained.retain(THREAD, comment("1"));
    retained.retain(THREAD, comment("2"));
    retained.stamp(retained.lastSequence(), 100);
    retained.retain(THREAD, comment("3"));
    retained.stamp(retained.lastSequence(), 200);

    assertThat(retained.release(OptionalLong.of(99))).isZero();
    assertThat(retained.release(OptionalLong.empty())).isZero();
    assertThat(retained.release(OptionalLong.of(150))).isEqualTo(2);
    assertThat(journal.depth()).isEqualTo(1);
    assertThat(retained.release(OptionalLong.of(200))).isEqualTo(1);
    assertThat(journal.depth()).isZero();
  }

  @Test
  void stamp_olderOrEqualSequence_isIgnored() {
    MemoryJournal journal = new MemoryJournal(false);
    RetainedWrites retained = new RetainedWrites(journal);
    retained.retain(THREAD, comment("1"));
    retained.retain(THREAD, comment("2"));
    retained.stamp(2, 100);
    retained.stamp(1, 50); // a sequence read before the last stamp: must not release entry 2 at 50
    assertThat(retained.release(OptionalLong.of(60))).isZero();
    assertThat(retained.release(OptionalLong.of(100))).isEqualTo(2);
  }

  @Test
  void new_resumesAfterTheLastEntryOfAnExistingJournal() {
    MemoryJournal journal = new MemoryJournal(false);
    journal.append(THREAD, comment("before a restart"));
    journal.append(THREAD, comment("before a restart too"));
    assertThat(new RetainedWrites(journal).lastSequence()).isEqualTo(2);
  }
}
