package dev.talkback.comments.fallback;

import static dev.talkback.comments.fallback.Fixtures.KEY;
import static dev.talkback.comments.fallback.Fixtures.SITE;
import static dev.talkback.comments.fallback.Fixtures.THREAD;
import static dev.talkback.comments.fallback.Fixtures.comment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.ReadOnlyException;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.StoreHealth;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.testing.FaultyStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FallbackCommentStoreTest {
  private static final Duration DEADLINE = Duration.ofMillis(300);
  private static final Clock CLOCK = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);
  private static final ThreadQuery PAGE =
      new ThreadQuery(SITE, KEY, CommentSort.OLDEST, null, 50, Set.of(CommentStatus.APPROVED));

  @TempDir Path dir;

  private final FaultyStore primary = new FaultyStore();
  private final FaultyStore replica = new FaultyStore();
  private final List<FallbackCommentStore> opened = new ArrayList<>();

  @AfterEach
  void close() {
    primary.recover();
    replica.recover();
    opened.forEach(FallbackCommentStore::close);
  }

  private final RecordingListener events = new RecordingListener();

  private FallbackCommentStoreBuilder builder() {
    return FallbackCommentStore.builder()
        .listener(events)
        .primary(primary)
        .replica(replica)
        .spool(FileWriteSpool.open(dir.resolve("spool.log")))
        .readDeadline(DEADLINE)
        .writeDeadline(DEADLINE)
        .probeInterval(Duration.ofMillis(50))
        .clock(CLOCK);
  }

  private FallbackCommentStore open(FallbackCommentStoreBuilder b) {
    FallbackCommentStore s = b.build();
    opened.add(s);
    return s;
  }

  /** Stores a comment on both databases, as replication would have. */
  private Comment replicated(String text) {
    Comment c = comment(text);
    primary.insert(THREAD, c);
    replica.insert(THREAD, c);
    return c;
  }

  private static StoreHealth.Database db(FallbackCommentStore store, String name) {
    return store.health().databases().stream().filter(d -> d.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no database " + name + " in " + store.health()));
  }

  private static String primaryName(FallbackCommentStore store) {
    return store.health().primary().map(StoreHealth.Database::name).orElse("");
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  @Nested
  @DisplayName("Reading while the primary is down")
  class Reading {

    @Test
    @DisplayName("a failing primary switches to read-only and the same read is served by the replica")
    void thread_primaryFails() {
      Comment c = replicated("hello");
      FallbackCommentStore store = open(builder().probeInterval(Duration.ofHours(1)));
      primary.failReads(true);

      assertThat(store.thread(PAGE).roots()).containsExactly(c);
      assertThat(store.mode()).isEqualTo(StoreMode.READ_ONLY);
      long primaryCalls = primary.readCalls();
      assertThat(store.find(SITE, c.id())).contains(c);
      assertThat(store.counts(SITE, List.of(KEY))).containsEntry(KEY, 1);
      assertThat(primary.readCalls()).as("the primary is not touched again").isEqualTo(primaryCalls);
    }

    @Test
    @DisplayName("a frozen primary costs one reader one deadline, once; the next reads go straight to the replica")
    void find_primaryHangs() {
      Comment c = replicated("hello");
      FallbackCommentStore store = open(builder().probeInterval(Duration.ofHours(1)));
      primary.hang(Duration.ofMinutes(5));

      long start = System.nanoTime();
      assertThat(store.find(SITE, c.id())).contains(c);
      Duration first = Duration.ofNanos(System.nanoTime() - start);
      assertThat(first).isGreaterThanOrEqualTo(DEADLINE).isLessThan(DEADLINE.multipliedBy(4));

      long calls = primary.readCalls();
      for (int i = 0; i < 20; i++) {
        start = System.nanoTime();
        assertThat(store.find(SITE, c.id())).contains(c);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE);
      }
      assertThat(primary.readCalls()).isEqualTo(calls);
    }

    @Test
    @DisplayName("with no replica answering, a read throws StoreUnavailableException for the cache above")
    void read_noReplica() {
      FallbackCommentStore store = open(builder().probeInterval(Duration.ofHours(1)));
      primary.failReads(true);
      replica.failReads(true);
      assertThatThrownBy(() -> store.thread(PAGE))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("no replica answers");
    }

    @Test
    @DisplayName("a failed replica is skipped until a probe read finds it back")
    void read_replicaBack() throws InterruptedException {
      Comment c = replicated("hello");
      FaultyStore second = new FaultyStore();
      second.insert(THREAD, c);
      FallbackCommentStore store = open(builder().replica("second", second));
      primary.failReads(true);
      primary.failWrites(true);
      replica.failReads(true);
      assertThat(store.find(SITE, c.id())).contains(c); // served by "second"
      assertThat(db(store, "replica-1").reachable()).isFalse();
      assertThat(db(store, "replica-1").downSince()).isEqualTo(Fixtures.T0);
      assertThat(db(store, "replica-1").role()).isEqualTo(StoreHealth.Role.REPLICA);
      long secondCalls = second.readCalls();
      assertThat(store.find(SITE, c.id())).contains(c);
      assertThat(second.readCalls()).isEqualTo(secondCalls + 1);
      replica.recover();
      await("replica-1 is back", () -> db(store, "replica-1").reachable());
      long before = replica.readCalls();
      assertThat(store.find(SITE, c.id())).contains(c);
      assertThat(replica.readCalls()).isGreaterThan(before);
    }

    @Test
    @DisplayName("an exception other than unavailability passes through and changes no mode")
    void read_otherException() {
      FallbackCommentStore store = open(builder());
      assertThatThrownBy(() -> store.byAuthor(SITE, "email:a@example.org", -1))
          .isNotInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> store.update(comment("never stored"), 0))
          .isInstanceOf(CommentNotFoundException.class);
      assertThat(store.mode()).isEqualTo(StoreMode.READ_WRITE);
      assertThat(events.modeChanges).isEmpty();
      assertThat(store.health().since()).isEmpty();
    }
  }

  @Nested
  @DisplayName("Writing while the primary is down")
  class Writing {

    @Test
    @DisplayName("a new comment is spooled and answered QUEUED, and find sees it")
    void insert_spooled() {
      FallbackCommentStore store = open(builder().probeInterval(Duration.ofHours(1)));
      primary.failWrites(true);
      Comment c = comment("queued while down");

      InsertResult r = store.insert(THREAD, c);

      assertThat(r.outcome()).isEqualTo(InsertResult.Outcome.QUEUED);
      assertThat(r.comment()).isEqualTo(c);
      assertThat(store.mode()).isEqualTo(StoreMode.READ_ONLY);
      assertThat(store.health().spoolDepth()).isEqualTo(1);
      assertThat(store.find(SITE, c.id())).contains(c);
      InsertResult again = store.insert(THREAD, c);
      assertThat(again.outcome()).isEqualTo(InsertResult.Outcome.QUEUED);
      assertThat(store.health().spoolDepth()).isEqualTo(1);
      assertThat(primary.size()).isZero();
    }

    @Test
    @DisplayName("a write that hangs past its deadline is spooled too")
    void insert_hangs() {
      FallbackCommentStore store = open(builder().probeInterval(Duration.ofHours(1)));
      primary.hangWrites(Duration.ofMinutes(5));
      long start = System.nanoTime();
      assertThat(store.insert(THREAD, comment("slow")).outcome()).isEqualTo(InsertResult.Outcome.QUEUED);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.multipliedBy(4));
      start = System.nanoTime();
      assertThat(store.insert(THREAD, comment("fast")).outcome()).isEqualTo(InsertResult.Outcome.QUEUED);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE);
    }

    @Test
    @DisplayName("with the REJECT policy a new comment gets ReadOnlyException with a retry-after hint")
    void insert_reject() {
      FallbackCommentStore store =
          open(FallbackCommentStore.builder().primary(primary).replica(replica).writePolicy(WritePolicy.REJECT)
              .retryAfter(Duration.ofSeconds(42)).probeInterval(Duration.ofHours(1)));
      primary.failWrites(true);
      assertThatThrownBy(() -> store.insert(THREAD, comment("first")))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> store.insert(THREAD, comment("second")))
          .isInstanceOfSatisfying(ReadOnlyException.class,
              e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(42)))
          .hasMessageContaining("paused");
      assertThat(store.health().spoolDepth()).isZero();
    }

    @Test
    @DisplayName("edits, likes and thread changes are refused in read-only mode, whatever the policy")
    void update_readOnly() {
      Comment c = replicated("hello");
      FallbackCommentStore store = open(builder().probeInterval(Duration.ofHours(1)));
      primary.failWrites(true);
      assertThatThrownBy(() -> store.like(SITE, c.id(), "client-1")).isInstanceOf(StoreUnavailableException.class);
      long writes = primary.writeCalls();
      assertThatThrownBy(() -> store.like(SITE, c.id(), "client-2")).isInstanceOf(ReadOnlyException.class);
      assertThatThrownBy(() -> store.update(c.toBuilder().source("x").version(1).build(), 0))
          .isInstanceOf(ReadOnlyException.class);
      assertThatThrownBy(() -> store.saveThread(THREAD.withClosed(true))).isInstanceOf(ReadOnlyException.class);
      assertThat(primary.writeCalls()).isEqualTo(writes);
    }

    @Test
    @DisplayName("a full spool answers ReadOnlyException and loses nothing it holds")
    void insert_spoolFull() {
      FallbackCommentStore store =
          open(builder().spool(FileWriteSpool.builder(dir.resolve("small.log")).maxDepth(1).build())
              .probeInterval(Duration.ofHours(1)));
      primary.failWrites(true);
      store.insert(THREAD, comment("fits"));
      assertThatThrownBy(() -> store.insert(THREAD, comment("does not fit")))
          .isInstanceOf(ReadOnlyException.class)
          .hasMessageContaining("cannot be queued");
      assertThat(store.health().spoolDepth()).isEqualTo(1);
    }

    @Test
    @DisplayName("a write refused for another reason passes through and nothing is spooled")
    void insert_otherException() {
      FallbackCommentStore store = open(builder());
      Comment orphan = Comment.builder().id(CommentId.of(UUID.randomUUID())).site(SITE).thread(KEY)
          .parentId(CommentId.of(UUID.randomUUID())).rootId(CommentId.of(UUID.randomUUID()))
          .author(dev.talkback.comments.Author.named("x")).source("s").html("s").created(Fixtures.T0).build();
      assertThatThrownBy(() -> store.insert(THREAD, orphan)).isInstanceOf(IllegalArgumentException.class);
      assertThat(store.mode()).isEqualTo(StoreMode.READ_WRITE);
      assertThat(store.health().spoolDepth()).isZero();
    }
  }

  @Nested
  @DisplayName("Recovering")
  class Recovering {

    @Test
    @DisplayName("when the primary comes back the spool is replayed, exactly once, before read-write")
    void probe_primaryBack() throws InterruptedException {
      FallbackCommentStore store = open(builder());
      primary.failWrites(true);
      primary.failReads(true);
      List<Comment> queued = List.of(comment("a"), comment("b"), comment("c"));
      queued.forEach(c -> assertThat(store.insert(THREAD, c).outcome()).isEqualTo(InsertResult.Outcome.QUEUED));
      primary.recover();
      await("read-write again", () -> store.mode() == StoreMode.READ_WRITE);

      assertThat(primary.size()).isEqualTo(3);
      for (Comment c : queued) {
        assertThat(primary.find(SITE, c.id())).contains(c);
      }
      StoreHealth h = store.health();
      assertThat(h.spoolDepth()).isZero();
      assertThat(events.modeChanges).containsExactly("READ_WRITE->READ_ONLY@primary", "READ_ONLY->READ_WRITE@primary");
      assertThat(events.queued).hasSize(3);
      assertThat(events.replayedStored()).isEqualTo(3);
      assertThat(h.details()).containsEntry("modeChanges.toReadOnly", "1")
          .containsEntry("modeChanges.toReadWrite", "1").containsEntry("replayed", "3");
      assertThat(h.newComments()).isEqualTo(StoreHealth.NewComments.ACCEPTED);
      assertThat(h.reason()).hasValueSatisfying(r -> assertThat(r).contains("takes writes again"));
      Comment after = comment("after");
      assertThat(store.insert(THREAD, after).outcome()).isEqualTo(InsertResult.Outcome.CREATED);
    }

    @Test
    @DisplayName("a comment queued although the primary stored it (a lost answer) is replayed as EXISTING")
    void replay_alreadyStored() throws InterruptedException {
      Comment c = comment("stored, answer lost");
      primary.insert(THREAD, c);
      try (FileWriteSpool spool = FileWriteSpool.open(dir.resolve("spool.log"))) {
        spool.append(THREAD, c);
        spool.append(THREAD, comment("only spooled"));
      }
      FallbackCommentStore store = open(builder());
      assertThat(store.mode()).as("a spool left by a crash is replayed first").isEqualTo(StoreMode.READ_ONLY);
      await("read-write again", () -> store.mode() == StoreMode.READ_WRITE);
      assertThat(primary.size()).isEqualTo(2);
      assertThat(store.health().spoolDepth()).isZero();
    }

    @Test
    @DisplayName("comments queued on many threads, interleaved, replay in one round trip per thread, each thread in order")
    void replay_interleavedThreads_oneInsertAllPerThread() throws InterruptedException {
      List<ThreadInfo> threads = List.of(THREAD, new ThreadInfo(SITE, ThreadKey.of("second"), "2", null, false),
          new ThreadInfo(SITE, ThreadKey.of("third"), "3", null, false));
      Map<ThreadKey, Comment> roots = new HashMap<>();
      List<Comment> all = new ArrayList<>();
      try (FileWriteSpool spool = FileWriteSpool.open(dir.resolve("spool.log"))) {
        for (int i = 0; i < 30; i++) {
          ThreadInfo t = threads.get(i % 3);
          Comment root = roots.get(t.key());
          Comment c = root == null ? comment("root " + i).toBuilder().thread(t.key()).build()
              : comment("reply " + i).toBuilder().thread(t.key()).parentId(root.id()).rootId(root.id()).build();
          roots.putIfAbsent(t.key(), c);
          spool.append(t, c);
          all.add(c);
        }
      }
      long writesBefore = primary.writeCalls();
      FallbackCommentStore store = open(builder());
      await("read-write again", () -> store.mode() == StoreMode.READ_WRITE);

      for (Comment c : all) {
        assertThat(primary.find(SITE, c.id())).as("replayed: " + c.source()).contains(c);
      }
      assertThat(store.health().spoolDepth()).isZero();
      assertThat(events.replayedStored()).isEqualTo(30);
      assertThat(primary.writeCalls() - writesBefore).as("one insertAll per thread, not one per comment")
          .isEqualTo(3);
    }

    @Test
    @DisplayName("an entry the primary refuses is set aside and the ones behind it are replayed")
    void replay_refused() throws InterruptedException {
      Comment orphan = Comment.builder().id(CommentId.of(UUID.randomUUID())).site(SITE).thread(KEY)
          .parentId(CommentId.of(UUID.randomUUID())).rootId(CommentId.of(UUID.randomUUID()))
          .author(dev.talkback.comments.Author.named("x")).source("s").html("s").created(Fixtures.T0).build();
      Comment fine = comment("fine");
      try (FileWriteSpool spool = FileWriteSpool.open(dir.resolve("spool.log"))) {
        spool.append(THREAD, orphan);
        spool.append(THREAD, fine);
      }
      FallbackCommentStore store = open(builder());
      await("read-write again", () -> store.mode() == StoreMode.READ_WRITE);
      assertThat(primary.find(SITE, fine.id())).contains(fine);
      assertThat(store.health().details()).containsEntry("spool.setAside", "1");
      assertThat(events.replayedSetAside()).isEqualTo(1);
      try (FileWriteSpool rejected = FileWriteSpool.open(dir.resolve("spool.log.rejected"))) {
        assertThat(rejected.find(SITE, orphan.id())).contains(orphan);
      }
    }

    @Test
    @DisplayName("a promoted standby becomes the primary; the old one back on an older generation is stale")
    void probe_promotedStandby_andStalePrimary() throws InterruptedException {
      FaultyStore standby = replica; // the replica, seen through a connection that writes
      AtomicReference<Writability> oldState = new AtomicReference<>(Writability.writable(1, "old primary"));
      AtomicReference<Writability> standbyState = new AtomicReference<>(Writability.readOnly(1, "replica"));
      FallbackCommentStore store =
          open(FallbackCommentStore.builder()
              .primary("pg-a", primary, () -> probed(primary, oldState.get()))
              .standby("pg-b", standby, () -> probed(standby, standbyState.get()))
              .replica("pg-b-read", replica)
              .spool(FileWriteSpool.open(dir.resolve("spool.log")))
              .readDeadline(DEADLINE).writeDeadline(DEADLINE).probeInterval(Duration.ofMillis(50)));
      await("probed", () -> db(store, "pg-b").detail().equals("replica") && !db(store, "pg-b").writable());
      assertThat(db(store, "pg-b").role()).isEqualTo(StoreHealth.Role.STANDBY);

      primary.failReads(true);
      primary.failWrites(true);
      Comment queued = comment("written during the outage");
      assertThat(store.insert(THREAD, queued).outcome()).isEqualTo(InsertResult.Outcome.QUEUED);
      Thread.sleep(200);
      assertThat(store.mode()).as("a read-only standby is not a primary").isEqualTo(StoreMode.READ_ONLY);

      standbyState.set(Writability.writable(2, "promoted"));
      await("the promoted standby is the primary", () -> store.mode() == StoreMode.READ_WRITE);
      assertThat(primaryName(store)).isEqualTo("pg-b");
      assertThat(standby.find(SITE, queued.id())).contains(queued);

      // the old primary comes back, still writable, on generation 1: stale
      primary.recover();
      await("the old primary is seen as stale", () -> db(store, "pg-a").stale());
      assertThat(db(store, "pg-a").role()).isEqualTo(StoreHealth.Role.STANDBY);
      assertThat(db(store, "pg-a").generation()).isEqualTo(1);
      Comment after = comment("after the failover");
      assertThat(store.insert(THREAD, after).outcome()).isEqualTo(InsertResult.Outcome.CREATED);
      assertThat(standby.find(SITE, after.id())).contains(after);
      assertThat(primary.find(SITE, after.id())).isEmpty();
      assertThat(primary.find(SITE, queued.id())).isEmpty();
      assertThat(primaryName(store)).isEqualTo("pg-b");
      assertThat(db(store, "pg-b").generation()).isEqualTo(2);
      assertThat(store.health().details()).containsEntry("highestGeneration", "2");
    }

    @Test
    @DisplayName("a read-write store whose primary turns out stale switches to the newer one")
    void probe_currentPrimaryStale() throws InterruptedException {
      AtomicReference<Writability> standbyState = new AtomicReference<>(Writability.readOnly(1, "replica"));
      FallbackCommentStore store =
          open(FallbackCommentStore.builder()
              .primary("pg-a", primary, () -> probed(primary, Writability.writable(1, "")))
              .standby("pg-b", replica, () -> probed(replica, standbyState.get()))
              .spool(FileWriteSpool.open(dir.resolve("spool.log")))
              .probeInterval(Duration.ofMillis(50)));
      standbyState.set(Writability.writable(2, "promoted by an operator"));
      await("switched to pg-b", () -> "pg-b".equals(primaryName(store)) && store.mode() == StoreMode.READ_WRITE);
      assertThat(store.health().details().get("modeChanges")).isEqualTo("2");
    }

    private Writability probed(FaultyStore db, Writability state) {
      db.threadInfo(SITE, KEY); // fails or hangs as the database does
      return state;
    }
  }

  @Nested
  @DisplayName("Keeping acknowledged writes until a replica has them")
  class Replication {
    /** Asynchronous replication, by hand: comments reach the standby only when {@link #ship} is called. */
    final List<Comment> written = new ArrayList<>();
    final AtomicLong replayed = new AtomicLong();

    void ship(int upTo) {
      for (int i = (int) replayed.get(); i < upTo; i++) {
        replica.insert(THREAD, written.get(i));
      }
      replayed.set(upTo);
    }

    FallbackCommentStore failover(boolean retain, AtomicReference<Writability> standbyState) {
      FallbackCommentStoreBuilder b = failoverBuilder(standbyState);
      if (retain) {
        b.retainUntilReplicated(FileWriteSpool.open(dir.resolve("replication.log")));
      }
      return open(b);
    }

    /** The primary pg-a and the standby pg-b, whose replay position {@link #ship} moves. */
    FallbackCommentStoreBuilder failoverBuilder(AtomicReference<Writability> standbyState) {
      PrimaryProbe primaryProbe = new PrimaryProbe() {
        @Override
        public Writability probe() {
          primary.threadInfo(SITE, KEY);
          return Writability.writable(1, "");
        }

        @Override
        public OptionalLong writePosition() {
          primary.threadInfo(SITE, KEY);
          return OptionalLong.of(primary.size());
        }
      };
      PrimaryProbe standbyProbe = new PrimaryProbe() {
        @Override
        public Writability probe() {
          return standbyState.get();
        }

        @Override
        public OptionalLong replayPosition() {
          return OptionalLong.of(replayed.get());
        }
      };
      return FallbackCommentStore.builder()
          .primary("pg-a", primary, primaryProbe)
          .standby("pg-b", replica, standbyProbe)
          .spool(FileWriteSpool.open(dir.resolve("spool.log")))
          .probeInterval(Duration.ofMillis(50));
    }

    void write(FallbackCommentStore store, int n) {
      for (int i = 0; i < n; i++) {
        Comment c = comment("acknowledged " + i);
        assertThat(store.insert(THREAD, c).outcome()).isEqualTo(InsertResult.Outcome.CREATED);
        written.add(c);
      }
    }

    @Test
    @DisplayName("by default a write acknowledged but not shipped is lost when the standby is promoted")
    void default_losesUnshipped() throws InterruptedException {
      AtomicReference<Writability> standbyState = new AtomicReference<>(Writability.readOnly(1, ""));
      FallbackCommentStore store = failover(false, standbyState);
      write(store, 5);
      ship(3);
      primary.failReads(true);
      primary.failWrites(true);
      standbyState.set(Writability.writable(2, "promoted"));
      await("failed over", () -> "pg-b".equals(primaryName(store)));
      assertThat(replica.size()).isEqualTo(3);
    }

    @Test
    @DisplayName("retained writes are released once replayed and the rest is replayed into the promoted standby")
    void retain_replaysUnshipped() throws InterruptedException {
      AtomicReference<Writability> standbyState = new AtomicReference<>(Writability.readOnly(1, ""));
      FallbackCommentStore store = failover(true, standbyState);
      write(store, 3);
      assertThat(store.health().details()).containsEntry("replicationJournal.depth", "3");
      ship(3);
      await("released once replayed", () -> "0".equals(store.health().details().get("replicationJournal.depth")));
      write(store, 3); // acknowledged, never shipped
      assertThat(store.health().details()).containsEntry("replicationJournal.depth", "3");
      primary.failReads(true);
      primary.failWrites(true);
      standbyState.set(Writability.writable(2, "promoted"));
      await("failed over", () -> "pg-b".equals(primaryName(store)) && store.mode() == StoreMode.READ_WRITE);
      assertThat(replica.size()).isEqualTo(6);
      for (Comment c : written) {
        assertThat(replica.find(SITE, c.id())).contains(c);
      }
      assertThat(store.health().details()).containsEntry("replicationJournal.depth", "0");
    }

    @Test
    @DisplayName("a standby that is down (a replica whose disk died) does not keep every comment in the journal;"
        + " one that answers and is behind still does")
    void retain_downStandbyDoesNotHoldBack() {
      AtomicBoolean pgcUp = new AtomicBoolean(true);
      PrimaryProbe pgc = new PrimaryProbe() {
        @Override
        public Writability probe() {
          if (!pgcUp.get()) {
            throw new StoreUnavailableException("pg-c: connection refused", null);
          }
          return Writability.readOnly(1, "");
        }

        @Override
        public OptionalLong replayPosition() {
          return OptionalLong.of(0); // has replayed nothing
        }
      };
      ManualScheduler rounds = new ManualScheduler();
      FallbackCommentStore store = open(failoverBuilder(new AtomicReference<>(Writability.readOnly(1, "")))
          .standby("pg-c", new FaultyStore(), pgc)
          .retainUntilReplicated(FileWriteSpool.open(dir.resolve("replication.log")))
          .scheduler(rounds));
      write(store, 3);
      ship(3);
      rounds.runPending();
      rounds.runPending();
      assertThat(store.health().details()).as("pg-c answers and may be promoted: kept")
          .containsEntry("replicationJournal.depth", "3");
      pgcUp.set(false);
      rounds.runPending(); // stamps, and finds pg-c down
      rounds.runPending(); // releases what pg-b has replayed
      assertThat(store.health().details()).containsEntry("replicationJournal.depth", "0");
      write(store, 2); // acknowledged, never shipped: kept, pg-b has not replayed them
      rounds.runPending();
      rounds.runPending();
      assertThat(store.health().details()).containsEntry("replicationJournal.depth", "2");
    }
  }

  @Nested
  @DisplayName("Health and configuration")
  class HealthAndConfiguration {

    @Test
    @DisplayName("health reports the mode, since when, why, spool depth, last error and every database")
    void health_readOnly() {
      FallbackCommentStore store = open(builder().probeInterval(Duration.ofHours(1)));
      assertThat(store.health().mode()).isEqualTo(StoreMode.READ_WRITE);
      assertThat(store.health().since()).isEmpty();
      assertThat(store.health().newComments()).isEqualTo(StoreHealth.NewComments.ACCEPTED);
      primary.failWrites(true);
      store.insert(THREAD, comment("queued"));
      StoreHealth h = store.health();
      assertThat(h.mode()).isEqualTo(StoreMode.READ_ONLY);
      assertThat(h.since()).contains(Fixtures.T0);
      assertThat(h.reason().orElseThrow()).contains("primary primary is unavailable").contains("fail writes");
      assertThat(h.lastError().orElseThrow()).contains("fail writes");
      assertThat(h.spoolDepth()).isEqualTo(1);
      assertThat(h.newComments()).isEqualTo(StoreHealth.NewComments.QUEUED);
      assertThat(h.databases()).extracting(StoreHealth.Database::name, StoreHealth.Database::role,
              StoreHealth.Database::reachable)
          .containsExactly(tuple("primary", StoreHealth.Role.PRIMARY, false),
              tuple("replica-1", StoreHealth.Role.REPLICA, true));
      assertThat(h.primary().orElseThrow().lastError()).contains("fail writes");
      assertThat(h.details()).containsEntry("writePolicy", "SPOOL").containsEntry("modeChanges", "1");
    }

    @Test
    @DisplayName("build refuses a SPOOL policy without a spool, and a missing primary, with what to do")
    void build_invalid() {
      assertThatThrownBy(() -> FallbackCommentStore.builder().primary(primary).build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("WritePolicy.SPOOL needs a spool");
      assertThatThrownBy(() -> FallbackCommentStore.builder().replica(replica).build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("a primary is required");
      assertThatThrownBy(() -> FallbackCommentStore.builder().readDeadline(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readDeadline must be positive");
      assertThatThrownBy(() -> FallbackCommentStore.builder().primary(primary).writePolicy(WritePolicy.REJECT)
              .retainUntilReplicated(FileWriteSpool.open(dir.resolve("r.log"))).build())
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a standby");
    }

    @Test
    @DisplayName("close stops the probe threads and closes the spool")
    void close_stopsThreads() throws InterruptedException {
      FallbackCommentStore store = builder().build();
      await("the probe ran", () -> !events.probed.isEmpty());
      store.close();
      await("no probe thread left", () -> Thread.getAllStackTraces().keySet().stream()
          .noneMatch(t -> t.getName().equals("talkback-fallback-probe") && t.isAlive()));
      try (FileWriteSpool reopened = FileWriteSpool.open(dir.resolve("spool.log"))) {
        assertThat(reopened.depth()).isZero();
      }
    }
  }
}
