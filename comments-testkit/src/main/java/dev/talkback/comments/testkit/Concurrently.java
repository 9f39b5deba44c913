package dev.talkback.comments.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs tasks on several threads released at once: the one way the contracts race a store. */
final class Concurrently {
  private Concurrently() {}

  /**
   * Runs tasks on {@code threads} threads, all released at once, and returns their results in order; fails
   * if one fails or they do not all finish within {@code deadline}.
   */
  static <T> List<T> run(int threads, Duration deadline, List<Callable<T>> tasks) {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(executor.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      long end = System.nanoTime() + deadline.toNanos();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return results;
    } catch (TimeoutException e) {
      throw new AssertionError("concurrent tasks did not finish within " + deadline, e);
    } catch (ExecutionException e) {
      throw new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      executor.shutdownNow();
    }
  }
}
