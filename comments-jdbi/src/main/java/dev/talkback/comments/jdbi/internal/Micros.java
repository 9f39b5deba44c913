package dev.talkback.comments.jdbi.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the store keeps them: microseconds since 1970-01-01T00:00:00Z in a {@code BIGINT}. Exact on
 * every database, free of session time zones and driver conversions, and cheap to compare in an index.
 */
public final class Micros {
  private static final long PER_SECOND = 1_000_000L;

  private Micros() {}

  /**
   * The instant in microseconds, truncated (towards the past) to a whole microsecond.
   *
   * @param instant an instant
   * @return microseconds since the epoch
   * @throws IllegalArgumentException if the instant is beyond about 290,000 years from 1970
   */
  public static long of(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano() / 1000);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("instant " + instant + " is out of the range the store can keep", e);
    }
  }

  /**
   * The instant of a stored microsecond count.
   *
   * @param micros microseconds since the epoch
   * @return the instant
   */
  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1000);
  }

  /**
   * The instant truncated to whole microseconds, as it will read back from the store.
   *
   * @param instant an instant
   * @return the instant without its sub-microsecond part
   */
  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
