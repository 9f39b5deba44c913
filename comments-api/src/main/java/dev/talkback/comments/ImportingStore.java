package dev.talkback.comments;

import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.spi.SitePosition;
import dev.talkback.comments.spi.StoreHealth;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The store of a {@link Comments}, for one bulk import ({@link Moderation#importStore()}): every call goes
 * to the store; a write outdates its thread's cached pages here and on the other nodes, and
 * {@link #afterBulkLoad()} outdates every thread the import wrote to once more (likes are given by comment
 * id, after their thread's comments). Threadsafe.
 */
final class ImportingStore implements CommentStore {
  private final CommentStore store;
  private final ChangeFanOut changes;
  private final Set<ThreadKeyOfSite> touched = ConcurrentHashMap.newKeySet();

  private record ThreadKeyOfSite(SiteId site, ThreadKey thread) {}

  ImportingStore(CommentStore store, ChangeFanOut changes) {
    this.store = store;
    this.changes = changes;
  }

  private void changed(SiteId site, ThreadKey thread) {
    touched.add(new ThreadKeyOfSite(site, thread));
    changes.changed(site, thread);
  }

  @Override
  public Optional<Comment> find(SiteId site, CommentId id) {
    return store.find(site, id);
  }

  @Override
  public ThreadSlice thread(ThreadQuery query) {
    return store.thread(query);
  }

  @Override
  public Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
    return store.counts(site, threads);
  }

  @Override
  public List<Comment> byStatus(SiteId site, CommentStatus status, int limit) {
    return store.byStatus(site, status, limit);
  }

  @Override
  public List<Comment> byAuthor(SiteId site, String authorKey, int limit) {
    return store.byAuthor(site, authorKey, limit);
  }

  @Override
  public boolean hasApproved(SiteId site, String authorKey) {
    return store.hasApproved(site, authorKey);
  }

  @Override
  public Optional<ThreadInfo> threadInfo(SiteId site, ThreadKey thread) {
    return store.threadInfo(site, thread);
  }

  @Override
  public List<Comment> siteComments(SiteId site, @Nullable SitePosition after, int limit) {
    return store.siteComments(site, after, limit);
  }

  @Override
  public List<Comment> authorComments(SiteId site, AuthorMatch author, @Nullable SitePosition after, int limit) {
    return store.authorComments(site, author, after, limit);
  }

  @Override
  public List<ErasureRecord> erasures(SiteId site, int limit) {
    return store.erasures(site, limit);
  }

  @Override
  public StoreHealth health() {
    return store.health();
  }

  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment) {
    InsertResult r = store.insert(thread, comment);
    changed(thread.site(), thread.key());
    return r;
  }

  @Override
  public List<InsertResult> insertAll(ThreadInfo thread, List<Comment> comments) {
    List<InsertResult> r = store.insertAll(thread, comments);
    changed(thread.site(), thread.key());
    return r;
  }

  @Override
  public Comment update(Comment updated, long expectedVersion) {
    Comment c = store.update(updated, expectedVersion);
    changed(c.site(), c.thread());
    return c;
  }

  @Override
  public int like(SiteId site, CommentId id, String clientKey) {
    return store.like(site, id, clientKey);
  }

  @Override
  public void likeAll(SiteId site, CommentId id, List<String> clientKeys) {
    store.likeAll(site, id, clientKeys);
  }

  @Override
  public void saveThread(ThreadInfo thread) {
    store.saveThread(thread);
    changed(thread.site(), thread.key());
  }

  @Override
  public Optional<NotificationStore> notifications() {
    return store.notifications();
  }

  @Override
  public void afterBulkLoad() {
    store.afterBulkLoad();
    for (ThreadKeyOfSite t : touched) {
      changes.changed(t.site(), t.thread());
    }
  }

  @Override
  public ErasureRecord eraseAuthor(ErasureRequest request) {
    throw new UnsupportedOperationException("erase through Moderation.eraseAuthor, which logs and outdates caches");
  }

  @Override
  public String toString() {
    return "ImportingStore[" + store + "]";
  }
}
