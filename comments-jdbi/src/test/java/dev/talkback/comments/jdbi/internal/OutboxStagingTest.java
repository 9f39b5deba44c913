package dev.talkback.comments.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.spi.NotificationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The outbox's staging table (schema version 7) on a real database: a comment change's events are staged in
 * its transaction, and a claim moves them into the outbox before it claims. What must hold: staged events
 * are delivered; a move that is not followed by a claim (the mover crashed), or that is rolled back halfway,
 * loses and duplicates nothing; several nodes moving and claiming at once get each event once; and a dedupe
 * key is taken once across both tables. One database per class, a fresh site per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OutboxStagingTest {
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final String PREFIX = "talkback_";

  private TestDatabase database;
  private JdbiCommentStore store;
  private Jdbi jdbi;
  /** The bare outboxes' own {@link Db}: what {@link Engine} would make of the same Jdbi. */
  private Db db;
  private SiteId site;
  private Instant now;

  /** A new, empty database of this class's kind. */
  protected abstract TestDatabase newDatabase();

  /** The database's dialect. */
  protected abstract Dialect dialect();

  @BeforeEach
  void setUp() {
    if (store == null) {
      database = newDatabase();
      store = JdbiCommentStore.builder(database.dataSource()).notifications(true).build();
      store.initialize();
      jdbi = Jdbi.create(database.dataSource());
      db = new Db(jdbi, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
    site = SiteId.of("s-" + UUID.randomUUID().toString().substring(0, 18));
    now = Instant.parse("2090-01-01T00:00:00Z").plusSeconds(UUID.randomUUID().hashCode() & 0xffff);
  }

  @AfterAll
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  /** Another node on the same database: its own store, its own outbox object. */
  private NotificationStore node() {
    return JdbiCommentStore.builder(database.dataSource()).notifications(true).build().notifications()
        .orElseThrow();
  }

  /** A bare outbox on the same database, whose {@link Outbox#move} a test can call (and abandon). */
  private Outbox mover() {
    return new Outbox(db, dialect(), PREFIX);
  }

  private Comment post() {
    Comment c = Comment.builder().id(CommentId.of(UUID.randomUUID())).site(site).thread(ThreadKey.of("t"))
        .author(Author.named("A")).source("x").format(Format.PLAIN).html("<p>x</p>")
        .status(CommentStatus.APPROVED).created(Instant.parse("2024-01-01T00:00:00Z")).build();
    return store.insert(new ThreadInfo(site, c.thread(), "T", null, false), c).comment();
  }

  private static String postedKey(Comment c) {
    return "event:COMMENT_POSTED:" + c.id() + ":0";
  }

  private int rows(String table, String where) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + PREFIX + table + " WHERE site = :site"
        + where).bind("site", site.value()).mapTo(Integer.class).one());
  }

  /** Claims with {@code outbox} until nothing of this site comes back; the messages of this site. */
  private List<OutboxMessage> claimAll(NotificationStore outbox, String owner) {
    List<OutboxMessage> mine = new ArrayList<>();
    for (int round = 0; round < 1_000; round++) {
      int before = mine.size();
      for (OutboxMessage m : outbox.claim(owner, now, LEASE, 10_000)) {
        if (m.site().equals(site)) {
          mine.add(m);
        }
      }
      if (mine.size() == before) {
        return mine;
      }
    }
    throw new AssertionError("claims kept returning messages");
  }

  @Test
  @DisplayName("a post's event is staged (not in the outbox), counted and found, and a claim delivers it")
  void stagedEvent_isCountedFoundAndDelivered() {
    NotificationStore outbox = store.notifications().orElseThrow();
    long before = outbox.backlog();
    Comment c = post();
    assertThat(rows("outbox_new", "")).isEqualTo(1);
    assertThat(rows("outbox", "")).isZero();
    assertThat(outbox.backlog()).isEqualTo(before + 1);
    String id = jdbi.withHandle(h -> h.createQuery("SELECT id FROM " + PREFIX + "outbox_new WHERE site = :site")
        .bind("site", site.value()).mapTo(String.class).one());
    assertThat(outbox.message(id)).get().extracting(OutboxMessage::dedupeKey).isEqualTo(postedKey(c));

    List<OutboxMessage> claimed = claimAll(outbox, "a");
    assertThat(claimed).extracting(OutboxMessage::id).containsExactly(id);
    assertThat(rows("outbox_new", "")).isZero();
    assertThat(rows("outbox", " AND state = 'P'")).isEqualTo(1);
    outbox.delivered(id, now);
    assertThat(outbox.backlog()).isEqualTo(before);
    assertThat(claimAll(node(), "b")).isEmpty();
  }

  @Test
  @DisplayName("a mover that crashes after moving (no claim) or halfway through a move loses and duplicates nothing")
  void moveWithoutClaim_thenANewNode_losesNothingAndDuplicatesNothing() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      keys.add(postedKey(post()));
    }
    Outbox crashed = mover();
    // moved and committed, then the mover died before claiming
    int moved = db.write(h -> crashed.move(h, 10));
    assertThat(moved).isEqualTo(10);
    assertThat(rows("outbox", "")).isEqualTo(10);
    // moved halfway and died before the commit: the database rolls it back
    jdbi.useHandle(h -> {
      h.begin();
      assertThat(crashed.move(h, 10)).isEqualTo(10);
      h.rollback();
    });
    assertThat(rows("outbox", "")).isEqualTo(10);
    assertThat(rows("outbox_new", "")).isEqualTo(20);

    List<OutboxMessage> claimed = claimAll(node(), "new-node");
    assertThat(claimed).extracting(OutboxMessage::dedupeKey).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(keys);
    assertThat(claimed).extracting(OutboxMessage::id).doesNotHaveDuplicates();
    assertThat(rows("outbox_new", "")).isZero();
    assertThat(rows("outbox", "")).isEqualTo(30);
  }

  @Test
  @DisplayName("three nodes claiming while a fourth posts get every event exactly once")
  void concurrentNodes_moveAndClaimEachEventOnce() throws Exception {
    int posts = 150;
    List<NotificationStore> nodes = List.of(node(), node(), node());
    ExecutorService pool = Executors.newFixedThreadPool(nodes.size() + 1);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicBoolean posted = new AtomicBoolean();
      Future<Set<String>> poster = pool.submit(() -> {
        start.await();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < posts; i++) {
          keys.add(postedKey(post()));
        }
        posted.set(true);
        return keys;
      });
      List<Future<List<OutboxMessage>>> claimers = new ArrayList<>();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      for (int n = 0; n < nodes.size(); n++) {
        NotificationStore node = nodes.get(n);
        String owner = "node-" + n;
        claimers.add(pool.submit(() -> {
          start.await();
          List<OutboxMessage> got = new ArrayList<>();
          // until the poster is done and a claim after that finds nothing more (another node may still hold
          // rows locked: the poster's flag and the totals below decide, not one empty claim)
          while (System.nanoTime() < deadline) {
            boolean done = posted.get();
            int before = got.size();
            for (OutboxMessage m : node.claim(owner, now, LEASE, 7)) {
              if (m.site().equals(site)) {
                got.add(m);
              }
            }
            if (done && got.size() == before && rows("outbox_new", "") == 0) {
              return got;
            }
          }
          throw new AssertionError(owner + " ran past the deadline");
        }));
      }
      start.countDown();
      Set<String> keys = poster.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      List<OutboxMessage> all = new ArrayList<>();
      for (Future<List<OutboxMessage>> f : claimers) {
        all.addAll(f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
      }
      // what a node left unclaimed when it stopped (rows another node had locked then) is claimed now
      all.addAll(claimAll(node(), "last"));

      assertThat(all).extracting(OutboxMessage::id).doesNotHaveDuplicates();
      assertThat(all).extracting(OutboxMessage::dedupeKey).containsExactlyInAnyOrderElementsOf(keys);
      assertThat(rows("outbox", "")).isEqualTo(posts);
      assertThat(rows("outbox_new", "")).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("three movers at once move each staged event once")
  void concurrentMovers_moveEachRowOnce() throws Exception {
    int posts = 120;
    for (int i = 0; i < posts; i++) {
      post();
    }
    List<Outbox> movers = List.of(mover(), mover(), mover());
    ExecutorService pool = Executors.newFixedThreadPool(movers.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> moved = new ArrayList<>();
      for (Outbox m : movers) {
        moved.add(pool.submit(() -> {
          start.await();
          int total = 0;
          for (int n = db.write(h -> m.move(h, 5)); n > 0; n = db.write(h -> m.move(h, 5))) {
            total += n;
          }
          return total;
        }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : moved) {
        total += f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      }
      // other tests' sites share the table, so the movers may have taken more than this test's rows
      assertThat(total).isGreaterThanOrEqualTo(posts);
      assertThat(rows("outbox", "")).isEqualTo(posts);
      assertThat(rows("outbox_new", "")).isZero();
      int distinct = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT dedupe_key) FROM " + PREFIX
          + "outbox WHERE site = :site").bind("site", site.value()).mapTo(Integer.class).one());
      assertThat(distinct).isEqualTo(posts);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("a dedupe key is taken once across the staging table and the outbox")
  void dedupeKey_spansStagedAndOutbox() {
    NotificationStore outbox = store.notifications().orElseThrow();
    Outbox raw = mover();
    // (1) the outbox holds the key first: the staged event with it is dropped when moved
    CommentId first = CommentId.of(UUID.randomUUID());
    OutboxMessage early = OutboxMessage.event(site, OutboxMessage.Kind.COMMENT_POSTED, first,
        "event:COMMENT_POSTED:" + first + ":0", now);
    assertThat(outbox.enqueue(early)).isTrue();
    OutboxMessage late = OutboxMessage.event(site, OutboxMessage.Kind.COMMENT_POSTED, first, early.dedupeKey(),
        now);
    db.write(h -> {
      raw.events(h, List.of(late));
      return null;
    });
    // (2) two staged events of one key (one batch, and in two transactions): one is moved
    CommentId second = CommentId.of(UUID.randomUUID());
    String key = "event:COMMENT_EDITED:" + second + ":1";
    List<OutboxMessage> twins = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      twins.add(OutboxMessage.event(site, OutboxMessage.Kind.COMMENT_EDITED, second, key, now));
    }
    db.write(h -> {
      raw.events(h, twins.subList(0, 2));
      return null;
    });
    db.write(h -> {
      raw.events(h, twins.subList(2, 3));
      return null;
    });
    // (3) a key only staged so far is taken for enqueue too
    assertThat(outbox.enqueue(OutboxMessage.event(site, OutboxMessage.Kind.COMMENT_EDITED, second, key, now)))
        .isFalse();

    List<OutboxMessage> claimed = claimAll(outbox, "a");
    assertThat(claimed).extracting(OutboxMessage::dedupeKey).containsExactlyInAnyOrder(early.dedupeKey(), key);
    assertThat(claimed).extracting(OutboxMessage::id).contains(early.id(), twins.get(0).id());
    assertThat(outbox.message(late.id())).isEmpty();
    assertThat(outbox.message(twins.get(1).id())).isEmpty();
    assertThat(outbox.message(twins.get(2).id())).isEmpty();
    assertThat(rows("outbox_new", "")).isZero();
    assertThat(rows("outbox", "")).isEqualTo(2);
  }
}
