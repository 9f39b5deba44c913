package dev.talkback.comments.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.ConcurrentEditException;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.InsertResult.Outcome;
import dev.talkback.comments.spi.Keyset;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The suite every {@link CommentStore} must pass: the executable form of the Javadoc of
 * {@link dev.talkback.comments.spi.CommentReader} and {@link CommentStore}. The in-memory store and the
 * JDBI store on H2, PostgreSQL and MariaDB run it; so should yours.
 *
 * <p>Extend it in your test sources and return your store from {@link #createStore()}:
 *
 * <pre>{@code
 * class RedisCommentStoreContractTest extends CommentStoreContract {
 *   private static final RedisCommentStore STORE = new RedisCommentStore(RedisClient.create("redis://localhost"));
 *
 *   @Override
 *   protected CommentStore createStore() {
 *     return STORE; // one store for every test is fine: each test writes under its own random site
 *   }
 * }
 * }</pre>
 *
 * <p>Every test writes under a fresh random {@link SiteId} ({@link #site()}), so tests never see each
 * other's data, and a store may keep one database for the whole run, or for every run: nothing is deleted.
 * The feature groups are {@link Nested} classes; JUnit runs them for every subclass. Some tests write from
 * several threads at once (eight at most), so a store backed by a connection pool wants at least eight
 * connections to show its real behaviour. Timestamps handed to the store carry microseconds and never
 * finer, the precision every store must keep.
 *
 * <p>The suite is tagged {@code contract} and each group {@code contract-<group>} ({@code contract-pagination},
 * {@code contract-concurrency}, ...), so one group can be run alone: {@code mvn test
 * -Dtest=MyStoreContractTest -Dgroups=contract-pagination}. A failure message starts with the concrete test
 * class and the test's site, since build tools report inherited nested tests under this class's name.
 *
 * <p>Subclasses can add tests of their own with the protected helpers: {@link #store()}, {@link #site()},
 * {@link #clock()}, {@link #newThread()}, {@link #newComment(ThreadKey)}, {@link #reply(Comment)},
 * {@link #insert(Comment)} and {@link #walk}.
 */
@Tag("contract")
@ExtendWith(NameTheStoreOnFailure.class)
public abstract class CommentStoreContract {
  /** Every status: what a moderator sees. */
  protected static final Set<CommentStatus> ALL_STATUSES = Collections.unmodifiableSet(EnumSet.allOf(CommentStatus.class));
  /** Only approved comments: what a reader sees. */
  protected static final Set<CommentStatus> APPROVED = Set.of(CommentStatus.APPROVED);
  /** The deadline of every concurrent test: generous, so a slow CI machine does not fail a correct store. */
  protected static final Duration DEADLINE = Duration.ofSeconds(60);

  private static final Instant START = Instant.parse("2024-05-01T10:15:30.123456Z");

  private @Nullable CommentStore store;
  private @Nullable SiteId site;
  private @Nullable TickingClock clock;

  /**
   * Returns the store under test. Called before each test; may return the same instance every time. Each
   * test uses its own random {@link SiteId}, so data never collides.
   */
  protected abstract CommentStore createStore();

  /** Creates the store, a fresh site and a fresh clock for each test, before a subclass's own {@code @BeforeEach}. */
  @BeforeEach
  protected final void setUpContract() {
    store = Objects.requireNonNull(createStore(), "createStore() returned null");
    site = randomSite();
    clock = new TickingClock(START, Duration.ofMillis(1).plusNanos(1_000));
  }

  // ---- helpers for subclasses ----------------------------------------------------------------------------

  /** The store of the current test, from {@link #createStore()}. */
  protected final CommentStore store() {
    return Objects.requireNonNull(store, "store() is only available while a test runs");
  }

  /** For failure messages: the current site, or null outside a test. */
  final @Nullable SiteId siteOrNull() {
    return site;
  }

  /** The current test's site: random, so that no other test (or earlier run) has data under it. */
  protected final SiteId site() {
    return Objects.requireNonNull(site, "site() is only available while a test runs");
  }

  /** A clock that starts at a fixed instant with microseconds and moves 1.001 ms on every read. */
  protected final TickingClock clock() {
    return Objects.requireNonNull(clock, "clock() is only available while a test runs");
  }

  /** The next instant of {@link #clock()}: distinct and increasing, to the microsecond. */
  protected final Instant now() {
    return clock().instant();
  }

  /** A new random site id, for tests of site isolation. */
  protected static SiteId randomSite() {
    return SiteId.of("contract-" + UUID.randomUUID().toString().substring(0, 13));
  }

  /** A new random thread key. */
  protected static ThreadKey newThread() {
    return ThreadKey.of("thread-" + UUID.randomUUID());
  }

  /** A new random comment id. */
  protected static CommentId newId() {
    return CommentId.of(UUID.randomUUID());
  }

  /**
   * A new random comment id whose canonical form starts with {@code hex}, to test that ids order as
   * {@link CommentId#compareTo} says (unsigned: {@code 8...} sorts after {@code 7...}).
   */
  protected static CommentId idStartingWith(char hex) {
    return CommentId.parse(hex + UUID.randomUUID().toString().substring(1));
  }

  /** An instant truncated to the microsecond, the precision every store keeps. */
  protected static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** The thread info {@link #insert(Comment)} uses: an open thread titled after its key. */
  protected final ThreadInfo threadInfo(ThreadKey thread) {
    return new ThreadInfo(site(), thread, "Title of " + thread.value(), "https://blog.example/" + thread.value(),
        false);
  }

  /** A builder of an approved top-level comment on {@code thread} of {@link #site()}, created {@link #now()}. */
  protected final Comment.Builder commentBuilder(ThreadKey thread) {
    CommentId id = newId();
    return Comment.builder()
        .id(id)
        .site(site())
        .thread(thread)
        .author(Author.named("Ada"))
        .source("Comment " + id)
        .format(Format.PLAIN)
        .html("<p>Comment " + id + "</p>")
        .status(CommentStatus.APPROVED)
        .created(now());
  }

  /** A new approved top-level comment on {@code thread}, not stored yet. */
  protected final Comment newComment(ThreadKey thread) {
    return commentBuilder(thread).build();
  }

  /** A builder of an approved reply to {@code parent}, created {@link #now()}. */
  protected final Comment.Builder replyBuilder(Comment parent) {
    return commentBuilder(parent.thread()).parentId(parent.id()).rootId(parent.rootId());
  }

  /** A new approved reply to {@code parent}, not stored yet. */
  protected final Comment reply(Comment parent) {
    return replyBuilder(parent).build();
  }

  /** Inserts a comment with {@link #threadInfo}, checks that it was created, and returns it as stored. */
  protected final Comment insert(Comment comment) {
    InsertResult result = store().insert(threadInfo(comment.thread()), comment);
    assertThat(result.outcome()).as("outcome of inserting new comment %s", comment.id()).isEqualTo(Outcome.CREATED);
    return result.comment();
  }

  /** The comment as stored now; fails if it is not. */
  protected final Comment reload(Comment comment) {
    return store().find(comment.site(), comment.id())
        .orElseThrow(() -> new AssertionError("comment " + comment.id() + " is not stored"));
  }

  /** Changes a stored comment's status through {@code update}, as a moderator would. */
  protected final Comment moderate(Comment comment, CommentStatus status) {
    Comment current = reload(comment);
    return store().update(current.toBuilder().status(status).version(current.version() + 1).build(),
        current.version());
  }

  /** One page of a thread of {@link #site()}. */
  protected final ThreadSlice page(ThreadKey thread, CommentSort sort, @Nullable Keyset after, int limit,
      Set<CommentStatus> statuses) {
    return store().thread(new ThreadQuery(site(), thread, sort, after, limit, statuses));
  }

  /** Where the next page starts after {@code root} in {@code sort} order. */
  protected static Keyset keysetAfter(CommentSort sort, Comment root) {
    return Keyset.after(sort, root);
  }

  /** The order a store must return top-level comments in, per {@link Keyset}. */
  protected static Comparator<Comment> order(CommentSort sort) {
    Comparator<Comment> oldest = Comparator.comparing(Comment::created).thenComparing(Comment::id);
    switch (sort) {
      case OLDEST:
        return oldest;
      case NEWEST:
        return oldest.reversed();
      case TOP:
        return Comparator.comparingInt(Comment::likes).reversed().thenComparing(oldest);
      default:
        throw new IllegalArgumentException("unknown sort " + sort);
    }
  }

  /**
   * Every top-level comment of a thread, page after page of {@code limit}, each page continuing after the
   * last comment of the previous one; fails at once if a page exceeds the limit or repeats a comment.
   */
  protected final List<Comment> walk(ThreadKey thread, CommentSort sort, int limit, Set<CommentStatus> statuses) {
    List<Comment> roots = new ArrayList<>();
    Set<CommentId> seen = new HashSet<>();
    Keyset after = null;
    for (int pages = 1; ; pages++) {
      List<Comment> page = page(thread, sort, after, limit, statuses).roots();
      assertThat(page).as("page %d of %s in %s order", pages, thread, sort).hasSizeLessThanOrEqualTo(limit);
      for (Comment c : page) {
        if (!seen.add(c.id())) {
          fail("page %d of %s in %s order after %s repeats comment %s", pages, thread, sort, after, c.id());
        }
      }
      roots.addAll(page);
      if (page.size() < limit) {
        return roots;
      }
      after = keysetAfter(sort, page.get(page.size() - 1));
    }
  }

  /** Checks every field of a stored comment, naming the first one that differs. */
  protected static void assertStoredExactly(Comment actual, Comment expected) {
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(actual.id()).as("id").isEqualTo(expected.id());
    soft.assertThat(actual.site()).as("site").isEqualTo(expected.site());
    soft.assertThat(actual.thread()).as("thread").isEqualTo(expected.thread());
    soft.assertThat(actual.parentId()).as("parentId").isEqualTo(expected.parentId());
    soft.assertThat(actual.rootId()).as("rootId").isEqualTo(expected.rootId());
    soft.assertThat(actual.author()).as("author").isEqualTo(expected.author());
    soft.assertThat(actual.source()).as("source").isEqualTo(expected.source());
    soft.assertThat(actual.format()).as("format").isEqualTo(expected.format());
    soft.assertThat(actual.html()).as("html").isEqualTo(expected.html());
    soft.assertThat(actual.status()).as("status").isEqualTo(expected.status());
    soft.assertThat(actual.created()).as("created").isEqualTo(expected.created());
    soft.assertThat(actual.edited()).as("edited").isEqualTo(expected.edited());
    soft.assertThat(actual.version()).as("version").isEqualTo(expected.version());
    soft.assertThat(actual.likes()).as("likes").isEqualTo(expected.likes());
    soft.assertThat(actual.editTokenHash()).as("editTokenHash").isEqualTo(expected.editTokenHash());
    soft.assertThat(actual.ipHash()).as("ipHash").isEqualTo(expected.ipHash());
    soft.assertAll();
    assertThat(actual).isEqualTo(expected);
  }

  /** Runs tasks on {@code threads} threads, all released at once, and returns their results in order. */
  protected static <T> List<T> runConcurrently(int threads, List<Callable<T>> tasks) {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(executor.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return results;
    } catch (TimeoutException e) {
      throw new AssertionError("concurrent tasks did not finish within " + DEADLINE, e);
    } catch (ExecutionException e) {
      throw new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      executor.shutdownNow();
    }
  }

  private static List<CommentId> ids(List<Comment> comments) {
    return comments.stream().map(Comment::id).collect(Collectors.toList());
  }

  // ---- the contract --------------------------------------------------------------------------------------

  @Nested
  @DisplayName("Inserting and finding a comment")
  @Tag("contract-insert")
  class InsertAndFind {

    @Test
    @DisplayName("an insert answers CREATED with the comment as given, and find returns it")
    void insert_newComment_isCreatedAndFound() {
      Comment c = newComment(newThread());

      InsertResult result = store().insert(threadInfo(c.thread()), c);

      assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
      assertStoredExactly(result.comment(), c);
      assertStoredExactly(reload(c), c);
    }

    @Test
    @DisplayName("a comment with every optional field set reads back exactly")
    void insert_everyFieldSet_readsBackExactly() {
      Comment root = insert(newComment(newThread()));
      Comment c = replyBuilder(root)
          .author(new Author("Grace Hopper", "Grace@Example.ORG", "https://grace.example/blog?x=1&y=2", "user-42"))
          .source("**Markdown** with a [link](https://example.org)")
          .format(Format.MARKDOWN)
          .html("<p><strong>Markdown</strong> with a <a href=\"https://example.org\" rel=\"nofollow ugc noopener\">"
              + "link</a></p>")
          .status(CommentStatus.PENDING)
          .created(Instant.parse("2024-02-29T23:59:59.999999Z"))
          .edited(Instant.parse("2024-03-01T00:00:00.000001Z"))
          .editTokenHash("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
          .ipHash("c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2")
          .build();

      assertStoredExactly(insert(c), c);
      assertStoredExactly(reload(c), c);
    }

    @Test
    @DisplayName("a comment with every optional field empty reads back with them empty")
    void insert_everyOptionalFieldEmpty_readsBackEmpty() {
      Comment c = commentBuilder(newThread())
          .author(new Author("", null, null, null))
          .source("")
          .html("")
          .build();

      Comment found = reload(insert(c));

      assertStoredExactly(found, c);
      assertThat(found.parentId()).isEmpty();
      assertThat(found.edited()).isEmpty();
      assertThat(found.editTokenHash()).isEmpty();
      assertThat(found.ipHash()).isEmpty();
      assertThat(found.author().email()).isNull();
      assertThat(found.author().website()).isNull();
      assertThat(found.author().userId()).isNull();
    }

    @Test
    @DisplayName("text in any script, with combining marks and emoji sequences, reads back unchanged")
    void insert_unicode_readsBackUnchanged() {
      String cjk = "漢字とかな、한국어, 中文评论";
      String rtl = "مرحبا بالعالم — שלום עולם";
      String combining = "Cafe\u0301 nai\u0308ve Z\u0324\u0354\u0367\u0311\u0313"; // decomposed: must stay so
      String emoji = "😀 𝄞 𠜎 👩‍👩‍👧‍👦 👨🏽‍💻 🏳️‍🌈 🇯🇵";
      String text = cjk + "\n" + rtl + "\n" + combining + "\n" + emoji;
      ThreadKey thread = ThreadKey.of("ブログ/最初の投稿-🎉");
      ThreadInfo info = new ThreadInfo(site(), thread, "日本語のブログ 🇯🇵 " + rtl, "https://例え.jp/ブログ", false);
      Comment c = commentBuilder(thread)
          .author(new Author("Zoë 李 👩‍💻 " + rtl, "zoë@例え.jp", "https://例え.jp/", "ユーザー"))
          .source(text)
          .html("<p>" + text.replace("\n", "<br>") + "</p>")
          .build();

      store().insert(info, c);

      Comment found = reload(c);
      assertStoredExactly(found, c);
      assertThat(found.source()).contains("e\u0301").doesNotContain("é");
      assertThat(store().threadInfo(site(), thread)).contains(info);
      assertThat(ids(page(thread, CommentSort.OLDEST, null, 10, ALL_STATUSES).roots())).containsExactly(c.id());
      assertThat(store().byAuthor(site(), "user:ユーザー", 10)).containsExactly(found);
    }

    @Test
    @DisplayName("a 10,000-character body reads back whole")
    void insert_longBody_readsBackWhole() {
      StringBuilder body = new StringBuilder();
      while (body.length() < 10_000) {
        body.append("Lorem ipsum dolor sit amet, 漢字 😀 مرحبا ").append(body.length()).append(". ");
      }
      body.setLength(10_000);
      if (Character.isHighSurrogate(body.charAt(9_999))) {
        body.setCharAt(9_999, '.');
      }
      Comment c = commentBuilder(newThread()).source(body.toString()).html("<p>" + body + "</p>").build();

      Comment found = reload(insert(c));

      assertThat(found.source()).hasSize(10_000).isEqualTo(c.source());
      assertThat(found.html()).hasSize(10_007).isEqualTo(c.html());
    }

    @Test
    @DisplayName("instants keep their microseconds")
    void insert_instants_keepMicroseconds() {
      ThreadKey thread = newThread();
      List<Instant> instants = List.of(
          Instant.parse("2024-02-29T23:59:59.999999Z"),
          Instant.parse("2024-03-31T01:30:00.000001Z"),
          Instant.parse("2024-10-27T00:59:59.500000Z"),
          Instant.parse("2001-01-01T00:00:00Z"),
          Instant.parse("2038-01-19T03:14:08.654321Z"));
      for (Instant instant : instants) {
        Comment c = commentBuilder(thread).created(instant).edited(instant.plus(1, ChronoUnit.MICROS)).build();

        Comment found = reload(insert(c));

        assertThat(found.created()).isEqualTo(instant);
        assertThat(found.edited()).contains(instant.plus(1, ChronoUnit.MICROS));
      }
    }

    @Test
    @DisplayName("a reply keeps its parent and root at any depth")
    void insert_replies_keepParentAndRoot() {
      Comment root = insert(newComment(newThread()));
      Comment child = insert(reply(root));
      Comment grandchild = insert(reply(child));

      Comment found = reload(grandchild);

      assertThat(found.parentId()).contains(child.id());
      assertThat(found.rootId()).isEqualTo(root.id());
      assertThat(found.isTopLevel()).isFalse();
      assertThat(reload(child).parentId()).contains(root.id());
    }

    @Test
    @DisplayName("find of an id nobody stored is empty")
    void find_unknownId_isEmpty() {
      insert(newComment(newThread()));

      assertThat(store().find(site(), newId())).isEmpty();
    }

    @Test
    @DisplayName("a healthy store reports READ_WRITE")
    void health_healthyStore_isReadWrite() {
      assertThat(store().health().mode()).isEqualTo(StoreMode.READ_WRITE);
    }
  }

  @Nested
  @DisplayName("Inserting is idempotent by comment id, and creates the thread")
  @Tag("contract-idempotency")
  class IdempotentInsert {

    @Test
    @DisplayName("the same id twice stores one comment and answers EXISTING with the stored one")
    void insert_sameIdTwice_storesOneAndReturnsExisting() {
      Comment first = insert(newComment(newThread()));
      Comment second = first.toBuilder().source("another text").html("<p>another text</p>")
          .status(CommentStatus.PENDING).build();

      InsertResult result = store().insert(threadInfo(first.thread()), second);

      assertThat(result.outcome()).isEqualTo(Outcome.EXISTING);
      assertStoredExactly(result.comment(), first);
      assertStoredExactly(reload(first), first);
      ThreadSlice slice = page(first.thread(), CommentSort.OLDEST, null, 100, ALL_STATUSES);
      assertThat(ids(slice.roots())).containsExactly(first.id());
      assertThat(store().counts(site(), List.of(first.thread()))).containsEntry(first.thread(), 1);
    }

    @Test
    @DisplayName("the same reply twice is stored once and counted once")
    void insert_sameReplyTwice_countsOnce() {
      Comment root = insert(newComment(newThread()));
      Comment reply = insert(reply(root));

      InsertResult again = store().insert(threadInfo(root.thread()), reply);

      assertThat(again.outcome()).isEqualTo(Outcome.EXISTING);
      assertThat(page(root.thread(), CommentSort.OLDEST, null, 10, ALL_STATUSES).replies()).containsExactly(reply);
      assertThat(store().counts(site(), List.of(root.thread()))).containsEntry(root.thread(), 2);
    }

    @Test
    @DisplayName("a pending comment inserted again as approved stays pending and uncounted")
    void insert_againWithAnotherStatus_keepsTheStoredStatus() {
      Comment pending = insert(commentBuilder(newThread()).status(CommentStatus.PENDING).build());

      InsertResult again = store().insert(threadInfo(pending.thread()),
          pending.toBuilder().status(CommentStatus.APPROVED).build());

      assertThat(again.comment().status()).isEqualTo(CommentStatus.PENDING);
      assertThat(reload(pending).status()).isEqualTo(CommentStatus.PENDING);
      assertThat(store().counts(site(), List.of(pending.thread()))).containsEntry(pending.thread(), 0);
    }

    @Test
    @DisplayName("insertAll answers one result per comment, in order, EXISTING for a repeated id")
    void insertAll_mixedBatch_answersInOrder() {
      ThreadKey thread = newThread();
      Comment a = newComment(thread);
      Comment b = newComment(thread);
      Comment replyToA = reply(a);

      List<InsertResult> results = store().insertAll(threadInfo(thread), List.of(a, b, a, replyToA));

      assertThat(results).extracting(InsertResult::outcome)
          .containsExactly(Outcome.CREATED, Outcome.CREATED, Outcome.EXISTING, Outcome.CREATED);
      assertThat(results).extracting(r -> r.comment().id()).containsExactly(a.id(), b.id(), a.id(), replyToA.id());
      assertThat(store().counts(site(), List.of(thread))).containsEntry(thread, 3);
      assertThat(ids(page(thread, CommentSort.OLDEST, null, 10, ALL_STATUSES).roots())).containsExactly(a.id(), b.id());
    }

    @Test
    @DisplayName("insertAll of no comments stores nothing")
    void insertAll_empty_storesNothing() {
      ThreadKey thread = newThread();

      assertThat(store().insertAll(threadInfo(thread), List.of())).isEmpty();
      assertThat(store().counts(site(), List.of(thread))).containsEntry(thread, 0);
    }

    @Test
    @DisplayName("the first insert creates the thread from the thread info given")
    void insert_firstComment_createsTheThread() {
      ThreadKey thread = newThread();
      ThreadInfo info = new ThreadInfo(site(), thread, "Hello, world", "https://blog.example/2024/hello", false);
      assertThat(store().threadInfo(site(), thread)).isEmpty();

      store().insert(info, newComment(thread));

      assertThat(store().threadInfo(site(), thread)).contains(info);
    }

    @Test
    @DisplayName("an existing thread keeps its title, URL and closed flag")
    void insert_existingThread_keepsItsFields() {
      ThreadKey thread = newThread();
      ThreadInfo saved = new ThreadInfo(site(), thread, "Saved title", "https://blog.example/saved", true);
      store().saveThread(saved);

      store().insert(new ThreadInfo(site(), thread, "Another title", null, false), newComment(thread));
      store().insert(new ThreadInfo(site(), thread, "Third title", "https://elsewhere.example", false),
          newComment(thread));

      assertThat(store().threadInfo(site(), thread)).contains(saved);
    }

    @Test
    @DisplayName("a thread created by an insert keeps its fields on later inserts")
    void insert_laterInserts_doNotReplaceTheThread() {
      ThreadKey thread = newThread();
      ThreadInfo first = new ThreadInfo(site(), thread, "First", "https://blog.example/first", false);
      store().insert(first, newComment(thread));

      store().insert(new ThreadInfo(site(), thread, "Second", null, true), newComment(thread));

      assertThat(store().threadInfo(site(), thread)).contains(first);
    }
  }

  @Nested
  @DisplayName("Replies come with their top-level comments")
  @Tag("contract-threading")
  class Threading {

    @Test
    @DisplayName("every reply at any depth comes with its top-level comment")
    void thread_repliesAtAnyDepth_comeWithTheirRoot() {
      ThreadKey thread = newThread();
      Comment root1 = insert(newComment(thread));
      Comment root2 = insert(newComment(thread));
      Comment root3 = insert(newComment(thread));
      Comment r1a = insert(reply(root1));
      Comment r1b = insert(reply(r1a));
      Comment r1c = insert(reply(r1b));
      Comment r2a = insert(reply(root2));
      Comment r1d = insert(reply(root1));

      ThreadSlice slice = page(thread, CommentSort.OLDEST, null, 10, ALL_STATUSES);

      assertThat(ids(slice.roots())).containsExactly(root1.id(), root2.id(), root3.id());
      assertThat(slice.replies()).containsExactlyInAnyOrder(r1a, r1b, r1c, r2a, r1d);
    }

    @Test
    @DisplayName("replies of top-level comments that are not on the page are not returned")
    void thread_repliesOfOtherPages_areNotReturned() {
      ThreadKey thread = newThread();
      Comment root1 = insert(newComment(thread));
      Comment root2 = insert(newComment(thread));
      Comment r1a = insert(reply(root1));
      Comment r1b = insert(reply(r1a));
      Comment r2a = insert(reply(root2));

      ThreadSlice first = page(thread, CommentSort.OLDEST, null, 1, ALL_STATUSES);
      ThreadSlice second = page(thread, CommentSort.OLDEST, keysetAfter(CommentSort.OLDEST, root1), 1, ALL_STATUSES);
      ThreadSlice newestFirst = page(thread, CommentSort.NEWEST, null, 1, ALL_STATUSES);

      assertThat(ids(first.roots())).containsExactly(root1.id());
      assertThat(first.replies()).containsExactlyInAnyOrder(r1a, r1b);
      assertThat(ids(second.roots())).containsExactly(root2.id());
      assertThat(second.replies()).containsExactly(r2a);
      assertThat(ids(newestFirst.roots())).containsExactly(root2.id());
      assertThat(newestFirst.replies()).containsExactly(r2a);
    }

    @Test
    @DisplayName("the statuses asked for filter top-level comments and replies alike")
    void thread_statuses_filterRootsAndReplies() {
      ThreadKey thread = newThread();
      Comment approvedRoot = insert(newComment(thread));
      Comment approvedReply = insert(reply(approvedRoot));
      Comment pendingReply = insert(replyBuilder(approvedRoot).status(CommentStatus.PENDING).build());
      Comment spamReply = insert(replyBuilder(approvedRoot).status(CommentStatus.SPAM).build());
      Comment deletedReply = insert(replyBuilder(approvedRoot).status(CommentStatus.DELETED).build());
      Comment approvedBelowDeleted = insert(reply(deletedReply));
      Comment pendingRoot = insert(commentBuilder(thread).status(CommentStatus.PENDING).build());
      Comment approvedUnderPending = insert(reply(pendingRoot));
      Comment deletedRoot = insert(commentBuilder(thread).status(CommentStatus.DELETED).build());

      ThreadSlice reader = page(thread, CommentSort.OLDEST, null, 10, APPROVED);
      ThreadSlice withTombstones = page(thread, CommentSort.OLDEST, null, 10, EnumSet.of(CommentStatus.APPROVED, CommentStatus.DELETED));
      ThreadSlice moderator = page(thread, CommentSort.OLDEST, null, 10, ALL_STATUSES);
      ThreadSlice pendingOnly = page(thread, CommentSort.OLDEST, null, 10, Set.of(CommentStatus.PENDING));

      assertThat(ids(reader.roots())).containsExactly(approvedRoot.id());
      assertThat(reader.replies()).containsExactlyInAnyOrder(approvedReply, approvedBelowDeleted);
      assertThat(ids(withTombstones.roots())).containsExactly(approvedRoot.id(), deletedRoot.id());
      assertThat(withTombstones.replies())
          .containsExactlyInAnyOrder(approvedReply, deletedReply, approvedBelowDeleted);
      assertThat(ids(moderator.roots())).containsExactly(approvedRoot.id(), pendingRoot.id(), deletedRoot.id());
      assertThat(moderator.replies()).containsExactlyInAnyOrder(approvedReply, pendingReply, spamReply,
          deletedReply, approvedBelowDeleted, approvedUnderPending);
      assertThat(ids(pendingOnly.roots())).containsExactly(pendingRoot.id());
      assertThat(pendingOnly.replies()).isEmpty();
    }

    @Test
    @DisplayName("the limit counts top-level comments that pass the status filter")
    void thread_limit_countsOnlyReturnedRoots() {
      ThreadKey thread = newThread();
      Comment a = insert(newComment(thread));
      insert(commentBuilder(thread).status(CommentStatus.SPAM).build());
      insert(commentBuilder(thread).status(CommentStatus.PENDING).build());
      Comment b = insert(newComment(thread));
      insert(newComment(thread));

      ThreadSlice slice = page(thread, CommentSort.OLDEST, null, 2, APPROVED);

      assertThat(ids(slice.roots())).containsExactly(a.id(), b.id());
    }

    @Test
    @DisplayName("a thread nobody commented on is an empty page")
    void thread_unknown_isEmpty() {
      insert(newComment(newThread()));

      ThreadSlice slice = page(newThread(), CommentSort.NEWEST, null, 10, ALL_STATUSES);

      assertThat(slice.roots()).isEmpty();
      assertThat(slice.replies()).isEmpty();
    }

    @Test
    @DisplayName("threads do not mix")
    void thread_otherThreads_doNotMix() {
      ThreadKey one = newThread();
      ThreadKey two = newThread();
      Comment inOne = insert(newComment(one));
      Comment replyInOne = insert(reply(inOne));
      Comment inTwo = insert(newComment(two));

      ThreadSlice slice = page(two, CommentSort.OLDEST, null, 10, ALL_STATUSES);

      assertThat(ids(slice.roots())).containsExactly(inTwo.id());
      assertThat(slice.replies()).doesNotContain(replyInOne).isEmpty();
    }
  }

  @Nested
  @DisplayName("Walking the pages of a thread with a keyset")
  @Tag("contract-pagination")
  class Pagination {

    /**
     * 23 top-level comments: some share a created instant (ties broken by id), ids cover both halves of
     * the unsigned range, likes vary (0 to 4), every sixth is pending, every third has a reply.
     */
    private List<Comment> populate(ThreadKey thread) {
      List<Comment> roots = new ArrayList<>();
      String hex = "0123456789abcdef";
      Instant created = now();
      for (int i = 0; i < 23; i++) {
        if (i % 5 != 4) {
          created = now();
        }
        Comment root = insert(commentBuilder(thread)
            .id(idStartingWith(hex.charAt((i * 7) % 16)))
            .created(created)
            .status(i % 6 == 5 ? CommentStatus.PENDING : CommentStatus.APPROVED)
            .build());
        if (i % 3 == 0) {
          insert(reply(root));
        }
        for (int like = 0; like < (i * 3) % 5; like++) {
          store().like(site(), root.id(), "client-" + like);
        }
        roots.add(root);
      }
      List<Comment> reloaded = new ArrayList<>();
      for (Comment root : roots) {
        reloaded.add(reload(root));
      }
      return reloaded;
    }

    private List<CommentId> expected(List<Comment> roots, CommentSort sort, Set<CommentStatus> statuses) {
      return ids(roots.stream().filter(c -> statuses.contains(c.status())).sorted(order(sort))
          .collect(Collectors.toList()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CommentSort.class)
    @DisplayName("walking every page returns each top-level comment once, in order, for any page size")
    void walk_everyPage_returnsEachRootOnceInOrder(CommentSort sort) {
      ThreadKey thread = newThread();
      List<Comment> roots = populate(thread);

      for (int limit : new int[] {1, 2, 5, 22, 23, 1000}) {
        assertThat(ids(walk(thread, sort, limit, APPROVED)))
            .as("approved, %s, pages of %d", sort, limit)
            .containsExactlyElementsOf(expected(roots, sort, APPROVED));
        assertThat(ids(walk(thread, sort, limit, ALL_STATUSES)))
            .as("all statuses, %s, pages of %d", sort, limit)
            .containsExactlyElementsOf(expected(roots, sort, ALL_STATUSES));
      }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CommentSort.class)
    @DisplayName("comments posted at the same instant are ordered by id, compared unsigned")
    void walk_sameCreatedInstant_ordersById(CommentSort sort) {
      ThreadKey thread = newThread();
      Instant instant = now();
      List<Comment> roots = new ArrayList<>();
      for (char hex : new char[] {'8', '0', 'f', '7', 'a', '1', '9'}) {
        roots.add(insert(commentBuilder(thread).id(idStartingWith(hex)).created(instant).build()));
      }
      List<CommentId> byId = roots.stream().map(Comment::id).sorted().collect(Collectors.toList());
      List<CommentId> expected = new ArrayList<>(byId);
      if (sort == CommentSort.NEWEST) {
        Collections.reverse(expected);
      }

      assertThat(ids(walk(thread, sort, 2, APPROVED))).containsExactlyElementsOf(expected);
      assertThat(ids(page(thread, sort, null, 100, APPROVED).roots())).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CommentSort.class)
    @DisplayName("a page continues after a keyset whose comment is not returned, or not stored at all")
    void page_afterKeysetOfHiddenComment_continuesFromItsPosition(CommentSort sort) {
      ThreadKey thread = newThread();
      List<Comment> roots = populate(thread);
      List<Comment> sorted = roots.stream().sorted(order(sort)).collect(Collectors.toList());
      Comment pending = sorted.stream().filter(c -> c.status() == CommentStatus.PENDING).findFirst().orElseThrow();
      List<CommentId> after = ids(sorted.subList(sorted.indexOf(pending) + 1, sorted.size()).stream()
          .filter(c -> c.status() == CommentStatus.APPROVED).collect(Collectors.toList()));
      Comment neverStored = pending.toBuilder().id(newId()).rootId(null).build();

      assertThat(ids(page(thread, sort, keysetAfter(sort, pending), 1000, APPROVED).roots()))
          .containsExactlyElementsOf(after);
      List<CommentId> afterNeverStored = ids(page(thread, sort, keysetAfter(sort, neverStored), 1000, APPROVED)
          .roots());
      List<CommentId> expectedAfterNeverStored = ids(roots.stream()
          .filter(c -> c.status() == CommentStatus.APPROVED && order(sort).compare(c, neverStored) > 0)
          .sorted(order(sort)).collect(Collectors.toList()));
      assertThat(afterNeverStored).containsExactlyElementsOf(expectedAfterNeverStored);
    }

    @Test
    @DisplayName("the last page is empty after the last comment")
    void page_afterLastComment_isEmpty() {
      ThreadKey thread = newThread();
      insert(newComment(thread));
      Comment last = insert(newComment(thread));

      assertThat(page(thread, CommentSort.OLDEST, keysetAfter(CommentSort.OLDEST, last), 10, ALL_STATUSES).roots()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CommentSort.class)
    @DisplayName("while comments arrive between pages, the walk has no duplicates and no gaps")
    void walk_whileCommentsArrive_hasNoDuplicatesOrGaps(CommentSort sort) throws Exception {
      ThreadKey thread = newThread();
      Instant first = now();
      List<Comment> before = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        before.add(insert(newComment(thread)));
      }
      for (int i = 0; i < 40; i += 3) {
        for (int like = 0; like < i % 4; like++) {
          store().like(site(), before.get(i).id(), "client-" + like);
        }
      }
      Instant last = now();
      List<CommentId> expected = ids(before.stream().map(CommentStoreContract.this::reload).sorted(order(sort))
          .collect(Collectors.toList()));
      Set<CommentId> existing = new HashSet<>(expected);
      long span = ChronoUnit.MICROS.between(first, last);

      Semaphore inserted = new Semaphore(0);
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService writer = Executors.newSingleThreadExecutor();
      try {
        // New comments land anywhere: before, among and after the existing ones (a spooled comment keeps
        // the instant it was posted at).
        Future<Integer> writes = writer.submit(() -> {
          int n = 0;
          try {
            while (!stop.get()) {
              long offset = ThreadLocalRandom.current().nextLong(-span / 2, span + span / 2);
              insert(commentBuilder(thread).created(first.plus(offset, ChronoUnit.MICROS)).build());
              n++;
              inserted.release();
            }
          } catch (Throwable failed) {
            inserted.release(1_000_000); // let the reader finish at once; writes.get() reports the failure
            throw failed;
          }
          return n;
        });

        List<Comment> walked = new ArrayList<>();
        Keyset after = null;
        int pages = 0;
        while (true) {
          List<Comment> roots = page(thread, sort, after, 5, APPROVED).roots();
          walked.addAll(roots);
          pages++;
          if (roots.size() < 5) {
            break;
          }
          after = keysetAfter(sort, roots.get(roots.size() - 1));
          assertThat(inserted.tryAcquire(3, DEADLINE.toSeconds(), TimeUnit.SECONDS))
              .as("the writer inserted 3 comments between two page reads within %s", DEADLINE)
              .isTrue();
          assertThat(pages).as("pages walked").isLessThan(1_000);
        }
        stop.set(true);
        int written = writes.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

        assertThat(written).as("comments inserted during the walk").isGreaterThanOrEqualTo(3 * (pages - 1));
        assertThat(ids(walked)).doesNotHaveDuplicates();
        assertThat(ids(walked).stream().filter(existing::contains).collect(Collectors.toList()))
            .as("the comments that existed before the walk, in %s order", sort)
            .containsExactlyElementsOf(expected);
      } finally {
        stop.set(true);
        writer.shutdownNow();
        assertThat(writer.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  @Nested
  @DisplayName("Counting approved comments")
  @Tag("contract-counts")
  class Counts {

    @Test
    @DisplayName("counts many threads in one call, with 0 for threads nobody commented on")
    void counts_manyThreads_inOneCall() {
      ThreadKey busy = newThread();
      ThreadKey mixed = newThread();
      ThreadKey saved = newThread();
      ThreadKey unknown = newThread();
      Comment root = insert(newComment(busy));
      insert(reply(root));
      insert(reply(root));
      insert(newComment(mixed));
      insert(commentBuilder(mixed).status(CommentStatus.PENDING).build());
      insert(commentBuilder(mixed).status(CommentStatus.SPAM).build());
      insert(commentBuilder(mixed).status(CommentStatus.DELETED).build());
      store().saveThread(threadInfo(saved));

      Map<ThreadKey, Integer> counts = store().counts(site(), List.of(busy, mixed, saved, unknown));

      assertThat(counts).containsOnly(Map.entry(busy, 3), Map.entry(mixed, 1), Map.entry(saved, 0),
          Map.entry(unknown, 0));
    }

    @Test
    @DisplayName("counts hundreds of threads in one call")
    void counts_hundredsOfThreads() {
      Map<ThreadKey, Integer> expected = new HashMap<>();
      for (int i = 0; i < 120; i++) {
        ThreadKey thread = newThread();
        List<Comment> comments = new ArrayList<>();
        for (int j = 0; j < i % 4; j++) {
          comments.add(newComment(thread));
        }
        store().insertAll(threadInfo(thread), comments);
        expected.put(thread, i % 4);
      }
      for (int i = 0; i < 180; i++) {
        expected.put(newThread(), 0);
      }

      assertThat(store().counts(site(), expected.keySet())).isEqualTo(expected);
    }

    @Test
    @DisplayName("an empty request gives an empty answer")
    void counts_noThreads_isEmpty() {
      assertThat(store().counts(site(), List.of())).isEmpty();
    }

    @Test
    @DisplayName("counts follow approval, spam, deletion and restoration made through update")
    void counts_followStatusTransitions() {
      ThreadKey thread = newThread();
      insert(newComment(thread));
      Comment c = insert(commentBuilder(thread).status(CommentStatus.PENDING).build());
      Comment replyToC = insert(replyBuilder(c).status(CommentStatus.PENDING).build());
      assertThat(count(thread)).isEqualTo(1);

      c = moderate(c, CommentStatus.APPROVED);
      assertThat(count(thread)).as("after approving").isEqualTo(2);
      moderate(replyToC, CommentStatus.APPROVED);
      assertThat(count(thread)).as("after approving the reply").isEqualTo(3);
      c = moderate(c, CommentStatus.SPAM);
      assertThat(count(thread)).as("after marking spam").isEqualTo(2);
      c = moderate(c, CommentStatus.APPROVED);
      assertThat(count(thread)).as("after restoring from spam").isEqualTo(3);
      c = moderate(c, CommentStatus.DELETED);
      assertThat(count(thread)).as("after deleting").isEqualTo(2);
      c = moderate(c, CommentStatus.PENDING);
      assertThat(count(thread)).as("deleted to pending").isEqualTo(2);
      c = moderate(c, CommentStatus.APPROVED);
      assertThat(count(thread)).as("after restoring").isEqualTo(3);
      store().update(c.toBuilder().source("edited").html("<p>edited</p>").version(c.version() + 1).build(),
          c.version());
      assertThat(count(thread)).as("after an edit that keeps the status").isEqualTo(3);
    }

    @Test
    @DisplayName("a failed update does not change the count")
    void counts_failedUpdate_changesNothing() {
      ThreadKey thread = newThread();
      Comment c = insert(newComment(thread));

      assertThatThrownBy(() -> store().update(c.toBuilder().status(CommentStatus.SPAM).version(8).build(), 7))
          .isInstanceOf(ConcurrentEditException.class);

      assertThat(count(thread)).isEqualTo(1);
    }

    private int count(ThreadKey thread) {
      return store().counts(site(), List.of(thread)).get(thread);
    }
  }

  @Nested
  @DisplayName("Updating a comment")
  @Tag("contract-update")
  class Update {

    @Test
    @DisplayName("changes source, format, html, status, edited, version and edit token hash, and nothing else")
    void update_changesOnlyTheMutableFields() {
      Comment root = insert(newComment(newThread()));
      Comment stored = insert(replyBuilder(root)
          .author(new Author("Ada", "ada@example.org", null, null))
          .editTokenHash("aa".repeat(32))
          .ipHash("bb".repeat(32))
          .build());
      store().like(site(), stored.id(), "a-reader");
      Comment liked = reload(stored);
      Instant edited = now();

      Comment changed = liked.toBuilder()
          .source("_edited_")
          .format(Format.MARKDOWN)
          .html("<p><em>edited</em></p>")
          .status(CommentStatus.PENDING)
          .edited(edited)
          .version(liked.version() + 1)
          .editTokenHash("cc".repeat(32))
          // none of these may change:
          .thread(newThread())
          .parentId(null)
          .rootId(null)
          .author(Author.named("Mallory"))
          .created(edited)
          .likes(99)
          .build();

      Comment returned = store().update(changed, liked.version());

      Comment expected = liked.toBuilder()
          .source("_edited_")
          .format(Format.MARKDOWN)
          .html("<p><em>edited</em></p>")
          .status(CommentStatus.PENDING)
          .edited(edited)
          .version(liked.version() + 1)
          .editTokenHash("cc".repeat(32))
          .build();
      assertStoredExactly(returned, expected);
      assertStoredExactly(reload(stored), expected);
      assertThat(page(root.thread(), CommentSort.OLDEST, null, 10, ALL_STATUSES).replies()).containsExactly(expected);
    }

    @Test
    @DisplayName("can clear the edited instant and the edit token hash")
    void update_clearsOptionalMutableFields() {
      Comment stored = insert(commentBuilder(newThread()).edited(now()).editTokenHash("dd".repeat(32)).build());

      Comment returned = store().update(
          stored.toBuilder().edited(null).editTokenHash(null).version(stored.version() + 1).build(),
          stored.version());

      assertThat(returned.edited()).isEmpty();
      assertThat(returned.editTokenHash()).isEmpty();
      assertStoredExactly(reload(stored), returned);
    }

    @Test
    @DisplayName("a version conflict throws ConcurrentEditException and changes nothing")
    void update_versionConflict_throwsAndChangesNothing() {
      Comment stored = insert(newComment(newThread()));

      assertThatThrownBy(() -> store().update(
              stored.toBuilder().source("lost").html("<p>lost</p>").version(stored.version() + 6).build(),
              stored.version() + 5))
          .isInstanceOf(ConcurrentEditException.class);

      assertStoredExactly(reload(stored), stored);
    }

    @Test
    @DisplayName("the second of two edits from the same version conflicts")
    void update_staleVersionAfterAnUpdate_conflicts() {
      Comment stored = insert(newComment(newThread()));
      Comment first = store().update(
          stored.toBuilder().source("first").version(stored.version() + 1).build(), stored.version());

      assertThatThrownBy(() -> store().update(
              stored.toBuilder().source("second").version(stored.version() + 1).build(), stored.version()))
          .isInstanceOf(ConcurrentEditException.class);

      assertThat(first.version()).isEqualTo(stored.version() + 1);
      assertStoredExactly(reload(stored), first);
    }

    @Test
    @DisplayName("an unknown comment throws CommentNotFoundException")
    void update_unknownComment_throwsNotFound() {
      Comment neverStored = newComment(newThread());

      assertThatThrownBy(() -> store().update(neverStored.toBuilder().version(1).build(), 0))
          .isInstanceOfSatisfying(CommentNotFoundException.class, e -> assertThat(e.id()).isEqualTo(neverStored.id()));

      assertThat(store().find(site(), neverStored.id())).isEmpty();
    }

    @Test
    @DisplayName("a like between reading and writing does not make the edit conflict, and survives it")
    void update_afterALike_keepsTheLike() {
      Comment read = insert(newComment(newThread()));
      store().like(site(), read.id(), "a-reader");

      Comment returned = store().update(read.toBuilder().source("edited").version(read.version() + 1).build(),
          read.version());

      assertThat(returned.likes()).isEqualTo(1);
      assertThat(reload(read).likes()).isEqualTo(1);
    }
  }

  @Nested
  @DisplayName("Liking a comment")
  @Tag("contract-likes")
  class Likes {

    @Test
    @DisplayName("a client's second like changes nothing; another client's like counts")
    void like_isIdempotentPerClient() {
      Comment c = insert(newComment(newThread()));

      assertThat(store().like(site(), c.id(), "client-a")).isEqualTo(1);
      assertThat(store().like(site(), c.id(), "client-a")).isEqualTo(1);
      assertThat(store().like(site(), c.id(), "client-b")).isEqualTo(2);

      assertThat(reload(c).likes()).isEqualTo(2);
    }

    @Test
    @DisplayName("one client may like many comments, each once")
    void like_sameClientManyComments_countsEach() {
      ThreadKey thread = newThread();
      Comment a = insert(newComment(thread));
      Comment b = insert(reply(a));

      store().like(site(), a.id(), "client");
      store().like(site(), b.id(), "client");

      assertThat(reload(a).likes()).isEqualTo(1);
      assertThat(reload(b).likes()).isEqualTo(1);
    }

    @Test
    @DisplayName("liking an unknown comment throws CommentNotFoundException")
    void like_unknownComment_throwsNotFound() {
      CommentId unknown = newId();

      assertThatThrownBy(() -> store().like(site(), unknown, "client"))
          .isInstanceOfSatisfying(CommentNotFoundException.class, e -> assertThat(e.id()).isEqualTo(unknown));
    }

    @Test
    @DisplayName("TOP order follows likes, most liked first, ties oldest first")
    void thread_topOrder_followsLikes() {
      ThreadKey thread = newThread();
      Comment oldest = insert(newComment(thread));
      Comment second = insert(newComment(thread));
      Comment third = insert(newComment(thread));
      Comment newest = insert(newComment(thread));
      likes(third, 3);
      likes(oldest, 1);
      likes(newest, 1);

      assertThat(ids(page(thread, CommentSort.TOP, null, 10, APPROVED).roots()))
          .containsExactly(third.id(), oldest.id(), newest.id(), second.id());

      likes(second, 4);

      assertThat(ids(page(thread, CommentSort.TOP, null, 10, APPROVED).roots()))
          .containsExactly(second.id(), third.id(), oldest.id(), newest.id());
      assertThat(ids(walk(thread, CommentSort.TOP, 1, APPROVED)))
          .containsExactly(second.id(), third.id(), oldest.id(), newest.id());
    }

    private void likes(Comment c, int n) {
      for (int i = 0; i < n; i++) {
        store().like(site(), c.id(), "client-" + i);
      }
    }
  }

  @Nested
  @DisplayName("Moderation queue, author history, trust and thread info")
  @Tag("contract-queries")
  class Queries {

    @Test
    @DisplayName("byStatus lists a site's comments of one status, newest first, up to the limit")
    void byStatus_newestFirstWithLimit() {
      ThreadKey one = newThread();
      ThreadKey two = newThread();
      Comment p1 = insert(commentBuilder(one).status(CommentStatus.PENDING).build());
      Comment a1 = insert(newComment(one));
      Comment p2 = insert(commentBuilder(two).status(CommentStatus.PENDING).build());
      Comment p3 = insert(replyBuilder(a1).status(CommentStatus.PENDING).build());
      insert(commentBuilder(two).status(CommentStatus.SPAM).build());
      Comment p4 = insert(commentBuilder(two).status(CommentStatus.PENDING).build());

      assertThat(store().byStatus(site(), CommentStatus.PENDING, 10)).containsExactly(p4, p3, p2, p1);
      assertThat(store().byStatus(site(), CommentStatus.PENDING, 2)).containsExactly(p4, p3);
      assertThat(store().byStatus(site(), CommentStatus.APPROVED, 10)).containsExactly(a1);
      assertThat(store().byStatus(site(), CommentStatus.DELETED, 10)).isEmpty();
    }

    @Test
    @DisplayName("byStatus follows status changes")
    void byStatus_followsUpdates() {
      ThreadKey thread = newThread();
      Comment p1 = insert(commentBuilder(thread).status(CommentStatus.PENDING).build());
      Comment p2 = insert(commentBuilder(thread).status(CommentStatus.PENDING).build());
      Comment a1 = insert(newComment(thread));

      Comment approved = moderate(p2, CommentStatus.APPROVED);

      assertThat(store().byStatus(site(), CommentStatus.PENDING, 10)).containsExactly(p1);
      assertThat(store().byStatus(site(), CommentStatus.APPROVED, 10)).containsExactly(a1, approved);
    }

    @Test
    @DisplayName("byAuthor lists an author's comments of any status, newest first, up to the limit")
    void byAuthor_newestFirstAnyStatus() {
      Author grace = new Author("Grace", "grace@example.org", null, "42");
      Author graceByEmail = new Author("Grace H.", "Grace@Example.ORG", null, null);
      ThreadKey one = newThread();
      ThreadKey two = newThread();
      Comment g1 = insert(commentBuilder(one).author(grace).build());
      insert(commentBuilder(one).author(Author.named("Someone else")).build());
      Comment g2 = insert(commentBuilder(two).author(grace).status(CommentStatus.PENDING).build());
      Comment e1 = insert(commentBuilder(two).author(graceByEmail).build());
      Comment g3 = insert(replyBuilder(g1).author(grace).status(CommentStatus.SPAM).build());

      assertThat(store().byAuthor(site(), "user:42", 10)).containsExactly(g3, g2, g1);
      assertThat(store().byAuthor(site(), "user:42", 2)).containsExactly(g3, g2);
      assertThat(store().byAuthor(site(), "email:grace@example.org", 10)).containsExactly(e1);
      assertThat(store().byAuthor(site(), "user:43", 10)).isEmpty();
    }

    @Test
    @DisplayName("hasApproved is true only while the author has an approved comment")
    void hasApproved_followsTheAuthorsApprovedComments() {
      ThreadKey thread = newThread();
      Author author = Author.named("Linus").withEmail("linus@example.org");
      String key = "email:linus@example.org";
      Comment pending = insert(commentBuilder(thread).author(author).status(CommentStatus.PENDING).build());
      insert(newComment(thread));
      assertThat(store().hasApproved(site(), key)).as("with only a pending comment").isFalse();

      Comment approved = moderate(pending, CommentStatus.APPROVED);
      assertThat(store().hasApproved(site(), key)).as("after approval").isTrue();

      moderate(approved, CommentStatus.SPAM);
      assertThat(store().hasApproved(site(), key)).as("after marking it spam").isFalse();
      assertThat(store().hasApproved(site(), "email:nobody@example.org")).as("an unknown author").isFalse();
    }

    @Test
    @DisplayName("saveThread creates and replaces a thread's title, URL and closed flag")
    void saveThread_roundTrips() {
      ThreadKey thread = newThread();
      ThreadInfo created = new ThreadInfo(site(), thread, "Première – ünïcödé 👋", "https://blog.example/a", false);
      ThreadInfo replaced = new ThreadInfo(site(), thread, "Renamed", null, true);
      ThreadInfo untitled = new ThreadInfo(site(), thread, "", "https://blog.example/b", false);

      store().saveThread(created);
      assertThat(store().threadInfo(site(), thread)).contains(created);
      store().saveThread(replaced);
      assertThat(store().threadInfo(site(), thread)).contains(replaced);
      store().saveThread(untitled);
      assertThat(store().threadInfo(site(), thread)).contains(untitled);
      assertThat(store().threadInfo(site(), newThread())).isEmpty();
    }

    @Test
    @DisplayName("saveThread on a commented thread keeps its comments and count")
    void saveThread_commentedThread_keepsComments() {
      ThreadKey thread = newThread();
      Comment c = insert(newComment(thread));

      store().saveThread(threadInfo(thread).withClosed(true));

      assertThat(store().threadInfo(site(), thread)).contains(threadInfo(thread).withClosed(true));
      assertThat(store().counts(site(), List.of(thread))).containsEntry(thread, 1);
      assertThat(ids(page(thread, CommentSort.OLDEST, null, 10, APPROVED).roots())).containsExactly(c.id());
    }
  }

  @Nested
  @DisplayName("Concurrent writers")
  @Tag("contract-concurrency")
  class Concurrency {

    @Test
    @DisplayName("8 writers x 200 comments into 4 threads: each stored exactly once, counts and likes exact")
    void insert_concurrentWriters_storeEachOnceAndCountExactly() {
      List<ThreadKey> threads = List.of(newThread(), newThread(), newThread(), newThread());
      Comment hot = insert(newComment(threads.get(0)));
      Map<ThreadKey, Set<CommentId>> expectedIds = new ConcurrentHashMap<>();
      Map<ThreadKey, AtomicInteger> expectedApproved = new ConcurrentHashMap<>();
      for (ThreadKey t : threads) {
        expectedIds.put(t, ConcurrentHashMap.newKeySet());
        expectedApproved.put(t, new AtomicInteger());
      }
      expectedIds.get(threads.get(0)).add(hot.id());
      expectedApproved.get(threads.get(0)).incrementAndGet();

      List<Callable<Integer>> writers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        String client = "writer-" + w;
        writers.add(() -> {
          Map<ThreadKey, Comment> lastRoot = new HashMap<>();
          for (int i = 0; i < 200; i++) {
            ThreadKey thread = threads.get(i % threads.size());
            Comment parent = lastRoot.get(thread);
            Comment.Builder b = parent != null && i % 3 == 0 ? replyBuilder(parent) : commentBuilder(thread);
            Comment c = insert(b.status(i % 5 == 0 ? CommentStatus.PENDING : CommentStatus.APPROVED).build());
            if (c.isTopLevel()) {
              lastRoot.put(thread, c);
            }
            expectedIds.get(thread).add(c.id());
            if (c.status() == CommentStatus.APPROVED) {
              expectedApproved.get(thread).incrementAndGet();
            }
            if (i % 50 == 0) {
              store().like(site(), hot.id(), client);
              store().like(site(), c.id(), client);
            }
          }
          return store().like(site(), hot.id(), client);
        });
      }

      runConcurrently(8, writers);

      for (ThreadKey thread : threads) {
        ThreadSlice all = page(thread, CommentSort.OLDEST, null, 1000, ALL_STATUSES);
        List<CommentId> stored = new ArrayList<>(ids(all.roots()));
        stored.addAll(ids(all.replies()));
        assertThat(stored).as("comments of %s", thread).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(expectedIds.get(thread));
      }
      Map<ThreadKey, Integer> expectedCounts = new HashMap<>();
      expectedApproved.forEach((thread, n) -> expectedCounts.put(thread, n.get()));
      assertThat(store().counts(site(), threads)).isEqualTo(expectedCounts);
      assertThat(reload(hot).likes()).isEqualTo(8);
      assertThat(store().byStatus(site(), CommentStatus.PENDING, 10_000)).hasSize(8 * 40);
    }

    @Test
    @DisplayName("the same comment inserted by 8 threads at once is created once")
    void insert_sameCommentConcurrently_isCreatedOnce() {
      for (int round = 0; round < 10; round++) {
        Comment c = newComment(newThread());
        List<Callable<InsertResult>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          tasks.add(() -> store().insert(threadInfo(c.thread()), c));
        }

        List<InsertResult> results = runConcurrently(8, tasks);

        assertThat(results).filteredOn(r -> r.outcome() == Outcome.CREATED).hasSize(1);
        assertThat(results).filteredOn(r -> r.outcome() == Outcome.EXISTING).hasSize(7);
        assertThat(results).allSatisfy(r -> assertStoredExactly(r.comment(), c));
        assertThat(store().counts(site(), List.of(c.thread()))).containsEntry(c.thread(), 1);
        assertThat(page(c.thread(), CommentSort.OLDEST, null, 10, ALL_STATUSES).roots()).hasSize(1);
      }
    }

    @Test
    @DisplayName("of 8 concurrent edits from the same version, exactly one wins")
    void update_concurrentFromSameVersion_exactlyOneWins() {
      Comment stored = insert(newComment(newThread()));
      List<Callable<String>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String text = "edit " + i;
        tasks.add(() -> {
          try {
            store().update(stored.toBuilder().source(text).version(stored.version() + 1).build(), stored.version());
            return text;
          } catch (ConcurrentEditException e) {
            return "conflict";
          }
        });
      }

      List<String> outcomes = runConcurrently(8, tasks);

      List<String> winners = outcomes.stream().filter(o -> !o.equals("conflict")).collect(Collectors.toList());
      assertThat(winners).hasSize(1);
      assertThat(reload(stored).source()).isEqualTo(winners.get(0));
      assertThat(reload(stored).version()).isEqualTo(stored.version() + 1);
    }

    @Test
    @DisplayName("concurrent likes count each client once")
    void like_concurrentClients_countEachOnce() {
      Comment c = insert(newComment(newThread()));
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        tasks.add(() -> {
          int last = 0;
          for (int client = 0; client < 25; client++) {
            last = store().like(site(), c.id(), "client-" + client); // every writer likes as the same 25 clients
          }
          return last;
        });
      }

      runConcurrently(8, tasks);

      assertThat(reload(c).likes()).isEqualTo(25);
      assertThat(store().like(site(), c.id(), "client-0")).isEqualTo(25);
    }
  }

  @Nested
  @DisplayName("Sites do not see each other")
  @Tag("contract-isolation")
  class SiteIsolation {

    @Test
    @DisplayName("another site finds nothing of this site's comments, threads, counts or authors")
    void reads_otherSite_seeNothing() {
      ThreadKey thread = newThread();
      Author author = Author.named("Ada").withUserId("7");
      Comment c = insert(commentBuilder(thread).author(author).build());
      insert(commentBuilder(thread).author(author).status(CommentStatus.PENDING).build());
      SiteId other = randomSite();

      assertThat(store().find(other, c.id())).isEmpty();
      assertThat(store().thread(new ThreadQuery(other, thread, CommentSort.OLDEST, null, 10, ALL_STATUSES)).roots())
          .isEmpty();
      assertThat(store().counts(other, List.of(thread))).containsOnly(Map.entry(thread, 0));
      assertThat(store().byStatus(other, CommentStatus.APPROVED, 10)).isEmpty();
      assertThat(store().byStatus(other, CommentStatus.PENDING, 10)).isEmpty();
      assertThat(store().byAuthor(other, "user:7", 10)).isEmpty();
      assertThat(store().hasApproved(other, "user:7")).isFalse();
      assertThat(store().threadInfo(other, thread)).isEmpty();
    }

    @Test
    @DisplayName("another site cannot update or like this site's comments")
    void writes_otherSite_doNotReachTheComment() {
      Comment c = insert(newComment(newThread()));
      SiteId other = randomSite();

      assertThatThrownBy(() -> store().like(other, c.id(), "client")).isInstanceOf(CommentNotFoundException.class);
      assertThatThrownBy(() -> store().update(c.toBuilder().site(other).source("hijacked").version(1).build(), 0))
          .isInstanceOf(CommentNotFoundException.class);

      assertStoredExactly(reload(c), c);
    }

    @Test
    @DisplayName("the same thread key on two sites is two threads")
    void threads_sameKeyOnTwoSites_areSeparate() {
      ThreadKey thread = newThread();
      SiteId other = randomSite();
      insert(newComment(thread));
      insert(newComment(thread));
      ThreadInfo otherInfo = new ThreadInfo(other, thread, "Other site's page", null, true);
      Comment elsewhere = commentBuilder(thread).site(other).build();
      store().insert(otherInfo, elsewhere);

      assertThat(store().counts(site(), List.of(thread))).containsEntry(thread, 2);
      assertThat(store().counts(other, List.of(thread))).containsEntry(thread, 1);
      assertThat(store().threadInfo(site(), thread)).contains(threadInfo(thread));
      assertThat(store().threadInfo(other, thread)).contains(otherInfo);
      assertThat(store().thread(new ThreadQuery(other, thread, CommentSort.OLDEST, null, 10, ALL_STATUSES)).roots())
          .containsExactly(elsewhere);
    }
  }
}
