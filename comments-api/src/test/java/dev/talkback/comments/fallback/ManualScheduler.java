package dev.talkback.comments.fallback;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler the test drives: tasks wait until {@link #runPending()} runs them, on the test's thread, so a
 * probe round happens exactly when the test says and never in between. Delays are recorded, not waited.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final List<Task<?>> pending = new ArrayList<>();
  private final List<Long> delays = new ArrayList<>();
  private boolean shutdown;

  /** Runs every task pending now (not those they schedule); returns how many ran. */
  int runPending() {
    List<Task<?>> now;
    synchronized (this) {
      now = new ArrayList<>(pending);
      pending.clear();
    }
    now.forEach(FutureTask::run);
    return now.size();
  }

  synchronized int pendingCount() {
    return pending.size();
  }

  synchronized List<Long> delaysNanos() {
    return List.copyOf(delays);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(new Task<>(() -> {
      command.run();
      return null;
    }, unit.toNanos(delay)));
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return add(new Task<>(callable, unit.toNanos(delay)));
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException("the fallback store schedules one round at a time");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("the fallback store schedules one round at a time");
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  private synchronized <V> Task<V> add(Task<V> task) {
    if (shutdown) {
      throw new RejectedExecutionException("shut down");
    }
    pending.add(task);
    delays.add(task.delayNanos);
    return task;
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> left = new ArrayList<>(pending);
    pending.clear();
    return left;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private static final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
    final long delayNanos;

    Task(Callable<V> callable, long delayNanos) {
      super(callable);
      this.delayNanos = delayNanos;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(delayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
