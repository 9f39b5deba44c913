package dev.talkback.comments.internal;

import dev.talkback.comments.CommentId;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Generates version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds from the injected clock, then random
 * bits. Ids of comments posted later sort later, which keeps database indexes compact.
 */
public final class TimeOrderedIds implements Supplier<CommentId> {
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * A generator that takes the time from this clock.
   *
   * @param clock the clock whose milliseconds lead each id
   */
  public TimeOrderedIds(Clock clock) {
    this.clock = clock;
  }

  @Override
  public CommentId get() {
    long millis = clock.millis();
    long randA = random.nextInt(1 << 12);
    long msb = (millis << 16) | 0x7000L | randA;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new CommentId(new UUID(msb, lsb));
  }
}
