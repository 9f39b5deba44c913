package dev.talkback.comments.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeTest {
  private static final Duration SHORT = Duration.ofMillis(50);

  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void call_hungCallsHoldTheirPermits_furtherCallsFailAtOnce_untilTheyReturn() throws Exception {
    Node node = new Node("db", new InMemoryCommentStore(), null, executor, 1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    assertThatThrownBy(() -> node.call("a hung read", SHORT, () -> {
      try {
        // ignores the interrupt on timeout, as a driver blocked in a socket read does
        while (!release.await(1, TimeUnit.SECONDS)) {
          Thread.onSpinWait();
        }
      } catch (InterruptedException e) {
        awaitUninterruptibly(release);
      } finally {
        returned.countDown();
      }
      return "late";
    })).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("within its deadline");

    assertThatThrownBy(() -> node.call("the next read", SHORT, () -> "never sent"))
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("1 calls in flight");

    release.countDown();
    assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    String answer = null;
    while (answer == null && System.nanoTime() < end) {
      try {
        answer = node.call("a read once it returned", SHORT, () -> "answered");
      } catch (StoreUnavailableException stillHeld) {
        Thread.onSpinWait(); // the permit is released just after the latch; retry until the deadline
      }
    }
    assertThat(answer).isEqualTo("answered");
  }

  @Test
  void call_cancelledBeforeItRan_releasesItsPermit() {
    ManualScheduler queued = new ManualScheduler(); // an executor that runs nothing until told
    Node node = new Node("db", new InMemoryCommentStore(), null, queued, 1);
    assertThatThrownBy(() -> node.call("a queued read", SHORT, () -> "never run"))
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("within its deadline");
    queued.runPending(); // the cancelled task does nothing
    assertThatThrownBy(() -> node.call("a second queued read", SHORT, () -> "never run"))
        .as("not refused for a permit: it was given back on cancel")
        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("within its deadline");
  }

  @Test
  void call_otherExceptions_passThrough() {
    Node node = new Node("db", new InMemoryCommentStore(), null, executor, 1);
    assertThatThrownBy(() -> node.call("a bad read", SHORT, () -> {
      throw new IllegalArgumentException("a bug");
    })).isInstanceOf(IllegalArgumentException.class).hasMessage("a bug");
    assertThat(node.call("the next read", Duration.ofSeconds(5), () -> "fine")).isEqualTo("fine");
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
