package dev.talkback.comments.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  private static final Instant START = Instant.parse("2026-01-01T10:00:00.123456789Z");

  @Test
  void instant_standsStillUntilMoved() {
    MutableClock clock = new MutableClock(START);

    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advanceAndSet_moveTheClock() {
    MutableClock clock = new MutableClock(START);

    clock.advance(Duration.ofMinutes(16));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(16 * 60));
    clock.advance(Duration.ofMinutes(-1));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(15 * 60));
    clock.set(START);
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void withZone_followsTheClock() {
    MutableClock clock = new MutableClock(START);
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofHours(1));

    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant()).isEqualTo(START.plusSeconds(3600));
  }
}
