package dev.talkback.comments.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

  @Test
  void until_conditionBecomesTrue_returns() {
    AtomicInteger checks = new AtomicInteger();

    Await.until("the third check", () -> checks.incrementAndGet() == 3);

    assertThat(checks).hasValue(3);
  }

  @Test
  void until_neverTrue_failsAfterTheDeadlineNamingTheCondition() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> Await.until(Duration.ofMillis(100), "pigs fly", () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("pigs fly")
        .hasMessageContaining("PT0.1S");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
  }

  @Test
  void until_conditionThrows_failsAtOnceWithTheCause() {
    IOException refused = new IOException("connection refused");

    assertThatThrownBy(() -> Await.until("the page loads", () -> {
      throw refused;
    })).isInstanceOf(AssertionError.class).hasMessageContaining("the page loads").hasCause(refused);
  }

  @Test
  void until_interrupted_failsAndKeepsTheInterruptFlag() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Await.until(Duration.ofSeconds(5), "never", () -> false))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void until_timeoutNotPositive_isRefused() {
    assertThatThrownBy(() -> Await.until(Duration.ZERO, "x", () -> true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Await.until(Duration.ofSeconds(-1), "x", () -> true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
