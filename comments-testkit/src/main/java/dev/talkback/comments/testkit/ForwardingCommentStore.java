package dev.talkback.comments.testkit;

import dev.talkback.comments.AuthorMatch;
import dev.talkback.comments.Comment;
import dev.talkback.comments.ErasureRecord;
import dev.talkback.comments.ErasureRequest;
import dev.talkback.comments.spi.SitePosition;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.StoreHealth;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CommentStore} that forwards every call to another store, the base of a decorator: override the
 * methods to intercept and call {@code super} (or {@link #delegate()}) to go on. Every method of
 * {@link dev.talkback.comments.spi.CommentReader} and {@link CommentStore} is forwarded, the default ones
 * ({@link #insertAll}, {@link #health}) included, so a store's own batch insert and health survive the
 * decorator.
 *
 * <pre>{@code
 * class CountingStore extends ForwardingCommentStore {
 *   final LongAdder inserts = new LongAdder();
 *
 *   CountingStore(CommentStore delegate) {
 *     super(delegate);
 *   }
 *
 *   @Override
 *   public InsertResult insert(ThreadInfo thread, Comment comment) {
 *     inserts.increment();
 *     return super.insert(thread, comment);
 *   }
 * }
 * }</pre>
 *
 * <p>Threadsafe if the delegate is and a subclass's own state is. A wrapper of a production store is a
 * store like any other and should pass {@link CommentStoreContract}; this class does, over the in-memory
 * store.
 */
public abstract class ForwardingCommentStore implements CommentStore {
  private final CommentStore delegate;

  /**
   * Forwards to {@code delegate}.
   *
   * @param delegate the store every call goes to
   */
  protected ForwardingCommentStore(CommentStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * The store every call goes to.
   *
   * @return the delegate given to the constructor
   */
  protected CommentStore delegate() {
    return delegate;
  }

  @Override
  public Optional<Comment> find(SiteId site, CommentId id) {
    return delegate.find(site, id);
  }

  @Override
  public ThreadSlice thread(ThreadQuery query) {
    return delegate.thread(query);
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
  public List<Comment> siteComments(SiteId site, @Nullable SitePosition after, int limit) {
    return delegate.siteComments(site, after, limit);
  }

  @Override
  public List<Comment> authorComments(SiteId site, AuthorMatch author, @Nullable SitePosition after, int limit) {
    return delegate.authorComments(site, author, after, limit);
  }

  @Override
  public List<ErasureRecord> erasures(SiteId site, int limit) {
    return delegate.erasures(site, limit);
  }

  @Override
  public void afterBulkLoad() {
    delegate.afterBulkLoad();
  }

  @Override
  public ErasureRecord eraseAuthor(ErasureRequest request) {
    return delegate.eraseAuthor(request);
  }

  @Override
  public StoreHealth health() {
    return delegate.health();
  }

  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment) {
    return delegate.insert(thread, comment);
  }

  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment,
      dev.talkback.comments.notification.SubscriptionRequest subscription) {
    return delegate.insert(thread, comment, subscription);
  }

  @Override
  public List<InsertResult> insertAll(ThreadInfo thread, List<Comment> comments) {
    return delegate.insertAll(thread, comments);
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
  public void likeAll(SiteId site, CommentId id, List<String> clientKeys) {
    delegate.likeAll(site, id, clientKeys);
  }

  @Override
  public void saveThread(ThreadInfo thread) {
    delegate.saveThread(thread);
  }

  /** {@inheritDoc} The delegate's, unwrapped: its calls are not intercepted. */
  @Override
  public java.util.Optional<dev.talkback.comments.spi.NotificationStore> notifications() {
    return delegate.notifications();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}
