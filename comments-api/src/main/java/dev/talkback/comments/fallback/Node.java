package dev.talkback.comments.fallback;

import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.CommentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One database a {@link FallbackCommentStore} talks to, with its own bounded pool of daemon threads so
 * every call runs under a deadline, and what was last seen of it. A call that outlives its deadline leaves
 * its thread behind until the driver gives up (its socket timeout); when all threads are busy that way the
 * node refuses further calls at once, which also counts as unavailable.
 */
final class Node {
  final String name;
  final CommentReader reader;
  final @Nullable PrimaryProbe probe;
  private final ThreadPoolExecutor executor;

  private volatile boolean up = true;
  private volatile @Nullable Instant downSince;
  private volatile @Nullable String lastError;
  private volatile @Nullable Writability lastSeen;
  private volatile boolean stale;

  Node(String name, CommentReader reader, @Nullable PrimaryProbe probe, int maxCallsInFlight) {
    this.name = name;
    this.reader = reader;
    this.probe = probe;
    AtomicInteger n = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            0, maxCallsInFlight, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "talkback-" + name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
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
    try {
      return executor.submit(call::get);
    } catch (RejectedExecutionException e) {
      throw new StoreUnavailableException(
          name + " has " + executor.getMaximumPoolSize() + " calls in flight that did not return; " + what
              + " was not sent", e);
    }
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
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
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

  void shutdown() {
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return name;
  }
}
