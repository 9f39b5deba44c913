package dev.talkback.examples.demoblog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The login backoff without a server: per client, per account, doubling, bounded. */
class LoginThrottleTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(clock, Set.of("moderator"), 100);

  private void fail(int times, String client, String account) {
    for (int i = 0; i < times; i++) {
      throttle.failed(client, account);
    }
  }

  @Test
  void lockedOut_belowTheLimit_isEmpty() {
    fail(LoginThrottle.FREE_FAILURES - 1, "10.0.0.1", "moderator");
    assertThat(throttle.lockedOut("10.0.0.1", "moderator")).isEmpty();
  }

  @Test
  void failed_atTheLimit_locksOutThenDoublesUpToTheMaximum() {
    fail(LoginThrottle.FREE_FAILURES, "10.0.0.1", "moderator");
    assertThat(throttle.lockedOut("10.0.0.1", "moderator")).contains(LoginThrottle.FIRST_LOCKOUT);
    clock.advance(LoginThrottle.FIRST_LOCKOUT);
    assertThat(throttle.lockedOut("10.0.0.1", "moderator")).isEmpty();
    throttle.failed("10.0.0.1", "moderator");
    assertThat(throttle.lockedOut("10.0.0.1", "moderator")).contains(LoginThrottle.FIRST_LOCKOUT.multipliedBy(2));
    fail(20, "10.0.0.1", "moderator");
    assertThat(throttle.lockedOut("10.0.0.1", "moderator")).contains(LoginThrottle.MAX_LOCKOUT);
  }

  @Test
  void failed_onAnAccount_locksItOutFromEveryClient() {
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      throttle.failed("10.0.0." + i, "moderator");
    }
    assertThat(throttle.lockedOut("10.9.9.9", "moderator")).isPresent();
    assertThat(throttle.lockedOut("10.9.9.9", "someone")).isEmpty();
  }

  @Test
  void failed_withGuessedNames_countsAgainstTheClientOnly() {
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      throttle.failed("10.0.0.1", "guess" + i);
    }
    assertThat(throttle.lockedOut("10.0.0.1", "anything")).isPresent();
    assertThat(throttle.lockedOut("10.0.0.2", "moderator")).isEmpty();
  }

  @Test
  void succeeded_forgetsTheFailures() {
    fail(LoginThrottle.FREE_FAILURES - 1, "10.0.0.1", "moderator");
    throttle.succeeded("10.0.0.1", "moderator");
    throttle.failed("10.0.0.1", "moderator");
    assertThat(throttle.lockedOut("10.0.0.1", "moderator")).isEmpty();
  }

  @Test
  void failed_afterTheForgetWindow_startsOver() {
    fail(LoginThrottle.FREE_FAILURES - 1, "10.0.0.1", "moderator");
    clock.advance(LoginThrottle.FORGET_AFTER.plus(Duration.ofSeconds(1)));
    throttle.failed("10.0.0.1", "moderator");
    assertThat(throttle.lockedOut("10.0.0.1", "moderator")).isEmpty();
  }

  @Test
  void failed_fromManyClients_keepsAtMostTheBound() {
    for (int i = 0; i < 1_000; i++) {
      throttle.failed("client-" + i, "nobody");
    }
    assertThat(throttle.trackedClients()).isEqualTo(100);
    assertThat(throttle.lockedOut("client-999", "nobody")).isEqualTo(Optional.empty());
  }
}
