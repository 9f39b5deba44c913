package dev.talkback.comments.jdbi.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.spi.RateLimitStore;
import dev.talkback.comments.testkit.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code JdbiCommentStore.rateLimits()} as several nodes see it: two stores (two nodes) on one database take
 * from the same buckets, so a limit holds across them; run per dialect by the subclasses.
 */
abstract class SharedRateLimitsTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private TestDatabase db;
  private RateLimitStore nodeA;
  private RateLimitStore nodeB;

  abstract TestDatabase createDatabase();

  @BeforeEach
  void start() {
    db = createDatabase();
    nodeA = JdbiCommentStore.builder(db.dataSource()).clock(clock).build().rateLimits();
    nodeB = JdbiCommentStore.builder(db.dataSource()).clock(clock).build().rateLimits();
    nodeA.take("warm-up", 1, MINUTE); // migrates once: two nodes migrating an empty schema at once is not this test
  }

  @AfterEach
  void stop() {
    db.close();
  }

  @Test
  @DisplayName("a burst of 3 is 3 across two nodes; the 4th waits for the refill, whichever node it reaches")
  void take_acrossNodes_sharesTheBucket() {
    assertThat(nodeA.take("posts:client-1", 3, MINUTE)).isZero();
    assertThat(nodeB.take("posts:client-1", 3, MINUTE)).isZero();
    assertThat(nodeA.take("posts:client-1", 3, MINUTE)).isZero();
    Duration wait = nodeB.take("posts:client-1", 3, MINUTE);
    assertThat(wait).as("one token every 20 s").isEqualTo(Duration.ofSeconds(20));
    assertThat(nodeA.take("posts:client-1", 3, MINUTE)).as("a refusal takes nothing").isEqualTo(Duration.ofSeconds(20));
    assertThat(nodeA.take("posts:client-2", 3, MINUTE)).as("another bucket is full").isZero();
    clock.advance(Duration.ofSeconds(15));
    assertThat(nodeB.take("posts:client-1", 3, MINUTE)).isEqualTo(Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(5));
    assertThat(nodeB.take("posts:client-1", 3, MINUTE)).isZero();
    assertThat(nodeA.take("posts:client-1", 3, MINUTE)).isPositive();
    clock.advance(Duration.ofHours(1));
    for (int i = 0; i < 3; i++) {
      assertThat(nodeA.take("posts:client-1", 3, MINUTE)).as("full again, never above the burst").isZero();
    }
    assertThat(nodeB.take("posts:client-1", 3, MINUTE)).isPositive();
  }

  @Test
  @DisplayName("concurrent takes from 8 threads on two nodes hand out exactly the burst")
  void take_concurrently_exactlyTheBurst() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        RateLimitStore node = t % 2 == 0 ? nodeA : nodeB;
        tasks.add(() -> {
          int taken = 0;
          for (int i = 0; i < 5; i++) {
            if (node.take("thread:busy", 10, Duration.ofHours(1)).isZero()) {
              taken++;
            }
          }
          return taken;
        });
      }
      int taken = 0;
      for (Future<Integer> f : pool.invokeAll(tasks)) {
        taken += f.get();
      }
      assertThat(taken).as("40 attempts, a burst of 10, no refill to speak of").isEqualTo(10);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("names of any length and content are buckets of their own; bad limits are refused")
  void take_anyName_badLimitsRefused() {
    String longName = "thread:" + "ä".repeat(2000);
    assertThat(nodeA.take(longName, 1, MINUTE)).isZero();
    assertThat(nodeB.take(longName, 1, MINUTE)).isPositive();
    assertThat(nodeB.take(longName + "x", 1, MINUTE)).isZero();
    assertThatThrownBy(() -> nodeA.take("b", 0, MINUTE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> nodeA.take("b", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("an unreachable database is StoreUnavailableException, so the servlet can count in memory")
  void take_databaseGone_unavailable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // nobody listens there once it is closed
    }
    JdbcDataSource gone = new JdbcDataSource();
    gone.setURL("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:gone");
    RateLimitStore down = JdbiCommentStore.builder(gone).build().rateLimits();
    assertThatThrownBy(() -> down.take("posts:x", 3, MINUTE)).isInstanceOf(StoreUnavailableException.class);
  }
}
