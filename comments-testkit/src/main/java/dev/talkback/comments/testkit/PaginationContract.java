package dev.talkback.comments.testkit;

import static dev.talkback.comments.testkit.ContractContext.ALL_STATUSES;
import static dev.talkback.comments.testkit.ContractContext.APPROVED;
import static dev.talkback.comments.testkit.ContractContext.DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.Keyset;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Walking a thread page by page with a keyset: in every order and with pages of 1 to 1000, every root
 * once and in order; ties on {@code created} broken by id (unsigned); a keyset of a hidden or never-stored
 * comment; no duplicates and no gaps while comments arrive between page reads.
 *
 * <p>A group of {@link CommentStoreContract} (tag {@code contract-pagination}). Its tests are default methods
 * that take a {@link ContractContext}: implement this interface in a {@code @Nested} class of a
 * {@link StoreFixture} to run the group alone.
 */
@Tag("contract")
@Tag("contract-pagination")
@DisplayName("Walking the pages of a thread with a keyset")
@ExtendWith(ContractExtension.class)
public interface PaginationContract {

  /**
   * 23 top-level comments: some share a created instant (ties broken by id), ids cover both halves of
   * the unsigned range, likes vary (0 to 4), every sixth is pending, every third has a reply.
   */
  private List<Comment> populate(ContractContext kit, ThreadKey thread) {
    List<Comment> roots = new ArrayList<>();
    String hex = "0123456789abcdef";
    Instant created = kit.now();
    for (int i = 0; i < 23; i++) {
      if (i % 5 != 4) {
        created = kit.now();
      }
      Comment root = kit.insert(kit.commentBuilder(thread)
          .id(kit.idStartingWith(hex.charAt((i * 7) % 16)))
          .created(created)
          .status(i % 6 == 5 ? CommentStatus.PENDING : CommentStatus.APPROVED)
          .build());
      if (i % 3 == 0) {
        kit.insert(kit.reply(root));
      }
      for (int like = 0; like < (i * 3) % 5; like++) {
        kit.store().like(kit.site(), root.id(), "client-" + like);
      }
      roots.add(root);
    }
    List<Comment> reloaded = new ArrayList<>();
    for (Comment root : roots) {
      reloaded.add(kit.reload(root));
    }
    return reloaded;
  }

  private List<CommentId> expected(ContractContext kit, List<Comment> roots, CommentSort sort, Set<CommentStatus> statuses) {
    return kit.ids(roots.stream().filter(c -> statuses.contains(c.status())).sorted(kit.order(sort))
        .collect(Collectors.toList()));
  }

  /**
   * Walking every page returns each top-level comment once, in order, for any page size.
   *
   * @param sort the order walked
   * @param kit the store under test, this test's site and clock
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(CommentSort.class)
  @DisplayName("walking every page returns each top-level comment once, in order, for any page size")
  default void walk_everyPage_returnsEachRootOnceInOrder(CommentSort sort, ContractContext kit) {
    ThreadKey thread = kit.newThread();
    List<Comment> roots = populate(kit, thread);

    for (int limit : new int[] {1, 2, 5, 22, 23, 1000}) {
      assertThat(kit.ids(kit.walk(thread, sort, limit, APPROVED)))
          .as("approved, %s, pages of %d", sort, limit)
          .containsExactlyElementsOf(expected(kit, roots, sort, APPROVED));
      assertThat(kit.ids(kit.walk(thread, sort, limit, ALL_STATUSES)))
          .as("all statuses, %s, pages of %d", sort, limit)
          .containsExactlyElementsOf(expected(kit, roots, sort, ALL_STATUSES));
    }
  }

  /**
   * Comments posted at the same instant are ordered by id, compared unsigned.
   *
   * @param sort the order walked
   * @param kit the store under test, this test's site and clock
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(CommentSort.class)
  @DisplayName("comments posted at the same instant are ordered by id, compared unsigned")
  default void walk_sameCreatedInstant_ordersById(CommentSort sort, ContractContext kit) {
    ThreadKey thread = kit.newThread();
    Instant instant = kit.now();
    List<Comment> roots = new ArrayList<>();
    for (char hex : new char[] {'8', '0', 'f', '7', 'a', '1', '9'}) {
      roots.add(kit.insert(kit.commentBuilder(thread).id(kit.idStartingWith(hex)).created(instant).build()));
    }
    List<CommentId> byId = roots.stream().map(Comment::id).sorted().collect(Collectors.toList());
    List<CommentId> expected = new ArrayList<>(byId);
    if (sort == CommentSort.NEWEST) {
      Collections.reverse(expected);
    }

    assertThat(kit.ids(kit.walk(thread, sort, 2, APPROVED))).containsExactlyElementsOf(expected);
    assertThat(kit.ids(kit.page(thread, sort, null, 100, APPROVED).roots())).containsExactlyElementsOf(expected);
  }

  /**
   * A page continues after a keyset whose comment is not returned, or not stored at all.
   *
   * @param sort the order walked
   * @param kit the store under test, this test's site and clock
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(CommentSort.class)
  @DisplayName("a page continues after a keyset whose comment is not returned, or not stored at all")
  default void page_afterKeysetOfHiddenComment_continuesFromItsPosition(CommentSort sort, ContractContext kit) {
    ThreadKey thread = kit.newThread();
    List<Comment> roots = populate(kit, thread);
    List<Comment> sorted = roots.stream().sorted(kit.order(sort)).collect(Collectors.toList());
    Comment pending = sorted.stream().filter(c -> c.status() == CommentStatus.PENDING).findFirst().orElseThrow();
    List<CommentId> after = kit.ids(sorted.subList(sorted.indexOf(pending) + 1, sorted.size()).stream()
        .filter(c -> c.status() == CommentStatus.APPROVED).collect(Collectors.toList()));
    Comment neverStored = pending.toBuilder().id(kit.newId()).rootId(null).build();

    assertThat(kit.ids(kit.page(thread, sort, kit.keysetAfter(sort, pending), 1000, APPROVED).roots()))
        .containsExactlyElementsOf(after);
    List<CommentId> afterNeverStored = kit.ids(kit.page(thread, sort, kit.keysetAfter(sort, neverStored), 1000, APPROVED)
        .roots());
    List<CommentId> expectedAfterNeverStored = kit.ids(roots.stream()
        .filter(c -> c.status() == CommentStatus.APPROVED && kit.order(sort).compare(c, neverStored) > 0)
        .sorted(kit.order(sort)).collect(Collectors.toList()));
    assertThat(afterNeverStored).containsExactlyElementsOf(expectedAfterNeverStored);
  }

  /**
   * The last page is empty after the last comment.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("the last page is empty after the last comment")
  default void page_afterLastComment_isEmpty(ContractContext kit) {
    ThreadKey thread = kit.newThread();
    kit.insert(kit.newComment(thread));
    Comment last = kit.insert(kit.newComment(thread));

    assertThat(kit.page(thread, CommentSort.OLDEST, kit.keysetAfter(CommentSort.OLDEST, last), 10, ALL_STATUSES).roots()).isEmpty();
  }

  /**
   * While comments arrive between pages, the walk has no duplicates and no gaps.
   *
   * @param sort the order walked
   * @param kit the store under test, this test's site and clock
   * @throws Exception if the store or a concurrent task fails
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(CommentSort.class)
  @DisplayName("while comments arrive between pages, the walk has no duplicates and no gaps")
  default void walk_whileCommentsArrive_hasNoDuplicatesOrGaps(CommentSort sort, ContractContext kit) throws Exception {
    ThreadKey thread = kit.newThread();
    Instant first = kit.now();
    List<Comment> before = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      before.add(kit.insert(kit.newComment(thread)));
    }
    for (int i = 0; i < 40; i += 3) {
      for (int like = 0; like < i % 4; like++) {
        kit.store().like(kit.site(), before.get(i).id(), "client-" + like);
      }
    }
    Instant last = kit.now();
    List<CommentId> expected = kit.ids(before.stream().map(kit::reload).sorted(kit.order(sort))
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
            kit.insert(kit.commentBuilder(thread).created(first.plus(offset, ChronoUnit.MICROS)).build());
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
        List<Comment> roots = kit.page(thread, sort, after, 5, APPROVED).roots();
        walked.addAll(roots);
        pages++;
        if (roots.size() < 5) {
          break;
        }
        after = kit.keysetAfter(sort, roots.get(roots.size() - 1));
        assertThat(inserted.tryAcquire(3, DEADLINE.toSeconds(), TimeUnit.SECONDS))
            .as("the writer inserted 3 comments between two page reads within %s", DEADLINE)
            .isTrue();
        assertThat(pages).as("pages walked").isLessThan(1_000);
      }
      stop.set(true);
      int written = writes.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

      assertThat(written).as("comments inserted during the walk").isGreaterThanOrEqualTo(3 * (pages - 1));
      assertThat(kit.ids(walked)).doesNotHaveDuplicates();
      assertThat(kit.ids(walked).stream().filter(existing::contains).collect(Collectors.toList()))
          .as("the comments that existed before the walk, in %s order", sort)
          .containsExactlyElementsOf(expected);
    } finally {
      stop.set(true);
      writer.shutdownNow();
      assertThat(writer.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
  }
}
