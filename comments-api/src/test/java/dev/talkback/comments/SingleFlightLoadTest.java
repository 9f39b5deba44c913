package dev.talkback.comments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Readers that miss the same cold page together cause one store load between them. */
class SingleFlightLoadTest {
  private static final int READERS = 8;
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final ThreadKey POST = ThreadKey.of("posts/hot");

  @Test
  void thread_concurrentMissesOfOneColdPageLoadItOnce() throws Exception {
    CountingStore store = new CountingStore(new InMemoryCommentStore());
    Comments comments = Comments.builder().store(store).build();
    comments.post(NewComment.builder(POST).threadTitle("Hot").author(Author.named("Ada")).text("first!").build());

    CyclicBarrier start = new CyclicBarrier(READERS);
    List<Thread> arrived = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(READERS);
    try {
      List<Future<ThreadPage>> pages = new ArrayList<>();
      for (int i = 0; i < READERS; i++) {
        pages.add(pool.submit(() -> {
          start.await();
          arrived.add(Thread.currentThread());
          return comments.thread(SiteId.DEFAULT, POST, ThreadPageRequest.DEFAULT);
        }));
      }
      // The first load is held in the store until every reader has missed and is parked: waiting for that
      // load inside the cache, or (were loads not single-flight) in a load of its own.
      assertThat(store.loadStarted.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      awaitUntil(() -> arrived.size() == READERS && arrived.stream().allMatch(SingleFlightLoadTest::parked));
      store.release.countDown();

      for (Future<ThreadPage> page : pages) {
        assertThat(page.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).comments()).hasSize(1);
      }
    } finally {
      store.release.countDown();
      pool.shutdownNow();
    }
    assertThat(store.threadLoads).hasValue(1);
    assertThat(comments.health().cache().misses()).isEqualTo(1);
    assertThat(comments.health().cache().hits()).isEqualTo(READERS - 1);
  }

  @Test
  void thread_missAfterAWriteLoadsAgainOnce() {
    CountingStore store = new CountingStore(new InMemoryCommentStore());
    store.release.countDown();
    Comments comments = Comments.builder().store(store).build();
    comments.post(NewComment.builder(POST).author(Author.named("Ada")).text("one").build());
    comments.thread(SiteId.DEFAULT, POST, ThreadPageRequest.DEFAULT);
    comments.thread(SiteId.DEFAULT, POST, ThreadPageRequest.DEFAULT);
    comments.post(NewComment.builder(POST).author(Author.named("Bo")).text("two").build());

    assertThat(comments.thread(SiteId.DEFAULT, POST, ThreadPageRequest.DEFAULT).comments()).hasSize(2);
    assertThat(store.threadLoads).hasValue(2);
  }

  private static boolean parked(Thread t) {
    Thread.State s = t.getState();
    return s == Thread.State.BLOCKED || s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
  }

  private static void awaitUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waited %s for the readers to park", DEADLINE).isNegative();
      Thread.onSpinWait();
    }
  }

  /** A real store that counts thread-page loads and holds the first one until released. */
  private static final class CountingStore implements CommentStore {
    final AtomicInteger threadLoads = new AtomicInteger();
    final CountDownLatch loadStarted = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final CommentStore delegate;

    CountingStore(CommentStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public ThreadSlice thread(ThreadQuery query) {
      threadLoads.incrementAndGet();
      loadStarted.countDown();
      try {
        if (!release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("the test never released the load");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return delegate.thread(query);
    }

    @Override
    public Optional<Comment> find(SiteId site, CommentId id) {
      return delegate.find(site, id);
    }

    @Override
    public Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
      return delegate.counts(site, threads);
    }

    @Override
    public List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
      return delegate.byStatus(site, status, limit);
    }

    @Override
    public List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
      return delegate.byAuthor(site, authorKey, limit);
    }

    @Override
    public boolean hasApproved(SiteId site, String authorKey) {
      return delegate.hasApproved(site, authorKey);
    }

    @Override
    public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
      return delegate.threadInfo(site, thread);
    }

    @Override
    public InsertResult insert(ThreadInfo thread, Comment comment) {
      return delegate.insert(thread, comment);
    }

    @Override
    public Comment update(Comment updated, long expectedVersion) {
      return delegate.update(updated, expectedVersion);
    }

    @Override
    public int like(SiteId site, CommentId id, String clientKey) {
      return delegate.like(site, id, clientKey);
    }

    @Override
    public void saveThread(ThreadInfo thread) {
      delegate.saveThread(thread);
    }
  }
}
