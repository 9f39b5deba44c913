package dev.talkback.comments.testkit;

import static dev.talkback.comments.testkit.ContractContext.ALL_STATUSES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ConcurrentEditException;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.InsertResult.Outcome;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.ThreadSlice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Concurrent writers: 8 writers of 200 comments each into 4 threads with likes, then every comment once
 * and counts exact; the same comment inserted by 8 threads at once is created once; of 8 concurrent edits one
 * wins; concurrent likes count each client once. Tests wait at most {@link ContractContext#DEADLINE}.
 *
 * <p>A group of {@link CommentStoreContract} (tag {@code contract-concurrency}). Its tests are default methods
 * that take a {@link ContractContext}: implement this interface in a {@code @Nested} class of a
 * {@link StoreFixture} to run the group alone.
 */
@Tag("contract")
@Tag("contract-concurrency")
@DisplayName("Concurrent writers")
@ExtendWith(ContractExtension.class)
public interface ConcurrencyContract {

  /**
   * 8 writers x 200 comments into 4 threads: each stored exactly once, counts and likes exact.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("8 writers x 200 comments into 4 threads: each stored exactly once, counts and likes exact")
  default void insert_concurrentWriters_storeEachOnceAndCountExactly(ContractContext kit) {
    List<ThreadKey> threads = List.of(kit.newThread(), kit.newThread(), kit.newThread(), kit.newThread());
    Comment hot = kit.insert(kit.newComment(threads.get(0)));
    Map<ThreadKey, Set<CommentId>> expectedIds = new ConcurrentHashMap<>();
    Map<ThreadKey, AtomicInteger> expectedApproved = new ConcurrentHashMap<>();
    for (ThreadKey t : threads) {
      expectedIds.put(t, ConcurrentHashMap.newKeySet());
      expectedApproved.put(t, new AtomicInteger());
    }
    expectedIds.computeIfAbsent(threads.get(0), k -> ConcurrentHashMap.newKeySet()).add(hot.id());
    expectedApproved.computeIfAbsent(threads.get(0), k -> new AtomicInteger()).incrementAndGet();

    List<Callable<Integer>> writers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      String client = "writer-" + w;
      writers.add(() -> {
        Map<ThreadKey, Comment> lastRoot = new HashMap<>();
        for (int i = 0; i < 200; i++) {
          ThreadKey thread = threads.get(i % threads.size());
          Comment parent = lastRoot.get(thread);
          Comment.Builder b = parent != null && i % 3 == 0 ? kit.replyBuilder(parent) : kit.commentBuilder(thread);
          Comment c = kit.insert(b.status(i % 5 == 0 ? CommentStatus.PENDING : CommentStatus.APPROVED).build());
          if (c.isTopLevel()) {
            lastRoot.put(thread, c);
          }
          expectedIds.computeIfAbsent(thread, k -> ConcurrentHashMap.newKeySet()).add(c.id());
          if (c.status() == CommentStatus.APPROVED) {
            expectedApproved.computeIfAbsent(thread, k -> new AtomicInteger()).incrementAndGet();
          }
          if (i % 50 == 0) {
            kit.store().like(kit.site(), hot.id(), client);
            kit.store().like(kit.site(), c.id(), client);
          }
        }
        return kit.store().like(kit.site(), hot.id(), client);
      });
    }

    kit.runConcurrently(8, writers);

    for (ThreadKey thread : threads) {
      ThreadSlice all = kit.page(thread, CommentSort.OLDEST, null, 1000, ALL_STATUSES);
      List<CommentId> stored = new ArrayList<>(kit.ids(all.roots()));
      stored.addAll(kit.ids(all.replies()));
      assertThat(stored).as("comments of %s", thread).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(expectedIds.get(thread));
    }
    Map<ThreadKey, Integer> expectedCounts = new HashMap<>();
    expectedApproved.forEach((thread, n) -> expectedCounts.put(thread, n.get()));
    assertThat(kit.store().counts(kit.site(), threads)).isEqualTo(expectedCounts);
    assertThat(kit.reload(hot).likes()).isEqualTo(8);
    assertThat(kit.store().byStatus(kit.site(), CommentStatus.PENDING, 10_000)).hasSize(8 * 40);
  }

  /**
   * The same comment inserted by 8 threads at once is created once.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("the same comment inserted by 8 threads at once is created once")
  default void insert_sameCommentConcurrently_isCreatedOnce(ContractContext kit) {
    for (int round = 0; round < 10; round++) {
      Comment c = kit.newComment(kit.newThread());
      List<Callable<InsertResult>> tasks = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        tasks.add(() -> kit.store().insert(kit.threadInfo(c.thread()), c));
      }

      List<InsertResult> results = kit.runConcurrently(8, tasks);

      assertThat(results).filteredOn(r -> r.outcome() == Outcome.CREATED).hasSize(1);
      assertThat(results).filteredOn(r -> r.outcome() == Outcome.EXISTING).hasSize(7);
      assertThat(results).allSatisfy(r -> kit.assertStoredExactly(r.comment(), c));
      assertThat(kit.store().counts(kit.site(), List.of(c.thread()))).containsEntry(c.thread(), 1);
      assertThat(kit.page(c.thread(), CommentSort.OLDEST, null, 10, ALL_STATUSES).roots()).hasSize(1);
    }
  }

  /**
   * Of 8 concurrent edits from the same version, exactly one wins.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("of 8 concurrent edits from the same version, exactly one wins")
  default void update_concurrentFromSameVersion_exactlyOneWins(ContractContext kit) {
    Comment stored = kit.insert(kit.newComment(kit.newThread()));
    List<Callable<String>> tasks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String text = "edit " + i;
      tasks.add(() -> {
        try {
          kit.store().update(stored.toBuilder().source(text).version(stored.version() + 1).build(), stored.version());
          return text;
        } catch (ConcurrentEditException e) {
          return "conflict";
        }
      });
    }

    List<String> outcomes = kit.runConcurrently(8, tasks);

    List<String> winners = outcomes.stream().filter(o -> !o.equals("conflict")).collect(Collectors.toList());
    assertThat(winners).hasSize(1);
    assertThat(kit.reload(stored).source()).isEqualTo(winners.get(0));
    assertThat(kit.reload(stored).version()).isEqualTo(stored.version() + 1);
  }

  /**
   * Concurrent likes count each client once.
   *
   * @param kit the store under test, this test's site and clock
   */
  @Test
  @DisplayName("concurrent likes count each client once")
  default void like_concurrentClients_countEachOnce(ContractContext kit) {
    Comment c = kit.insert(kit.newComment(kit.newThread()));
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      tasks.add(() -> {
        int last = 0;
        for (int client = 0; client < 25; client++) {
          last = kit.store().like(kit.site(), c.id(), "client-" + client); // every writer likes as the same 25 clients
        }
        return last;
      });
    }

    kit.runConcurrently(8, tasks);

    assertThat(kit.reload(c).likes()).isEqualTo(25);
    assertThat(kit.store().like(kit.site(), c.id(), "client-0")).isEqualTo(25);
  }
}
