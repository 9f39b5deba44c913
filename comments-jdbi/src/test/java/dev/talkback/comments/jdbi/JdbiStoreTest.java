package dev.talkback.comments.jdbi;

import static dev.talkback.comments.jdbi.testing.Fixtures.T0;
import static dev.talkback.comments.jdbi.testing.Fixtures.comment;
import static dev.talkback.comments.jdbi.testing.Fixtures.randomSite;
import static dev.talkback.comments.jdbi.testing.Fixtures.reply;
import static dev.talkback.comments.jdbi.testing.Fixtures.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.ConcurrentEditException;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.InsertResult.Outcome;
import dev.talkback.comments.spi.Keyset;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the JDBI store must do on every dialect beyond (and before) the shared contract: exact round trips,
 * id order of keyset pages, idempotency under concurrency, counts in step, chunked imports. Each subclass
 * gives a database of its own; each test uses a site of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbiStoreTest {
  TestDatabase db;
  JdbiCommentStore store;

  abstract TestDatabase createDatabase();

  abstract Dialect expectedDialect();

  @BeforeAll
  void openDatabase() {
    db = createDatabase();
    store = JdbiCommentStore.builder(db.dataSource()).tablePrefix("tb_").build();
    assertThat(store.initialize()).isEqualTo(expectedDialect());
  }

  @AfterAll
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void insert_everyField_roundTripsExactly() {
    SiteId site = randomSite();
    ThreadInfo t = new ThreadInfo(site, ThreadKey.of("emoji-😀-ключ/ü"), "Ti\u00adtle 𝄞 ✓", null, true);
    Comment parent = comment(t, T0).build();
    String text = "4-byte: 😀🎉𝄞 — CJK 漢字 — RTL עברית — combining e\u0301 — tab\tnewline\n<b>&amp;</b> 'q\" \\ %_";
    Comment c = reply(parent, T0.plusNanos(1_000))
        .author(new Author("Zoë 😀", "Zoë@Example.org", "https://zoë.example/😀", "user-ü-42"))
        .source(text)
        .format(Format.MARKDOWN)
        .html("<p>" + text + "</p>")
        .status(CommentStatus.PENDING)
        .edited(T0.plusSeconds(5))
        .editTokenHash("a".repeat(64))
        .ipHash("b".repeat(64))
        .build();

    assertThat(store.insert(t, parent).outcome()).isEqualTo(Outcome.CREATED);
    InsertResult result = store.insert(t, c);

    assertThat(result).isEqualTo(InsertResult.created(c));
    assertThat(store.find(site, c.id())).contains(c);
    assertThat(store.find(site, parent.id())).contains(parent);
    assertThat(store.threadInfo(site, t.key())).contains(t);
    assertThat(store.byAuthor(site, "user:user-ü-42", 10)).containsExactly(c);
  }

  @Test
  void insert_largeText_roundTrips() {
    ThreadInfo t = thread(randomSite(), "large");
    String big = "😀 paragraph\n".repeat(40_000); // ~ 560 kB of UTF-8
    Comment c = comment(t, T0).source(big).html("<p>" + big + "</p>").build();
    store.insert(t, c);
    assertThat(store.find(t.site(), c.id())).contains(c);
  }

  @Test
  void insert_farPastAndFutureInstants_roundTrip() {
    ThreadInfo t = thread(randomSite(), "time");
    Comment old = comment(t, Instant.parse("1901-12-13T20:45:52.000001Z")).build();
    Comment future = comment(t, Instant.parse("2999-12-31T23:59:59.999999Z")).build();
    store.insertAll(t, List.of(old, future));
    assertThat(store.find(t.site(), old.id())).contains(old);
    assertThat(store.find(t.site(), future.id())).contains(future);
  }

  @Test
  void insert_nanoseconds_areTruncatedToMicroseconds() {
    ThreadInfo t = thread(randomSite(), "nanos");
    Comment c = comment(t, T0.plusNanos(999)).edited(T0.plusNanos(1_999)).build();
    InsertResult r = store.insert(t, c);
    assertThat(r.comment().created()).isEqualTo(T0);
    assertThat(r.comment().edited()).contains(T0.plusNanos(1_000));
    assertThat(store.find(t.site(), c.id())).contains(r.comment());
  }

  @Test
  void insert_sameIdAgain_returnsTheStoredCommentUnchanged() {
    ThreadInfo t = thread(randomSite(), "again");
    Comment first = comment(t, T0).build();
    Comment second = first.toBuilder().source("changed").html("<p>changed</p>").status(CommentStatus.PENDING).build();
    store.insert(t, first);

    InsertResult again = store.insert(t, second);

    assertThat(again).isEqualTo(InsertResult.existing(first));
    assertThat(store.counts(t.site(), List.of(t.key()))).containsEntry(t.key(), 1);
  }

  @Test
  void insert_sameIdConcurrently_storesOneAndCountsItOnce() throws Exception {
    ThreadInfo t = thread(randomSite(), "race");
    int writers = 8;
    for (int round = 0; round < 5; round++) {
      Comment c = comment(t, T0.plusSeconds(round)).build();
      List<InsertResult> results = concurrently(writers, () -> store.insert(t, c));
      assertThat(results).filteredOn(r -> r.outcome() == Outcome.CREATED).hasSize(1);
      assertThat(results).allSatisfy(r -> assertThat(r.comment()).isEqualTo(c));
    }
    assertThat(store.counts(t.site(), List.of(t.key()))).containsEntry(t.key(), 5);
  }

  @Test
  void insertAll_overlappingBatchesConcurrently_storeEachOnce() throws Exception {
    ThreadInfo t = thread(randomSite(), "batches");
    List<Comment> all = IntStream.range(0, 300).mapToObj(i -> comment(t, T0.plusMillis(i)).build()).toList();
    List<List<InsertResult>> results = concurrently(4, () -> {
      List<Comment> mine = new ArrayList<>(all);
      java.util.Collections.shuffle(mine);
      return store.insertAll(t, mine);
    });
    long created = results.stream().flatMap(List::stream).filter(r -> r.outcome() == Outcome.CREATED).count();
    assertThat(created).isEqualTo(all.size());
    assertThat(store.counts(t.site(), List.of(t.key()))).containsEntry(t.key(), all.size());
  }

  @Test
  void insertAll_moreThanOneChunk_returnsOneResultPerCommentInOrder() {
    ThreadInfo t = thread(randomSite(), "import");
    List<Comment> batch = new ArrayList<>();
    Random random = new Random(42);
    for (int i = 0; i < 2_500; i++) {
      Instant created = T0.plusMillis(i);
      if (i < 10 || random.nextInt(3) == 0) {
        batch.add(comment(t, created).status(i % 7 == 0 ? CommentStatus.PENDING : CommentStatus.APPROVED).build());
      } else {
        Comment parent = batch.get(random.nextInt(batch.size()));
        batch.add(reply(parent, created).build());
      }
    }
    Comment stored = batch.get(1_700);
    store.insert(t, stored);
    batch.add(batch.get(3)); // the same comment twice in one call

    List<InsertResult> results = store.insertAll(t, batch);

    assertThat(results).hasSize(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      assertThat(results.get(i).comment()).isEqualTo(batch.get(i));
    }
    assertThat(results.get(1_700).outcome()).isEqualTo(Outcome.EXISTING);
    assertThat(results.get(batch.size() - 1).outcome()).isEqualTo(Outcome.EXISTING);
    assertThat(results).filteredOn(r -> r.outcome() == Outcome.CREATED).hasSize(batch.size() - 2);
    long approved = batch.subList(0, 2_500).stream().filter(c -> c.status() == CommentStatus.APPROVED).count();
    assertThat(store.counts(t.site(), List.of(t.key()))).containsEntry(t.key(), (int) approved);
  }

  @Test
  void insertAll_newAndStoredIdsWithOddValues_answersEachAndStoresTheNewOnesExactly() {
    // on PostgreSQL every column goes as one array per chunk (ids as text[], cast to uuid[]): nulls,
    // 4-byte characters, quotes, braces and commas (array-literal syntax), a long body must all come back
    ThreadInfo t = thread(randomSite(), "arrays-{a,b}");
    String odd = "{\"x\",NULL} 😀 ключ e\u0301 'q' \\ , ;\ttab\nnl <b>&amp;</b>";
    Comment root = comment(t, T0).author(new Author("NULL", null, null, null)).source(odd).html("<p>" + odd + "</p>")
        .build();
    Comment stored = comment(t, T0.plusMillis(1)).build();
    store.insert(t, stored);
    Comment storedAgain = stored.toBuilder().source("changed").html("<p>changed</p>").build();
    Comment replyToRoot = reply(root, T0.plusMillis(2))
        .author(new Author("{} ,\"", "x@example.org", "https://ex.test/{a}", "u,1"))
        .source("é".repeat(50_000)).html("<p>" + "😀".repeat(50_000) + "</p>")
        .status(CommentStatus.SPAM).edited(T0.plusSeconds(9)).editTokenHash("c".repeat(64)).ipHash("NULL")
        .build();
    Comment replyToStored = reply(stored, T0.plusMillis(3)).format(Format.HTML).status(CommentStatus.DELETED).build();

    List<InsertResult> results = store.insertAll(t, List.of(root, storedAgain, replyToRoot, replyToStored));

    assertThat(results).containsExactly(InsertResult.created(root), InsertResult.existing(stored),
        InsertResult.created(replyToRoot), InsertResult.created(replyToStored));
    for (Comment c : List.of(root, stored, replyToRoot, replyToStored)) {
      assertThat(store.find(t.site(), c.id())).contains(c);
    }
    assertThat(store.counts(t.site(), List.of(t.key()))).containsEntry(t.key(), 2); // stored and root approved
    assertThat(store.insertAll(t, List.of(root, replyToRoot))).extracting(InsertResult::outcome)
        .containsExactly(Outcome.EXISTING, Outcome.EXISTING);
  }

  @Test
  void insertAll_replyBeforeItsParent_isRefusedAndStoresNothing() {
    ThreadInfo t = thread(randomSite(), "order");
    Comment parent = comment(t, T0).build();
    Comment child = reply(parent, T0.plusSeconds(1)).build();

    assertThatThrownBy(() -> store.insertAll(t, List.of(child, parent)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("insert parents before their replies");
    assertThat(store.find(t.site(), parent.id())).isEmpty();
    assertThat(store.threadInfo(t.site(), t.key())).isEmpty();
  }

  @Test
  void insert_replyWithParentInAnotherThread_isRefused() {
    SiteId site = randomSite();
    ThreadInfo a = thread(site, "a");
    ThreadInfo b = thread(site, "b");
    Comment parent = comment(a, T0).build();
    store.insert(a, parent);
    Comment stray = reply(parent, T0).thread(b.key()).build();
    assertThatThrownBy(() -> store.insert(b, stray)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void insert_textTheDatabasesCannotKeep_isRefusedWithTheField() {
    ThreadInfo t = thread(randomSite(), "bad-text");
    assertThatThrownBy(() -> store.insert(t, comment(t, T0).source("a\0b").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text").hasMessageContaining("NUL");
    assertThatThrownBy(() -> store.insert(t, comment(t, T0).html("x\uD83Dy").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rendered").hasMessageContaining("surrogate");
    assertThat(store.threadInfo(t.site(), t.key())).isEmpty();
  }

  @Test
  void thread_keysetPages_followCommentIdOrderOnEveryDialect() {
    ThreadInfo t = thread(randomSite(), "order-of-ids");
    // Many roots share an instant, with ids on both sides of every signed/unsigned boundary.
    List<Comment> roots = new ArrayList<>();
    String[] prefixes = {"00000000", "7fffffff", "80000000", "ffffffff", "0000ffff", "8000ffff", "7fff0000"};
    String[] lows = {"0000-0000-0000-000000000000", "7fff-8000-8000-000000000000", "ffff-ffff-ffff-ffffffffffff"};
    int n = 0;
    for (String p : prefixes) {
      for (String l : lows) {
        CommentId id = CommentId.parse(p + "-" + l);
        Instant created = n++ % 2 == 0 ? T0 : T0.plusNanos(1_000);
        roots.add(comment(t, created).id(id).build());
      }
    }
    for (int i = 0; i < 20; i++) {
      roots.add(comment(t, T0.plusNanos(1_000L * (i % 3))).build());
    }
    store.insertAll(t, roots);
    Random random = new Random(7);
    for (Comment c : roots) {
      int likes = random.nextInt(3);
      for (int i = 0; i < likes; i++) {
        store.like(t.site(), c.id(), "client-" + i);
      }
    }
    List<Comment> stored = roots.stream().map(c -> store.find(t.site(), c.id()).orElseThrow()).toList();

    Comparator<Comment> byTime = Comparator.comparing(Comment::created).thenComparing(Comment::id);
    Comparator<Comment> top = Comparator.comparing(Comment::likes, Comparator.reverseOrder()).thenComparing(byTime);
    assertThat(pages(t, CommentSort.OLDEST, 4)).containsExactlyElementsOf(sorted(stored, byTime));
    assertThat(pages(t, CommentSort.NEWEST, 4)).containsExactlyElementsOf(sorted(stored, byTime.reversed()));
    assertThat(pages(t, CommentSort.TOP, 4)).containsExactlyElementsOf(sorted(stored, top));
  }

  @Test
  void thread_keysetBetweenTwoMicroseconds_continuesAsJavaWould() {
    ThreadInfo t = thread(randomSite(), "sub-micro");
    Comment early = comment(t, T0).id(CommentId.parse("ffffffff-ffff-ffff-ffff-ffffffffffff")).build();
    Comment late = comment(t, T0.plusNanos(1_000)).id(CommentId.parse("00000000-0000-0000-0000-000000000000")).build();
    store.insertAll(t, List.of(early, late));
    Keyset between = new Keyset(0, T0.plusNanos(500), CommentId.parse("80000000-0000-0000-0000-000000000000"));

    assertThat(page(t, CommentSort.OLDEST, between, 10).roots()).containsExactly(late);
    assertThat(page(t, CommentSort.NEWEST, between, 10).roots()).containsExactly(early);
  }

  @Test
  void thread_returnsRepliesOfThePageRootsWithTheAskedStatuses() {
    ThreadInfo t = thread(randomSite(), "replies");
    Comment r1 = comment(t, T0).build();
    Comment r2 = comment(t, T0.plusSeconds(1)).build();
    Comment r3 = comment(t, T0.plusSeconds(2)).status(CommentStatus.SPAM).build();
    Comment a = reply(r1, T0.plusSeconds(3)).build();
    Comment b = reply(a, T0.plusSeconds(4)).status(CommentStatus.PENDING).build();
    Comment c = reply(b, T0.plusSeconds(5)).build();
    Comment d = reply(r2, T0.plusSeconds(6)).status(CommentStatus.DELETED).build();
    store.insertAll(t, List.of(r1, r2, r3, a, b, c, d));

    ThreadSlice approved = store.thread(new ThreadQuery(t.site(), t.key(), CommentSort.OLDEST, null, 1,
        Set.of(CommentStatus.APPROVED)));
    assertThat(approved.roots()).containsExactly(r1);
    assertThat(approved.replies()).containsExactlyInAnyOrder(a, c);

    ThreadSlice all = store.thread(new ThreadQuery(t.site(), t.key(), CommentSort.OLDEST, null, 10,
        EnumSet.allOf(CommentStatus.class)));
    assertThat(all.roots()).containsExactly(r1, r2, r3);
    assertThat(all.replies()).containsExactlyInAnyOrder(a, b, c, d);

    assertThat(store.thread(new ThreadQuery(t.site(), ThreadKey.of("nobody-here"), CommentSort.TOP, null, 10,
        Set.of(CommentStatus.APPROVED)))).isEqualTo(ThreadSlice.empty());
  }

  @Test
  void counts_manyThreadsInOneCall_followInsertsAndStatusChanges() {
    SiteId site = randomSite();
    List<ThreadKey> keys = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      keys.add(ThreadKey.of("t" + i));
    }
    ThreadInfo t1 = thread(site, "t1");
    ThreadInfo t2 = thread(site, "t2");
    Comment pending = comment(t1, T0).status(CommentStatus.PENDING).build();
    Comment approved = comment(t1, T0.plusSeconds(1)).build();
    store.insertAll(t1, List.of(pending, approved));
    store.insert(t2, comment(t2, T0).build());

    assertThat(store.counts(site, keys)).hasSize(1_200).containsEntry(ThreadKey.of("t1"), 1)
        .containsEntry(ThreadKey.of("t2"), 1).containsEntry(ThreadKey.of("t3"), 0);

    Comment nowApproved = store.update(pending.toBuilder().status(CommentStatus.APPROVED).version(1).build(), 0);
    assertThat(store.counts(site, List.of(t1.key()))).containsEntry(t1.key(), 2);
    store.update(nowApproved.toBuilder().status(CommentStatus.DELETED).version(2).build(), 1);
    store.update(approved.toBuilder().status(CommentStatus.SPAM).version(1).build(), 0);
    assertThat(store.counts(site, List.of(t1.key(), t1.key()))).isEqualTo(Map.of(t1.key(), 0));
    assertThat(store.counts(randomSite(), List.of(t1.key()))).isEqualTo(Map.of(t1.key(), 0));
  }

  @Test
  void update_changesOnlyTheMutableFields() {
    ThreadInfo t = thread(randomSite(), "update");
    Comment c = comment(t, T0).editTokenHash("h1").ipHash("ip").build();
    store.insert(t, c);
    store.like(t.site(), c.id(), "fan");
    Comment attempt = c.toBuilder()
        .source("edited 😀").format(Format.HTML).html("<p>edited 😀</p>").status(CommentStatus.PENDING)
        .edited(T0.plusSeconds(60).plusNanos(1)).version(1).editTokenHash(null)
        .author(Author.named("Mallory")).created(T0.plusSeconds(9_999)).likes(0).ipHash("other")
        .build();

    Comment now = store.update(attempt, 0);

    Comment expected = c.toBuilder().source("edited 😀").format(Format.HTML).html("<p>edited 😀</p>")
        .status(CommentStatus.PENDING).edited(T0.plusSeconds(60)).version(1).editTokenHash(null).likes(1).build();
    assertThat(now).isEqualTo(expected);
    assertThat(store.find(t.site(), c.id())).contains(expected);
  }

  @Test
  void update_staleVersionOrUnknownId_isRefused() {
    ThreadInfo t = thread(randomSite(), "conflict");
    Comment c = comment(t, T0).build();
    store.insert(t, c);
    store.update(c.toBuilder().source("v1").version(1).build(), 0);

    assertThatThrownBy(() -> store.update(c.toBuilder().source("lost").version(1).build(), 0))
        .isInstanceOf(ConcurrentEditException.class);
    assertThat(store.find(t.site(), c.id()).orElseThrow().source()).isEqualTo("v1");
    Comment unknown = comment(t, T0).build();
    assertThatThrownBy(() -> store.update(unknown, 0)).isInstanceOf(CommentNotFoundException.class);
    assertThatThrownBy(() -> store.update(c.toBuilder().site(randomSite()).build(), 1))
        .isInstanceOf(CommentNotFoundException.class);
  }

  @Test
  void update_concurrentEditorsOfOneVersion_exactlyOneWins() throws Exception {
    ThreadInfo t = thread(randomSite(), "editors");
    Comment c = comment(t, T0).build();
    store.insert(t, c);
    List<String> outcomes = concurrently(6, () -> {
      try {
        store.update(c.toBuilder().source(Thread.currentThread().getName()).version(1).build(), 0);
        return "won";
      } catch (ConcurrentEditException e) {
        return "lost";
      }
    });
    assertThat(outcomes).containsOnlyOnce("won");
  }

  @Test
  void like_isCountedOncePerClient_evenConcurrently() throws Exception {
    ThreadInfo t = thread(randomSite(), "likes");
    Comment c = comment(t, T0).build();
    store.insert(t, c);

    assertThat(store.like(t.site(), c.id(), "a")).isEqualTo(1);
    assertThat(store.like(t.site(), c.id(), "a")).isEqualTo(1);
    assertThat(store.like(t.site(), c.id(), "A")).isEqualTo(2);
    assertThat(store.like(t.site(), c.id(), "a ")).isEqualTo(3); // keys compare exactly, without padding
    List<Integer> results = concurrently(8, () -> store.like(t.site(), c.id(), "same-client"));
    assertThat(results).containsOnly(4);
    concurrently(8, () -> store.like(t.site(), c.id(), UUID.randomUUID().toString()));
    assertThat(store.find(t.site(), c.id()).orElseThrow().likes()).isEqualTo(12);
    assertThatThrownBy(() -> store.like(t.site(), comment(t, T0).build().id(), "a"))
        .isInstanceOf(CommentNotFoundException.class);
    assertThatThrownBy(() -> store.like(t.site(), c.id(), "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void byStatusAndByAuthor_newestFirst_withinTheSite() {
    SiteId site = randomSite();
    ThreadInfo t = thread(site, "queue");
    Author ada = new Author("Ada", "ADA@example.org", null, null);
    Comment p1 = comment(t, T0).status(CommentStatus.PENDING).author(ada).build();
    Comment p2 = comment(t, T0.plusSeconds(1)).status(CommentStatus.PENDING).author(Author.named("Anon")).build();
    Comment a1 = comment(t, T0.plusSeconds(2)).author(ada).build();
    store.insertAll(t, List.of(p1, p2, a1));
    ThreadInfo elsewhere = thread(randomSite(), "queue");
    store.insert(elsewhere, comment(elsewhere, T0).status(CommentStatus.PENDING).author(ada).build());

    assertThat(store.byStatus(site, CommentStatus.PENDING, 10)).containsExactly(p2, p1);
    assertThat(store.byStatus(site, CommentStatus.PENDING, 1)).containsExactly(p2);
    assertThat(store.byStatus(site, CommentStatus.SPAM, 10)).isEmpty();
    assertThat(store.byAuthor(site, "email:ada@example.org", 10)).containsExactly(a1, p1);
    assertThat(store.byAuthor(site, "email:ADA@example.org", 10)).isEmpty();
    assertThat(store.hasApproved(site, "email:ada@example.org")).isTrue();
    assertThat(store.hasApproved(elsewhere.site(), "email:ada@example.org")).isFalse();
    assertThat(store.hasApproved(site, "")).isFalse();
    assertThatThrownBy(() -> store.byStatus(site, CommentStatus.PENDING, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void saveThread_createsOrReplaces_andInsertKeepsAnExistingThread() {
    SiteId site = randomSite();
    ThreadInfo t = thread(site, "saved");
    store.saveThread(t);
    assertThat(store.threadInfo(site, t.key())).contains(t);
    ThreadInfo renamed = t.withTitleAndUrl("New 😀", null).withClosed(true);
    store.saveThread(renamed);
    assertThat(store.threadInfo(site, t.key())).contains(renamed);

    store.insert(t, comment(t, T0).build());
    assertThat(store.threadInfo(site, t.key())).contains(renamed);
    assertThat(store.threadInfo(site, ThreadKey.of("Saved"))).isEmpty();
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  private List<Comment> pages(ThreadInfo t, CommentSort sort, int size) {
    List<Comment> all = new ArrayList<>();
    Keyset after = null;
    for (int guard = 0; guard < 1_000; guard++) {
      ThreadSlice slice = page(t, sort, after, size);
      all.addAll(slice.roots());
      if (slice.roots().size() < size) {
        return all;
      }
      Comment last = slice.roots().get(slice.roots().size() - 1);
      after = Keyset.after(sort, last);
    }
    throw new AssertionError("pagination does not end");
  }

  private ThreadSlice page(ThreadInfo t, CommentSort sort, Keyset after, int size) {
    return store.thread(new ThreadQuery(t.site(), t.key(), sort, after, size, Set.of(CommentStatus.APPROVED)));
  }

  private static List<Comment> sorted(List<Comment> comments, Comparator<Comment> order) {
    return comments.stream().sorted(order).collect(Collectors.toList());
  }

  /** Runs {@code task} on {@code n} threads released together; every result, or the first failure. */
  static <T> List<T> concurrently(int n, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
