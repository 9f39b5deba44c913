package dev.talkback.comments.servlet.support;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.ReadOnlyException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.StoreHealth;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import dev.talkback.comments.testkit.FaultInjectingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real in-memory store behind the two faces a fallback store shows while its primary is down: reads
 * keep working, and health reports READ_ONLY with its write policy; a new comment is queued (SPOOL) or
 * refused with ReadOnlyException (REJECT). Stands in for the fallback store in servlet tests, which only
 * need the servlet's side of read-only mode.
 */
public final class SimulatedFallbackStore implements CommentStore {
  /** What writes do while read-only. */
  public enum Policy { SPOOL, REJECT }

  private final FaultInjectingStore store = new FaultInjectingStore(new InMemoryCommentStore());
  private volatile Policy readOnly;

  /** The underlying store, for fault injection. */
  public FaultInjectingStore faults() {
    return store;
  }

  /** Switches to read-only with this write policy, or back to read-write with {@code null}. */
  public void readOnly(Policy policy) {
    this.readOnly = policy;
  }

  @Override
  public StoreHealth health() {
    Policy p = readOnly;
    return p == null ? StoreHealth.readWrite() : StoreHealth.builder(StoreMode.READ_ONLY).since(Instant.EPOCH)
        .reason("primary unreachable (simulated)").lastError("connection refused")
        .newComments(p == Policy.SPOOL ? StoreHealth.NewComments.QUEUED : StoreHealth.NewComments.REFUSED)
        .build();
  }

  @Override
  public InsertResult insert(ThreadInfo thread, Comment comment) {
    Policy p = readOnly;
    if (p == Policy.SPOOL) {
      return InsertResult.queued(comment);
    }
    if (p == Policy.REJECT) {
      throw new ReadOnlyException("the comment database is unreachable and new comments are paused",
          Duration.ofSeconds(42), null);
    }
    return store.insert(thread, comment);
  }

  @Override
  public Comment update(Comment updated, long expectedVersion) {
    return store.update(updated, expectedVersion);
  }

  @Override
  public int like(SiteId site, CommentId id, String clientKey) {
    return store.like(site, id, clientKey);
  }

  @Override
  public void saveThread(ThreadInfo thread) {
    store.saveThread(thread);
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
}
