package dev.talkback.comments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readers that miss one key together share one load: its value, or its failure. */
class ReadCacheConcurrencyTest {
  private static final int READERS = 6;
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final ReadCache cache = new ReadCache(1 << 20);
  private final AtomicInteger attempts = new AtomicInteger();
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService pool = Executors.newFixedThreadPool(READERS);

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdownNow();
  }

  /** A load that waits for the test, then answers or fails. */
  private Supplier<String> heldLoad(boolean fails) {
    return () -> {
      attempts.incrementAndGet();
      started.countDown();
      try {
        if (!release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (fails) {
        throw new StoreUnavailableException("timed out", null);
      }
      return "new";
    };
  }

  /** Starts the readers, holds the first load until all of them are parked, then lets it finish. */
  private List<Future<ReadCache.Result<String>>> readTogether(Supplier<String> load) throws InterruptedException {
    List<Thread> arrived = new CopyOnWriteArrayList<>();
    List<Future<ReadCache.Result<String>>> results = new ArrayList<>();
    for (int i = 0; i < READERS; i++) {
      results.add(pool.submit(() -> {
        arrived.add(Thread.currentThread());
        return cache.get("k", "s", load, String::length);
      }));
    }
    assertThat(started.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (arrived.size() < READERS || !arrived.stream().allMatch(ReadCacheConcurrencyTest::parked)) {
      assertThat(System.nanoTime() - deadline).as("readers parked within %s", DEADLINE).isNegative();
      Thread.onSpinWait();
    }
    release.countDown();
    return results;
  }

  private static boolean parked(Thread t) {
    Thread.State s = t.getState();
    return s == Thread.State.BLOCKED || s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void get_concurrentMissesLoadOnceAndShareTheValue() throws Exception {
    for (Future<ReadCache.Result<String>> r : readTogether(heldLoad(false))) {
      assertThat(await(r)).isEqualTo(new ReadCache.Result<>("new", false));
    }
    assertThat(attempts).hasValue(1);
    assertThat(cache.statistics().misses()).isEqualTo(1);
    assertThat(cache.statistics().hits()).isEqualTo(READERS - 1);
  }

  @Test
  void get_readersWaitingOnAFailedReloadShareItsStaleValue() throws Exception {
    cache.get("k", "s", () -> "old", String::length);
    cache.invalidate("s");

    for (Future<ReadCache.Result<String>> r : readTogether(heldLoad(true))) {
      assertThat(await(r)).isEqualTo(new ReadCache.Result<>("old", true));
    }
    assertThat(attempts).hasValue(1);
    assertThat(cache.statistics().staleServed()).isEqualTo(READERS);

    // a reader that comes after the failure tries the store again
    assertThat(cache.get("k", "s", () -> "back", String::length)).isEqualTo(new ReadCache.Result<>("back", false));
  }

  @Test
  void get_readersWaitingOnAFailedFirstLoadShareTheFailure() throws Exception {
    for (Future<ReadCache.Result<String>> r : readTogether(heldLoad(true))) {
      assertThat(r).failsWithin(DEADLINE).withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(StoreUnavailableException.class);
    }
    assertThat(attempts).hasValue(1);
  }
}
