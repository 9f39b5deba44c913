package dev.talkback.comments.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;

/**
 * One contract test's world: the store under test, a fresh random {@link SiteId} and a {@link TickingClock},
 * with the helpers the contract groups are written with. A contract test receives it as a parameter,
 * resolved by the contract's extension from the test class's {@link StoreFixture}, and so can a test of
 * your own in a subclass of {@link CommentStoreContract}:
 *
 * <pre>{@code
 * @Test
 * void insert_databaseDown_throwsStoreUnavailable(ContractContext kit) {
 *   ThreadKey thread = kit.newThread();
 *   proxy.close(); // your network fault
 *   assertThatThrownBy(() -> kit.store().insert(kit.threadInfo(thread), kit.newComment(thread)))
 *       .isInstanceOf(StoreUnavailableException.class);
 * }
 * }</pre>
 *
 * <p>A {@code @BeforeEach} method that takes a {@code ContractContext} gets the same one as the test. Every
 * test has its own site, so tests never see each other's data and nothing needs to be cleaned up.
 * Timestamps from {@link #now()} carry microseconds and never finer, the precision every store must keep.
 * The helpers may be called from several threads at once, as the concurrency group does.
 */
public final class ContractContext {
  /** Every status: what a moderator sees. */
  public static final Set<CommentStatus> ALL_STATUSES = Collections.unmodifiableSet(EnumSet.allOf(CommentStatus.class));
  /** Only approved comments: what a reader sees. */
  public static final Set<CommentStatus> APPROVED = Set.of(CommentStatus.APPROVED);
  /** The deadline of every concurrent test: generous, so a slow CI machine does not fail a correct store. */
  public static final Duration DEADLINE = Duration.ofSeconds(60);

  private static final Instant START = Instant.parse("2024-05-01T10:15:30.123456Z");

  private final CommentStore store;
  private final String testClass;
  private final SiteId site = randomSite();
  private final TickingClock clock = new TickingClock(START, Duration.ofMillis(1).plusNanos(1_000));

  ContractContext(CommentStore store, String testClass) {
    this.store = Objects.requireNonNull(store, "createStore() returned null");
    this.testClass = testClass;
  }

  /**
   * The store of the current test, from {@link StoreFixture#createStore()}.
   *
   * @return the store under test
   */
  public CommentStore store() {
    return store;
  }

  /**
   * The current test's site: random, so that no other test (or earlier run) has data under it.
   *
   * @return this test's site
   */
  public SiteId site() {
    return site;
  }

  /**
   * A clock that starts at a fixed instant with microseconds and moves 1.001 ms on every read.
   *
   * @return this test's clock
   */
  public TickingClock clock() {
    return clock;
  }

  /**
   * The next instant of {@link #clock()}: distinct and increasing, to the microsecond.
   *
   * @return the next instant
   */
  public Instant now() {
    return clock.instant();
  }

  /** The simple name of the test class, for failure messages. */
  String testClass() {
    return testClass;
  }

  /**
   * A new random site id, for tests of site isolation.
   *
   * @return a site nobody has written to
   */
  public SiteId randomSite() {
    return SiteId.of("contract-" + UUID.randomUUID().toString().substring(0, 13));
  }

  /**
   * A new random thread key.
   *
   * @return a thread nobody has commented on
   */
  public ThreadKey newThread() {
    return ThreadKey.of("thread-" + UUID.randomUUID());
  }

  /**
   * A new random comment id.
   *
   * @return a fresh id
   */
  public CommentId newId() {
    return CommentId.of(UUID.randomUUID());
  }

  /**
   * A new random comment id whose canonical form starts with {@code hex}, to test that ids order as
   * {@link CommentId#compareTo} says (unsigned: {@code 8...} sorts after {@code 7...}).
   *
   * @param hex the first hexadecimal digit
   * @return a fresh id starting with it
   */
  public CommentId idStartingWith(char hex) {
    return CommentId.parse(hex + UUID.randomUUID().toString().substring(1));
  }

  /**
   * An instant truncated to the microsecond, the precision every store keeps.
   *
   * @param instant any instant
   * @return it without its nanoseconds
   */
  public Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The thread info {@link #insert(Comment)} uses: an open thread titled after its key.
   *
   * @param thread a thread of {@link #site()}
   * @return its thread info
   */
  public ThreadInfo threadInfo(ThreadKey thread) {
    return new ThreadInfo(site, thread, "Title of " + thread.value(), "https://blog.example/" + thread.value(),
        false);
  }

  /**
   * A builder of an approved top-level comment on {@code thread} of {@link #site()}, created {@link #now()}.
   *
   * @param thread the comment's thread
   * @return a builder with every required field set
   */
  public Comment.Builder commentBuilder(ThreadKey thread) {
    CommentId id = newId();
    return Comment.builder()
        .id(id)
        .site(site)
        .thread(thread)
        .author(Author.named("Ada"))
        .source("Comment " + id)
        .format(Format.PLAIN)
        .html("<p>Comment " + id + "</p>")
        .status(CommentStatus.APPROVED)
        .created(now());
  }

  /**
   * A new approved top-level comment on {@code thread}, not stored yet.
   *
   * @param thread the comment's thread
   * @return the comment
   */
  public Comment newComment(ThreadKey thread) {
    return commentBuilder(thread).build();
  }

  /**
   * A builder of an approved reply to {@code parent}, created {@link #now()}.
   *
   * @param parent the comment replied to
   * @return a builder with the right thread, parent and root
   */
  public Comment.Builder replyBuilder(Comment parent) {
    return commentBuilder(parent.thread()).parentId(parent.id()).rootId(parent.rootId());
  }

  /**
   * A new approved reply to {@code parent}, not stored yet.
   *
   * @param parent the comment replied to
   * @return the reply
   */
  public Comment reply(Comment parent) {
    return replyBuilder(parent).build();
  }

  /**
   * Inserts a comment with {@link #threadInfo}, checks that it was created, and returns it as stored.
   *
   * @param comment a new comment of {@link #site()}
   * @return the comment as the store answered it
   */
  public Comment insert(Comment comment) {
    InsertResult result = store.insert(threadInfo(comment.thread()), comment);
    assertThat(result.outcome()).as("outcome of inserting new comment %s", comment.id()).isEqualTo(Outcome.CREATED);
    return result.comment();
  }

  /**
   * The comment as stored now; fails if it is not.
   *
   * @param comment a stored comment
   * @return what {@code find} returns for it
   */
  public Comment reload(Comment comment) {
    return store.find(comment.site(), comment.id())
        .orElseThrow(() -> new AssertionError("comment " + comment.id() + " is not stored"));
  }

  /**
   * Changes a stored comment's status through {@code update}, as a moderator would.
   *
   * @param comment a stored comment
   * @param status its new status
   * @return the comment as updated
   */
  public Comment moderate(Comment comment, CommentStatus status) {
    Comment current = reload(comment);
    return store.update(current.toBuilder().status(status).version(current.version() + 1).build(),
        current.version());
  }

  /**
   * One page of a thread of {@link #site()}.
   *
   * @param thread the thread
   * @param sort the order
   * @param after where the page starts, or null for the first page
   * @param limit the most top-level comments to return
   * @param statuses the statuses to return
   * @return the page
   */
  public ThreadSlice page(ThreadKey thread, CommentSort sort, @Nullable Keyset after, int limit,
      Set<CommentStatus> statuses) {
    return store.thread(new ThreadQuery(site, thread, sort, after, limit, statuses));
  }

  /**
   * Where the next page starts after {@code root} in {@code sort} order.
   *
   * @param sort the order
   * @param root the last top-level comment of a page
   * @return the keyset of the next page
   */
  public Keyset keysetAfter(CommentSort sort, Comment root) {
    return Keyset.after(sort, root);
  }

  /**
   * The order a store must return top-level comments in, per {@link Keyset}.
   *
   * @param sort the order asked for
   * @return a comparator of top-level comments in that order
   */
  public Comparator<Comment> order(CommentSort sort) {
    Comparator<Comment> oldest = Comparator.comparing(Comment::created).thenComparing(Comment::id);
    return switch (sort) {
      case OLDEST -> oldest;
      case NEWEST -> oldest.reversed();
      case TOP -> Comparator.comparingInt(Comment::likes).reversed().thenComparing(oldest);
    };
  }

  /**
   * Every top-level comment of a thread, page after page of {@code limit}, each page continuing after the
   * last comment of the previous one; fails at once if a page exceeds the limit or repeats a comment.
   *
   * @param thread the thread
   * @param sort the order
   * @param limit the page size
   * @param statuses the statuses to return
   * @return every top-level comment walked, in the order walked
   */
  public List<Comment> walk(ThreadKey thread, CommentSort sort, int limit, Set<CommentStatus> statuses) {
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

  /**
   * Checks every field of a stored comment, naming each one that differs.
   *
   * @param actual the comment a store returned
   * @param expected the comment it should have returned
   */
  public void assertStoredExactly(Comment actual, Comment expected) {
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

  /**
   * Runs tasks on {@code threads} threads, all released at once, and returns their results in order; fails
   * if one fails or they do not finish within {@link #DEADLINE}.
   *
   * @param <T> what a task returns
   * @param threads how many threads run the tasks
   * @param tasks the tasks
   * @return each task's result, in the order of {@code tasks}
   */
  public <T> List<T> runConcurrently(int threads, List<Callable<T>> tasks) {
    return Concurrently.run(threads, DEADLINE, tasks);
  }


  /**
   * The ids of comments, in order.
   *
   * @param comments some comments
   * @return their ids
   */
  public List<CommentId> ids(List<Comment> comments) {
    return comments.stream().map(Comment::id).collect(Collectors.toList());
  }

  @Override
  public String toString() {
    return "ContractContext[" + testClass + ", site " + site + ", " + store + "]";
  }
}
