package dev.talkback.comments.testing;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.StoreHealth;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-memory store that fails or hangs on command, for comments-api's own tests: the same switches and
 * counters as comments-testkit's {@code FaultInjectingStore}, which these tests cannot use (the testkit
 * depends on comments-api, so a test dependency back would be a reactor cycle). Every other module's tests
 * use the testkit's. Every store call is counted, then held for the hang, then failed if told to;
 * {@link #health()} and {@link #size()} are neither.
 */
public final class FaultyStore implements CommentStore {
  private final InMemoryCommentStore store;
  private final LongAdder reads = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private volatile boolean failReads;
  private volatile boolean failWrites;
  private volatile long hangReadsNanos;
  private volatile long hangWritesNanos;
  private volatile CountDownLatch release = new CountDownLatch(1);

  /** A faulty front of a new plain in-memory store. */
  public FaultyStore() {
    this(new InMemoryCommentStore());
  }

  /** A faulty front of {@code store} (one with an outbox, say). */
  public FaultyStore(InMemoryCommentStore store) {
    this.store = store;
  }

  /** The store's outbox, unwrapped (its calls never fail). */
  @Override
  public java.util.Optional<dev.talkback.comments.spi.NotificationStore> notifications() {
    return store.notifications();
  }

  /** Makes reads throw {@link StoreUnavailableException}, or stops doing so. */
  public void failReads(boolean fail) {
    failReads = fail;
  }

  /** Makes writes throw {@link StoreUnavailableException} and store nothing, or stops doing so. */
  public void failWrites(boolean fail) {
    failWrites = fail;
  }

  /** Makes every call block for {@code hang} first; zero stops it. */
  public void hang(Duration hang) {
    hangReadsNanos = hang.toNanos();
    hangWritesNanos = hang.toNanos();
  }

  /** Makes every write block for {@code hang} first; zero stops it. */
  public void hangWrites(Duration hang) {
    hangWritesNanos = hang.toNanos();
  }

  /** Clears every fault and releases the calls hanging now. */
  public void recover() {
    failReads = false;
    failWrites = false;
    hangReadsNanos = 0;
    hangWritesNanos = 0;
    CountDownLatch hung = release;
    release = new CountDownLatch(1);
    hung.countDown();
  }

  /** Read calls received, failed ones included. */
  public long readCalls() {
    return reads.sum();
  }

  /** Write calls received, failed ones included. */
  public long writeCalls() {
    return writes.sum();
  }

  /** Comments stored, over all sites. */
  public int size() {
    return store.size();
  }

  private void beforeRead() {
    reads.increment();
    CountDownLatch latch = release;
    hold(hangReadsNanos, latch);
    if (failReads) {
      throw new StoreUnavailableException("store told to fail reads", null);
    }
  }

  private void beforeWrite() {
    writes.increment();
    CountDownLatch latch = release;
    hold(hangWritesNanos, latch);
    if (failWrites) {
      throw new StoreUnavailableException("store told to fail writes", null);
    }
  }

  private static void hold(long nanos, CountDownLatch latch) {
    if (nanos <= 0) {
      return;
    }
    try {
      if (latch.await(nanos, TimeUnit.NANOSECONDS)) {
        return; // released by recover()
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("store call interrupted while told to hang", e);
    }
  }

  @Override
  public Optional<Comment> find(SiteId site, CommentId id) {
    beforeRead();
    return store.find(site, id);
  }

  @Override
  public ThreadSlice thread(ThreadQuery query) {
    beforeRead();
    return store.thread(query);
  }

  @Override
  public Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
    beforeRead();
    return store.counts(site, threads);
  }

  @Override
  public List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    beforeRead();
    return store.byStatus(site, status, limit);
  }

  @Override
  public List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
    beforeRead();
    return store.byAuthor(site, authorKey, limit);
  }

  @Override
  public boolean hasApproved(SiteId site, String authorKey) {
    beforeRead();
    return store.hasApproved(site, authorKey);
  }

  @Override
  public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
    beforeRead();
    return store.threadInfo(site, thread);
  }

  @Override
  public StoreHealth health() {
    return store.health();
  }

  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment) {
    beforeWrite();
    return store.insert(thread, comment);
  }

  @Override
  public List<InsertResult> insertAll(ThreadInfo thread, List<Comment> comments) {
    beforeWrite();
    return store.insertAll(thread, comments);
  }

  @Override
  public Comment update(Comment updated, long expectedVersion) {
    beforeWrite();
    return store.update(updated, expectedVersion);
  }

  @Override
  public int like(SiteId site, CommentId id, String clientKey) {
    beforeWrite();
    return store.like(site, id, clientKey);
  }

  @Override
  public void saveThread(ThreadInfo thread) {
    beforeWrite();
    store.saveThread(thread);
  }
}
