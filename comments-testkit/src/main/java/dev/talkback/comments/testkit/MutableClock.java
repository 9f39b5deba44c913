package dev.talkback.comments.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that stands still until a test moves it: for edit windows, rate limits, time traps and
 * anything else that reads {@code Comments}' injected clock. Threadsafe: one thread may move it while
 * others read it. Where every read should give a new instant, use {@link TickingClock} instead.
 *
 * <pre>{@code
 * MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
 * Comments comments = Comments.builder().store(store).clock(clock).build();
 * clock.advance(Duration.ofMinutes(16)); // past the edit window
 * }</pre>
 */
public final class MutableClock extends Clock {
  private volatile Instant now;
  private final ZoneId zone;

  /**
   * A clock in UTC that reads {@code start} until moved.
   *
   * @param start the instant every read returns until the clock is moved
   */
  public MutableClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  private MutableClock(Instant start, ZoneId zone) {
    this.now = Objects.requireNonNull(start, "start");
    this.zone = zone;
  }

  /**
   * Moves the clock forward (or, with a negative duration, back).
   *
   * @param duration how far to move
   */
  public synchronized void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    now = now.plus(duration);
  }

  /**
   * Sets the clock to an instant.
   *
   * @param instant what every read returns from now on
   */
  public void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * This clock seen in another zone: the returned clock reads the instant this clock reads, now and after
   * every move, so a component that calls {@code withZone} still follows the test.
   */
  @Override
  public Clock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    MutableClock self = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return self.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }
    };
  }

  @Override
  public String toString() {
    return "MutableClock[" + now + "]";
  }
}
