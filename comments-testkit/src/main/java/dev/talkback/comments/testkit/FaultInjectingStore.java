package dev.talkback.comments.testkit;

import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.ErasureRequest;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.SitePosition;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A store that can be told to fail or to hang, in front of a real one: how a test rehearses a database
 * outage. A failing call throws {@link StoreUnavailableException}, the exception a database store throws
 * when it cannot be reached, so {@code Comments} and the fallback store react exactly as in production.
 *
 * <pre>{@code
 * InMemoryCommentStore memory = new InMemoryCommentStore();
 * FaultInjectingStore store = new FaultInjectingStore(memory);
 * Comments comments = Comments.builder().store(store).build();
 *
 * store.failReads(true);                   // the database refuses connections for reads
 * store.failWrites(true);                  // ... and for writes: a fallback goes read-only
 * store.hang(Duration.ofSeconds(30));      // a frozen server: every call blocks 30 s, then proceeds
 * store.hangWrites(Duration.ofSeconds(5)); // only writes are slow
 * store.recover();                         // back to normal; calls hanging right now are released
 *
 * long before = store.readCalls();         // a fallback must not even try a store it knows is down
 * ...
 * assertThat(store.readCalls()).isEqualTo(before);
 * }</pre>
 *
 * <p>Every method of {@link dev.talkback.comments.spi.CommentReader} and {@link CommentStore} is subject to
 * the faults and counted, whether it then fails or not: it is counted, then held for the hang, then failed
 * if told to, and only then forwarded. So {@code hang} with {@code failReads} is a timeout that ends in an
 * error, and a failed write reaches nothing behind this store. {@link #health()} is forwarded as it is: it
 * never fails, never hangs and is not counted. So is {@link #notifications()}: the delegate's outbox, whose
 * own calls are neither faulted nor counted.
 *
 * <p>A hanging call waits interruptibly: an interrupt ends the wait with a
 * {@link StoreUnavailableException} (the {@link InterruptedException} is its cause) and leaves the thread's
 * interrupt flag set. Threadsafe: a test switches faults from its own thread while others call the store.
 */
public class FaultInjectingStore extends ForwardingCommentStore {
  private final LongAdder reads = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private volatile boolean failReads;
  private volatile boolean failWrites;
  private volatile long hangReadsNanos;
  private volatile long hangWritesNanos;
  /** Counted down by {@link #recover()}, which releases every call that hangs at that moment. */
  private volatile CountDownLatch release = new CountDownLatch(1);

  /**
   * A store that works normally, forwarding to {@code delegate}, until told otherwise.
   *
   * @param delegate the real store behind the faults
   */
  public FaultInjectingStore(CommentStore delegate) {
    super(delegate);
  }

  // ---- switches ----------------------------------------------------------------------------------------

  /**
   * Makes every read ({@code find}, {@code thread}, {@code counts}, {@code byStatus}, {@code byAuthor},
   * {@code hasApproved}, {@code threadInfo}, {@code siteComments}, {@code authorComments}, {@code erasures})
   * throw {@link StoreUnavailableException}, or stops doing so.
   *
   * @param fail whether reads fail from now on
   */
  public void failReads(boolean fail) {
    failReads = fail;
  }

  /**
   * Makes every write ({@code insert}, {@code insertAll}, {@code update}, {@code like}, {@code likeAll}, {@code saveThread},
   * {@code afterBulkLoad}, {@code eraseAuthor}) throw {@link StoreUnavailableException}, or stops doing so. A failed write does not reach the delegate.
   *
   * @param fail whether writes fail from now on
   */
  public void failWrites(boolean fail) {
    failWrites = fail;
  }

  /**
   * Makes every call block for {@code hang} before it proceeds, like a frozen database server;
   * {@link Duration#ZERO} stops hanging. Same as {@link #hangReads} and {@link #hangWrites} together.
   *
   * @param hang how long each call blocks
   * @throws IllegalArgumentException if {@code hang} is negative
   */
  public void hang(Duration hang) {
    long nanos = nanos(hang);
    hangReadsNanos = nanos;
    hangWritesNanos = nanos;
  }

  /**
   * Makes every read block for {@code hang} before it proceeds; {@link Duration#ZERO} stops hanging.
   *
   * @param hang how long each read blocks
   * @throws IllegalArgumentException if {@code hang} is negative
   */
  public void hangReads(Duration hang) {
    hangReadsNanos = nanos(hang);
  }

  /**
   * Makes every write block for {@code hang} before it proceeds; {@link Duration#ZERO} stops hanging.
   *
   * @param hang how long each write blocks
   * @throws IllegalArgumentException if {@code hang} is negative
   */
  public void hangWrites(Duration hang) {
    hangWritesNanos = nanos(hang);
  }

  /**
   * Clears every fault: calls neither fail nor hang any more, and calls hanging right now proceed at once,
   * as when a frozen server comes back. The call counters are kept.
   */
  public void recover() {
    failReads = false;
    failWrites = false;
    hangReadsNanos = 0;
    hangWritesNanos = 0;
    CountDownLatch hung = release;
    release = new CountDownLatch(1);
    hung.countDown();
  }

  /**
   * How many read calls this store received since it was created, failed ones included. Counters only
   * grow: compare before and after rather than with absolute numbers.
   *
   * @return the number of read calls
   */
  public long readCalls() {
    return reads.sum();
  }

  /**
   * How many write calls this store received since it was created, failed ones included.
   *
   * @return the number of write calls
   */
  public long writeCalls() {
    return writes.sum();
  }

  // ---- reads -------------------------------------------------------------------------------------------

  @Override
  public Optional<Comment> find(SiteId site, CommentId id) {
    beforeRead();
    return super.find(site, id);
  }

  @Override
  public ThreadSlice thread(ThreadQuery query) {
    beforeRead();
    return super.thread(query);
  }

  @Override
  public Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
    beforeRead();
    return super.counts(site, threads);
  }

  @Override
  public List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    beforeRead();
    return super.byStatus(site, status, limit);
  }

  @Override
  public List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
    beforeRead();
    return super.byAuthor(site, authorKey, limit);
  }

  @Override
  public List<Comment> siteComments(SiteId site, @Nullable SitePosition after, int limit) {
    beforeRead();
    return super.siteComments(site, after, limit);
  }

  @Override
  public List<Comment> authorComments(SiteId site, AuthorMatch author, @Nullable SitePosition after, int limit) {
    beforeRead();
    return super.authorComments(site, author, after, limit);
  }

  @Override
  public List<ErasureRecord> erasures(SiteId site, int limit) {
    beforeRead();
    return super.erasures(site, limit);
  }

  @Override
  public void afterBulkLoad() {
    beforeWrite();
    super.afterBulkLoad();
  }

  @Override
  public ErasureRecord eraseAuthor(ErasureRequest request) {
    beforeWrite();
    return super.eraseAuthor(request);
  }

  @Override
  public boolean hasApproved(SiteId site, String authorKey) {
    beforeRead();
    return super.hasApproved(site, authorKey);
  }

  @Override
  public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
    beforeRead();
    return super.threadInfo(site, thread);
  }

  // ---- writes ------------------------------------------------------------------------------------------

  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment) {
    beforeWrite();
    return super.insert(thread, comment);
  }

  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment,
      dev.talkback.comments.notification.SubscriptionRequest subscription) {
    beforeWrite();
    return super.insert(thread, comment, subscription);
  }

  @Override
  public List<InsertResult> insertAll(ThreadInfo thread, List<Comment> comments) {
    beforeWrite();
    return super.insertAll(thread, comments);
  }

  @Override
  public Comment update(Comment updated, long expectedVersion) {
    beforeWrite();
    return super.update(updated, expectedVersion);
  }

  @Override
  public int like(SiteId site, CommentId id, String clientKey) {
    beforeWrite();
    return super.like(site, id, clientKey);
  }

  @Override
  public void likeAll(SiteId site, CommentId id, List<String> clientKeys) {
    beforeWrite();
    super.likeAll(site, id, clientKeys);
  }

  @Override
  public void saveThread(ThreadInfo thread) {
    beforeWrite();
    super.saveThread(thread);
  }

  @Override
  public String toString() {
    return "FaultInjectingStore[failReads=" + failReads + ", failWrites=" + failWrites
        + ", hangReads=" + Duration.ofNanos(hangReadsNanos) + ", hangWrites=" + Duration.ofNanos(hangWritesNanos)
        + ", " + delegate() + "]";
  }

  // ---- the faults --------------------------------------------------------------------------------------

  private void beforeRead() {
    reads.increment();
    // Read the latch before the hang: recover() clears the hang first and then swaps the latch, so a call
    // either sees no hang or waits on a latch recover() will count down.
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
        return; // released early by recover()
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("store call interrupted while told to hang", e);
    }
  }

  private static long nanos(Duration hang) {
    Objects.requireNonNull(hang, "hang");
    if (hang.isNegative()) {
      throw new IllegalArgumentException("a hang must not be negative: " + hang);
    }
    try {
      return hang.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
