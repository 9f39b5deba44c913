package dev.talkback.comments.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a condition that another thread makes true, failing the test after a deadline: no
 * sleep-and-hope in tests. The condition is polled, first often and then every 50 ms at most.
 *
 * <pre>{@code
 * Await.until("the spool is replayed", () -> store.health().spoolDepth() == 0);
 * Await.until(Duration.ofSeconds(30), "the page shows the queued comment",
 *     () -> http.get("/article").body().contains("Written during the outage"));
 * }</pre>
 *
 * <p>The condition may throw: an exception fails the wait at once, with the exception as the cause. An
 * interrupt ends the wait with an {@link AssertionError} and keeps the thread's interrupt flag set.
 * Threadsafe: it keeps no state.
 */
public final class Await {
  /** The deadline of {@link #until(String, Condition)}: generous, so a slow CI machine does not fail. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private Await() {}

  /**
   * A condition to wait for. Unlike a {@link java.util.function.BooleanSupplier} it may throw, so an HTTP
   * call or a blocking read can be the condition.
   */
  @FunctionalInterface
  public interface Condition {
    /**
     * Whether the awaited state has been reached.
     *
     * @return true once it has
     * @throws Exception if checking failed; this fails the wait
     */
    boolean isMet() throws Exception;
  }

  /**
   * Waits up to {@link #DEFAULT_TIMEOUT} until {@code condition} is met.
   *
   * @param what the awaited state, for the failure message ("the spool is replayed")
   * @param condition checked until it is met
   * @throws AssertionError if the deadline passes, the condition throws or the thread is interrupted
   */
  public static void until(String what, Condition condition) {
    until(DEFAULT_TIMEOUT, what, condition);
  }

  /**
   * Waits up to {@code timeout} until {@code condition} is met, checking it at least once.
   *
   * @param timeout how long to wait at most; positive
   * @param what the awaited state, for the failure message ("the spool is replayed")
   * @param condition checked until it is met
   * @throws AssertionError if the deadline passes, the condition throws or the thread is interrupted
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public static void until(Duration timeout, String what, Condition condition) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(condition, "condition");
    long start = System.nanoTime();
    long pause = TimeUnit.MILLISECONDS.toNanos(1);
    while (true) {
      try {
        if (condition.isMet()) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what, e);
      } catch (Exception e) {
        throw new AssertionError("failed while waiting until " + what + ": " + e, e);
      }
      long waited = System.nanoTime() - start;
      if (waited >= timeout.toNanos()) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + what);
      }
      try {
        TimeUnit.NANOSECONDS.sleep(Math.min(pause, timeout.toNanos() - waited));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting until " + what, e);
      }
      pause = Math.min(pause * 2, MAX_POLL_NANOS);
    }
  }
}
