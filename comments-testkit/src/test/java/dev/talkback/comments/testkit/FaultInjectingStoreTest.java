package dev.talkback.comments.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.StoreHealth;
import dev.talkback.comments.spi.ThreadQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The faults and call counters of {@link FaultInjectingStore}, in front of an in-memory store; that it forwards
 * everything faithfully while healthy is {@link FaultInjectingStoreContractTest}'s part.
 */
class FaultInjectingStoreTest {
  private static final SiteId SITE = SiteId.of("faults");
  private static final ThreadKey THREAD = ThreadKey.of("post");
  private static final ThreadInfo INFO = ThreadInfo.of(SITE, THREAD, "Post");
  private static final Duration GENEROUS = Duration.ofSeconds(10);

  private final InMemoryCommentStore memory = new InMemoryCommentStore();
  private final FaultInjectingStore store = new FaultInjectingStore(memory);
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Comment stored = comment();

  FaultInjectingStoreTest() {
    store.insert(INFO, stored);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    store.recover();
    executor.shutdownNow();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void failReads_everyReadThrowsAndWritesStillWork() {
    store.failReads(true);

    for (ThrowingCallable read : reads()) {
      assertThatThrownBy(read)
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessage("store told to fail reads");
    }
    Comment another = comment();
    store.insert(INFO, another);
    assertThat(memory.size()).isEqualTo(2);

    store.failReads(false);
    assertThat(store.find(SITE, another.id())).contains(another);
  }

  @Test
  void failWrites_everyWriteThrowsStoresNothingAndReadsStillWork() {
    store.failWrites(true);
    Comment rejected = comment();

    for (ThrowingCallable write : writes(rejected)) {
      assertThatThrownBy(write)
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessage("store told to fail writes");
    }
    assertThat(memory.size()).isEqualTo(1);
    assertThat(store.find(SITE, rejected.id())).isEmpty();
    assertThat(store.find(SITE, stored.id())).contains(stored);
    assertThat(store.threadInfo(SITE, THREAD)).contains(INFO);
    assertThat(store.counts(SITE, List.of(THREAD))).containsEntry(THREAD, 1);
  }

  @Test
  void recover_clearsFailures() {
    store.failReads(true);
    store.failWrites(true);

    store.recover();

    assertThat(store.find(SITE, stored.id())).contains(stored);
    assertThat(store.insert(INFO, comment()).outcome()).isNotNull();
    assertThat(memory.size()).isEqualTo(2);
  }

  @Test
  void hang_blocksEveryCallForTheDurationThenProceeds() {
    Duration hang = Duration.ofMillis(300);
    store.hang(hang);

    long start = System.nanoTime();
    assertThat(store.find(SITE, stored.id())).contains(stored);
    Duration readTook = Duration.ofNanos(System.nanoTime() - start);

    start = System.nanoTime();
    store.like(SITE, stored.id(), "client");
    Duration writeTook = Duration.ofNanos(System.nanoTime() - start);

    assertThat(readTook).isGreaterThanOrEqualTo(hang).isLessThan(GENEROUS);
    assertThat(writeTook).isGreaterThanOrEqualTo(hang).isLessThan(GENEROUS);
  }

  @Test
  void hang_zero_stopsHanging() throws Exception {
    store.hang(Duration.ofMinutes(5));
    store.hang(Duration.ZERO);

    Future<?> read = executor.submit(() -> store.find(SITE, stored.id()));

    assertThat(read.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isEqualTo(java.util.Optional.of(stored));
  }

  @Test
  void hangReads_holdsReadsButNotWrites() throws Exception {
    store.hangReads(Duration.ofMinutes(5));

    Future<?> read = executor.submit(() -> store.find(SITE, stored.id()));
    Future<?> write = executor.submit(() -> store.insert(INFO, comment()));

    write.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    Await.until("the call reached the store", () -> store.readCalls() == 1);
    assertThat(read).isNotDone();
    store.recover();
    read.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void hangWrites_holdsWritesButNotReads() throws Exception {
    store.hangWrites(Duration.ofMinutes(5));
    Comment late = comment();

    Future<?> write = executor.submit(() -> store.insert(INFO, late));
    Future<?> read = executor.submit(() -> store.counts(SITE, List.of(THREAD)));

    assertThat(read.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Map.of(THREAD, 1));
    Await.until("the write reached the store", () -> store.writeCalls() == 2); // the setup's insert and this one
    assertThat(write).isNotDone();
    assertThat(store.find(SITE, late.id())).isEmpty();
    store.recover();
    write.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    assertThat(store.find(SITE, late.id())).contains(late);
  }

  @Test
  void recover_releasesCallsHangingNow() throws Exception {
    store.hang(Duration.ofMinutes(5));
    long start = System.nanoTime();
    Future<?> read = executor.submit(() -> store.find(SITE, stored.id()));
    Await.until("the call reached the store", () -> store.readCalls() == 1);

    store.recover();

    assertThat(read.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isEqualTo(java.util.Optional.of(stored));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GENEROUS);
  }

  @Test
  void hang_interrupted_throwsStoreUnavailableAndKeepsTheInterruptFlag() throws Exception {
    store.hang(Duration.ofMinutes(5));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean interruptedAfter = new AtomicBoolean();
    Thread caller = new Thread(() -> {
      try {
        store.find(SITE, stored.id());
      } catch (Throwable t) {
        thrown.set(t);
      }
      interruptedAfter.set(Thread.currentThread().isInterrupted());
    });
    caller.start();
    Await.until("the call reached the store", () -> store.readCalls() == 1);

    caller.interrupt();
    caller.join(GENEROUS.toMillis());

    assertThat(caller.isAlive()).isFalse();
    assertThat(thrown.get())
        .isInstanceOf(StoreUnavailableException.class)
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(interruptedAfter).isTrue();
  }

  @Test
  void hangAndFailReads_failAfterTheHang() {
    Duration hang = Duration.ofMillis(200);
    store.hang(hang);
    store.failReads(true);

    long start = System.nanoTime();
    assertThatThrownBy(() -> store.find(SITE, stored.id())).isInstanceOf(StoreUnavailableException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(hang);
  }

  @Test
  void hang_negative_isRefused() {
    assertThatThrownBy(() -> store.hang(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
  }

  @Test
  void health_neverFailsHangsNorCounts() throws Exception {
    store.failReads(true);
    store.failWrites(true);
    store.hang(Duration.ofMinutes(5));
    long reads = store.readCalls();
    long writes = store.writeCalls();

    Future<StoreHealth> health = executor.submit(store::health);

    assertThat(health.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isEqualTo(StoreHealth.readWrite());
    assertThat(store.readCalls()).isEqualTo(reads);
    assertThat(store.writeCalls()).isEqualTo(writes);
  }

  @Test
  void readCallsAndWriteCalls_countEveryCallIncludingFailedOnes() {
    long writesBefore = store.writeCalls();
    List<ThrowingCallable> reads = reads();
    store.failReads(true);

    for (ThrowingCallable read : reads) {
      assertThatThrownBy(read).isInstanceOf(StoreUnavailableException.class);
    }
    store.recover();
    store.like(SITE, stored.id(), "a");
    store.saveThread(INFO);

    assertThat(store.readCalls()).isEqualTo(reads.size());
    assertThat(store.writeCalls()).isEqualTo(writesBefore + 2);
  }

  private List<ThrowingCallable> reads() {
    return List.of(
        () -> store.find(SITE, stored.id()),
        () -> store.thread(new ThreadQuery(SITE, THREAD, CommentSort.OLDEST, null, 10, Set.of(CommentStatus.APPROVED))),
        () -> store.counts(SITE, List.of(THREAD)),
        () -> store.byStatus(SITE, CommentStatus.APPROVED, 10),
        () -> store.byAuthor(SITE, "email:ada@example.org", 10),
        () -> store.hasApproved(SITE, "email:ada@example.org"),
        () -> store.threadInfo(SITE, THREAD));
  }

  private List<ThrowingCallable> writes(Comment c) {
    return List.of(
        () -> store.insert(INFO, c),
        () -> store.insertAll(INFO, List.of(c)),
        () -> store.update(stored.toBuilder().source("changed").version(1).build(), 0),
        () -> store.like(SITE, stored.id(), "client"),
        () -> store.saveThread(INFO.withClosed(true)));
  }

  private static Comment comment() {
    return comment(SITE);
  }

  private static Comment comment(SiteId site) {
    return Comment.builder()
        .id(CommentId.of(UUID.randomUUID()))
        .site(site)
        .thread(THREAD)
        .author(Author.named("Ada").withEmail("ada@example.org"))
        .source("Hello")
        .html("<p>Hello</p>")
        .created(Instant.parse("2024-05-01T10:15:30.123456Z"))
        .build();
  }
}
