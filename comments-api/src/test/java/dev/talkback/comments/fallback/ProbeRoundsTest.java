package dev.talkback.comments.fallback;

import static dev.talkback.comments.fallback.Fixtures.SITE;
import static dev.talkback.comments.fallback.Fixtures.THREAD;
import static dev.talkback.comments.fallback.Fixtures.comment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.testing.FaultyStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.StoreHealth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probe rounds run one by one on a {@link ManualScheduler}: no sleeping, no waiting for a round to happen. */
class ProbeRoundsTest {
  private static final Duration DEADLINE = Duration.ofMillis(300);

  @TempDir Path dir;

  private final FaultyStore primary = new FaultyStore();
  private final FaultyStore standby = new FaultyStore();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final RecordingListener events = new RecordingListener();
  private final List<FallbackCommentStore> opened = new ArrayList<>();

  @AfterEach
  void close() {
    primary.recover();
    standby.recover();
    opened.forEach(FallbackCommentStore::close);
  }

  private FallbackCommentStoreBuilder builder() {
    return base().primary(primary);
  }

  private FallbackCommentStoreBuilder base() {
    return FallbackCommentStore.builder()
        .spool(FileWriteSpool.open(dir.resolve("spool.log")))
        .readDeadline(DEADLINE)
        .writeDeadline(DEADLINE)
        .probeInterval(Duration.ofSeconds(10))
        .probeJitter(0)
        .scheduler(scheduler)
        .listener(events);
  }

  private FallbackCommentStore open(FallbackCommentStoreBuilder b) {
    FallbackCommentStore s = b.build();
    opened.add(s);
    return s;
  }

  @Test
  @DisplayName("build schedules the first round after the interval and runs none itself")
  void build_schedulesFirstRound() {
    open(builder());
    assertThat(scheduler.pendingCount()).isEqualTo(1);
    assertThat(scheduler.delaysNanos()).containsExactly(Duration.ofSeconds(10).toNanos());
    assertThat(events.probed).isEmpty();
  }

  @Test
  @DisplayName("each round probes once and schedules the next")
  void round_reschedules() {
    open(builder());
    for (int i = 1; i <= 3; i++) {
      assertThat(scheduler.runPending()).isEqualTo(1);
      assertThat(events.probed).hasSize(i).allMatch(p -> p.equals("primary:writable:0"));
      assertThat(scheduler.pendingCount()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("the round after the primary is back replays the spool and switches to read-write")
  void round_primaryBack() {
    FallbackCommentStore store = open(builder());
    primary.failWrites(true);
    primary.failReads(true);
    Comment queued = comment("queued");
    assertThat(store.insert(THREAD, queued).outcome()).isEqualTo(InsertResult.Outcome.QUEUED);
    assertThat(events.queued).containsExactly(queued.id());

    scheduler.runPending();
    assertThat(store.mode()).as("still down: the round fails").isEqualTo(StoreMode.READ_ONLY);
    assertThat(events.probeFailures).containsExactly("primary");
    assertThat(store.health().newComments()).isEqualTo(StoreHealth.NewComments.QUEUED);

    primary.recover();
    scheduler.runPending();
    assertThat(store.mode()).isEqualTo(StoreMode.READ_WRITE);
    assertThat(primary.find(SITE, queued.id())).contains(queued);
    assertThat(events.replayedStored()).isEqualTo(1);
    assertThat(events.modeChanges)
        .containsExactly("READ_WRITE->READ_ONLY@primary", "READ_ONLY->READ_WRITE@primary");
  }

  @Test
  @DisplayName("a spool left by a crash is replayed by a round run as soon as the store is built")
  void build_replaysLeftoverSpoolFirst() {
    Comment left = comment("left by a crash");
    try (FileWriteSpool spool = FileWriteSpool.open(dir.resolve("spool.log"))) {
      spool.append(THREAD, left);
    }
    FallbackCommentStore store = open(builder());
    assertThat(store.mode()).isEqualTo(StoreMode.READ_ONLY);
    assertThat(scheduler.delaysNanos()).as("one round now, the next after the interval")
        .containsExactly(0L, Duration.ofSeconds(10).toNanos());
    scheduler.runPending();
    assertThat(store.mode()).isEqualTo(StoreMode.READ_WRITE);
    assertThat(primary.find(SITE, left.id())).contains(left);
  }

  @Test
  @DisplayName("a standby promoted on a newer generation takes over in the round that sees it")
  void round_promotedStandby() {
    AtomicReference<Writability> standbyState = new AtomicReference<>(Writability.readOnly(1, "replica"));
    FallbackCommentStore store = open(base()
        .primary("pg-a", primary, () -> {
          primary.threadInfo(SITE, Fixtures.KEY);
          return Writability.writable(1, "a");
        })
        .standby("pg-b", standby, standbyState::get));
    scheduler.runPending();
    assertThat(store.health().primary().orElseThrow().name()).isEqualTo("pg-a");

    standbyState.set(Writability.writable(2, "promoted"));
    scheduler.runPending();
    StoreHealth h = store.health();
    assertThat(store.mode()).isEqualTo(StoreMode.READ_WRITE);
    assertThat(h.primary().orElseThrow().name()).isEqualTo("pg-b");
    assertThat(h.databases()).filteredOn(d -> d.name().equals("pg-a"))
        .singleElement().satisfies(d -> assertThat(d.stale()).isTrue());
    assertThat(events.modeChanges).containsExactly("READ_WRITE->READ_ONLY@pg-a", "READ_ONLY->READ_WRITE@pg-b");
  }

  @Test
  @DisplayName("a frozen primary does not hold up the switch to a standby promoted on a newer generation")
  void round_promotedStandby_whileThePrimaryHangs() throws Exception {
    AtomicReference<Writability> standbyState = new AtomicReference<>(Writability.readOnly(1, "replica"));
    java.util.concurrent.CountDownLatch frozen = new java.util.concurrent.CountDownLatch(0);
    AtomicReference<java.util.concurrent.CountDownLatch> primaryProbe = new AtomicReference<>(frozen);
    FallbackCommentStore store = open(base()
        .probeDeadline(Duration.ofSeconds(20))
        .primary("pg-a", primary, () -> {
          try {
            primaryProbe.get().await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.talkback.comments.StoreUnavailableException("probe interrupted", e);
          }
          return Writability.writable(1, "a");
        })
        .standby("pg-b", standby, standbyState::get));
    scheduler.runPending();
    assertThat(store.health().primary().orElseThrow().name()).isEqualTo("pg-a");

    java.util.concurrent.CountDownLatch hang = new java.util.concurrent.CountDownLatch(1);
    primaryProbe.set(hang); // pg-a's machine hangs: its probe never answers
    standbyState.set(Writability.writable(2, "promoted"));
    long start = System.nanoTime();
    try {
      scheduler.runPending();
      Duration round = Duration.ofNanos(System.nanoTime() - start);
      assertThat(store.mode()).isEqualTo(StoreMode.READ_WRITE);
      assertThat(store.health().primary().orElseThrow().name()).isEqualTo("pg-b");
      assertThat(round).as("the round did not wait out pg-a's 20 s probe deadline").isLessThan(Duration.ofSeconds(10));
      assertThat(events.modeChanges).containsExactly("READ_WRITE->READ_ONLY@pg-a", "READ_ONLY->READ_WRITE@pg-b");
      assertThat(store.health().reason()).hasValueSatisfying(r -> assertThat(r).doesNotContain("pg-a takes"));
    } finally {
      hang.countDown();
    }
  }

  @Test
  @DisplayName("without a known generation a round hears every candidate before it chooses")
  void round_firstRound_waitsForEveryCandidate() {
    FallbackCommentStore store = open(base()
        .primary("pg-a", primary, () -> Writability.writable(1, "old primary, slow to start"))
        .standby("pg-b", standby, () -> Writability.writable(2, "promoted")));
    scheduler.runPending();
    assertThat(store.health().primary().orElseThrow().name()).as("the newest generation wins").isEqualTo("pg-b");
    assertThat(store.health().databases()).filteredOn(d -> d.name().equals("pg-a"))
        .singleElement().satisfies(d -> assertThat(d.stale()).isTrue());
  }

  @Test
  @DisplayName("a listener that throws changes nothing the store does")
  void listener_throws() {
    FallbackCommentStore store = open(builder().listener(new FallbackListener() {
      @Override
      public void modeChanged(StoreMode from, StoreMode to, String primary, String reason) {
        throw new IllegalStateException("a broken metrics backend");
      }

      @Override
      public void queued(dev.talkback.comments.CommentId id, long spoolDepth) {
        throw new IllegalStateException("a broken metrics backend");
      }
    }));
    primary.failWrites(true);
    assertThat(store.insert(THREAD, comment("still queued")).outcome()).isEqualTo(InsertResult.Outcome.QUEUED);
    assertThat(store.mode()).isEqualTo(StoreMode.READ_ONLY);
    primary.recover();
    scheduler.runPending();
    assertThat(store.mode()).isEqualTo(StoreMode.READ_WRITE);
  }

  @Test
  @DisplayName("close stops the rounds: a round already scheduled does nothing and schedules no other")
  void close_stopsRounds() {
    FallbackCommentStore store = builder().build();
    store.close();
    scheduler.runPending();
    assertThat(events.probed).isEmpty();
    assertThat(scheduler.pendingCount()).isZero();
    assertThat(scheduler.isShutdown()).as("an injected scheduler is the host's to shut down").isFalse();
  }

  @Test
  @DisplayName("close() during a probe round does not take the store read-only on its way out")
  void close_duringRound_noModeChange() throws Exception {
    CountDownLatch probing = new CountDownLatch(1);
    PrimaryProbe blocksUntilInterrupted = () -> {
      probing.countDown();
      try {
        new CountDownLatch(1).await(); // until close() interrupts the call thread
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("probe interrupted", e);
      }
      throw new AssertionError("unreachable");
    };
    FallbackCommentStore store = open(base().primary(primary, blocksUntilInterrupted)
        .probeDeadline(Duration.ofMinutes(5)));
    Thread round = new Thread(scheduler::runPending, "probe-round");
    round.start();
    assertThat(probing.await(10, TimeUnit.SECONDS)).as("the probe started").isTrue();
    store.close();
    round.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(round.isAlive()).as("the round ended when close() interrupted its probe").isFalse();
    assertThat(events.modeChanges).as("no switch to read-only at shutdown").isEmpty();
  }
}
