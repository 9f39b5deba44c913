package dev.talkback.comments.fallback;

import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.CommentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One database a {@link FallbackCommentStore} talks to, and what was last seen of it. Every call runs on the
 * store's call executor under a deadline, at most {@code maxCallsInFlight} at once per database. A call that
 * outlives its deadline keeps its permit until the driver gives up (its socket timeout) and the call
 * returns; when all permits are held that way the node refuses further calls at once, which also counts as
 * unavailable.
 */
final class Node {
  final String name;
  final CommentReader reader;
  final @Nullable PrimaryProbe probe;
  private final Executor executor;
  private final Semaphore inFlight;
  private final int maxCallsInFlight;

  private volatile boolean up = true;
  private volatile @Nullable Instant downSince;
  private volatile @Nullable String lastError;
  private volatile @Nullable Writability lastSeen;
  private volatile boolean stale;

  Node(String name, CommentReader reader, @Nullable PrimaryProbe probe, Executor executor, int maxCallsInFlight) {
    this.name = name;
    this.reader = reader;
    this.probe = probe;
    this.executor = executor;
    this.maxCallsInFlight = maxCallsInFlight;
    this.inFlight = new Semaphore(maxCallsInFlight);
  }

  CommentStore store() {
    return (CommentStore) reader;
  }

  /**
   * Runs {@code call} on this node's pool and waits at most {@code deadline}.
   *
   * @throws StoreUnavailableException if the call throws it, does not answer in time, or cannot start
   */
  <T> T call(String what, Duration deadline, Supplier<T> call) {
    return await(what, deadline, start(what, call));
  }

  /**
   * Starts {@code call} on this node's pool, for {@link #await}: several nodes can then be asked at once.
   *
   * @throws StoreUnavailableException if every thread of the pool is busy
   */
  <T> Future<T> start(String what, Supplier<T> call) {
    if (!inFlight.tryAcquire()) {
      throw new StoreUnavailableException(
          name + " has " + maxCallsInFlight + " calls in flight that did not return; " + what + " was not sent",
          null);
    }
    AtomicBoolean released = new AtomicBoolean();
    AtomicBoolean ran = new AtomicBoolean();
    Runnable release = () -> {
      if (released.compareAndSet(false, true)) {
        inFlight.release();
      }
    };
    FutureTask<T> task =
        new FutureTask<>(() -> {
          ran.set(true);
          try {
            return call.get();
          } finally {
            release.run(); // only when the call returns: a hung call keeps its permit
          }
        }) {
          @Override
          protected void done() {
            if (isCancelled() && !ran.get()) {
              release.run(); // cancelled before it ran, so its finally never runs
            }
          }
        };
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      release.run();
      throw new StoreUnavailableException("the call executor refused " + what + " for " + name, e);
    }
    return task;
  }

  /**
   * Waits at most {@code deadline} for a call {@link #start}ed on this node.
   *
   * @throws StoreUnavailableException if the call throws it, or does not answer in time
   */
  <T> T await(String what, Duration deadline, Future<T> f) {
    try {
      return f.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new StoreUnavailableException(
          name + " did not answer " + what + " within its deadline of " + deadline.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting for " + name + " to answer " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  boolean up() {
    return up;
  }

  void markDown(Instant now, String error) {
    if (up) {
      downSince = now;
    }
    up = false;
    lastError = error;
  }

  void markUp() {
    up = true;
    downSince = null;
    lastError = null; // it answers: what failed before is history, not health
  }

  void seen(@Nullable Writability w, boolean stale) {
    this.lastSeen = w;
    this.stale = stale;
  }

  @Nullable Writability lastSeen() {
    return lastSeen;
  }

  boolean stale() {
    return stale;
  }

  void recordError(String error) {
    lastError = error;
  }

  /** One line for {@code health()}: up or down, what the probe saw, the last error. */
  String describe() {
    StringBuilder s = new StringBuilder(up ? "up" : "down since " + downSince);
    Writability w = lastSeen;
    if (w != null) {
      s.append(w.writable() ? ", writable" : ", read-only");
      if (w.generation() > 0) {
        s.append(", generation ").append(w.generation());
      }
      if (stale) {
        s.append(", STALE (a newer generation exists: fence this database)");
      }
      if (!w.detail().isEmpty()) {
        s.append(" (").append(w.detail()).append(')');
      }
    }
    String e = lastError;
    if (e != null) {
      s.append("; last error: ").append(e);
    }
    return s.toString();
  }

  @Nullable Instant downSince() {
    return downSince;
  }

  @Nullable String lastError() {
    return lastError;
  }

  /** A throwable's message, or its class name when it has none: never null, for logs and health. */
  static String message(Throwable e) {
    String m = e.getMessage();
    return m != null ? m : e.getClass().getName();
  }

  @Override
  public String toString() {
    return name;
  }
}
