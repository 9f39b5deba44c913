package dev.talkback.comments.memory;

import dev.talkback.comments.StoreUnavailableException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The faults an {@link InMemoryCommentStore} was told to simulate, and its call counters. Every SPI call
 * passes through {@link #beforeRead()} or {@link #beforeWrite()}: counted, then held for the hang, then
 * failed if told to.
 */
final class Faults {
  private final LongAdder reads = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private volatile boolean failReads;
  private volatile boolean failWrites;
  private volatile long hangReadsNanos;
  private volatile long hangWritesNanos;
  /** Counted down by {@link #recover()}, which releases every call that hangs at that moment. */
  private volatile CountDownLatch release = new CountDownLatch(1);

  void beforeRead() {
    reads.increment();
    // Read the latch before the hang: recover() clears the hang first and then swaps the latch, so a call
    // either sees no hang or waits on a latch recover() will count down.
    CountDownLatch latch = release;
    hold(hangReadsNanos, latch);
    if (failReads) {
      throw new StoreUnavailableException("in-memory store told to fail reads", null);
    }
  }

  void beforeWrite() {
    writes.increment();
    CountDownLatch latch = release;
    hold(hangWritesNanos, latch);
    if (failWrites) {
      throw new StoreUnavailableException("in-memory store told to fail writes", null);
    }
  }

  private static void hold(long nanos, CountDownLatch latch) {
    if (nanos <= 0) {
      return;
    }
    try {
      latch.await(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("in-memory store call interrupted while told to hang", e);
    }
  }

  void failReads(boolean fail) {
    failReads = fail;
  }

  void failWrites(boolean fail) {
    failWrites = fail;
  }

  void hangReads(Duration hang) {
    hangReadsNanos = nanos(hang);
  }

  void hangWrites(Duration hang) {
    hangWritesNanos = nanos(hang);
  }

  void recover() {
    failReads = false;
    failWrites = false;
    hangReadsNanos = 0;
    hangWritesNanos = 0;
    CountDownLatch hung = release;
    release = new CountDownLatch(1);
    hung.countDown();
  }

  long readCalls() {
    return reads.sum();
  }

  long writeCalls() {
    return writes.sum();
  }

  private static long nanos(Duration hang) {
    Objects.requireNonNull(hang, "hang");
    if (hang.isNegative()) {
      throw new IllegalArgumentException("a hang must not be negative: " + hang);
    }
    try {
      return hang.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "failReads=" + failReads + ", failWrites=" + failWrites
        + ", hangReads=" + Duration.ofNanos(hangReadsNanos) + ", hangWrites=" + Duration.ofNanos(hangWritesNanos);
  }
}
