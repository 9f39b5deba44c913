package dev.talkback.comments.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} for tests that moves forward by a fixed step every time it is read, so consecutive
 * comments get distinct, increasing timestamps, to the microsecond (the precision every store keeps).
 * Threadsafe: concurrent readers each get their own instant.
 *
 * <pre>{@code
 * TickingClock clock = new TickingClock(Instant.parse("2024-05-01T10:15:30.123456Z"), Duration.ofMillis(1));
 * clock.instant();                      // 2024-05-01T10:15:30.123456Z
 * clock.instant();                      // 2024-05-01T10:15:30.124456Z
 * clock.advance(Duration.ofMinutes(20)); // jump past an edit window
 * }</pre>
 */
public final class TickingClock extends Clock {
  private final AtomicLong micros;
  private final long stepMicros;
  private final ZoneId zone;

  /**
   * @param start the first instant returned; truncated to microseconds
   * @param step how far each read moves the clock; at least one microsecond
   */
  public TickingClock(Instant start, Duration step) {
    this(toMicros(Objects.requireNonNull(start, "start")), stepMicros(step), ZoneOffset.UTC);
  }

  private TickingClock(long startMicros, long stepMicros, ZoneId zone) {
    this.micros = new AtomicLong(startMicros);
    this.stepMicros = stepMicros;
    this.zone = zone;
  }

  /** The current instant; the next read returns one {@code step} later. */
  @Override
  public Instant instant() {
    return ofMicros(micros.getAndAdd(stepMicros));
  }

  /**
   * The instant the next read returns, without moving the clock.
   *
   * @return the next instant
   */
  public Instant peek() {
    return ofMicros(micros.get());
  }

  /**
   * Moves the clock forward (or, with a negative duration, back) by {@code duration}, truncated to micros.
   *
   * @param duration how far to move
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    micros.addAndGet(duration.toNanos() / 1_000);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A clock in another zone that starts where this one is now and then ticks on its own. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new TickingClock(micros.get(), stepMicros, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "TickingClock[" + peek() + ", step " + stepMicros + "µs]";
  }

  private static long stepMicros(Duration step) {
    Objects.requireNonNull(step, "step");
    long m = step.toNanos() / 1_000;
    if (m < 1) {
      throw new IllegalArgumentException("step must be at least one microsecond: " + step);
    }
    return m;
  }

  private static long toMicros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static Instant ofMicros(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
