package dev.talkback.comments.servlet.support;

import dev.talkback.comments.Comment;
import dev.talkback.comments.ReadOnlyException;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.spi.StoreHealth;
import dev.talkback.comments.testkit.FaultInjectingStore;
import dev.talkback.comments.testkit.ForwardingCommentStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The real in-memory store behind the two faces a fallback store shows while its primary is down: reads
 * keep working, and health reports READ_ONLY with its write policy; a new comment is queued (SPOOL) or
 * refused with ReadOnlyException (REJECT). Stands in for the fallback store in servlet tests, which only
 * need the servlet's side of read-only mode.
 */
public final class SimulatedFallbackStore extends ForwardingCommentStore {
  /** What writes do while read-only. */
  public enum Policy { SPOOL, REJECT }

  private volatile @Nullable Policy readOnly;

  /** A read-write store over a fresh in-memory store. */
  public SimulatedFallbackStore() {
    super(new FaultInjectingStore(new InMemoryCommentStore()));
  }

  /** The underlying store, for fault injection. */
  public FaultInjectingStore faults() {
    return (FaultInjectingStore) delegate();
  }

  /** Switches to read-only with this write policy, or back to read-write with {@code null}. */
  public void readOnly(@Nullable Policy policy) {
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
    return super.insert(thread, comment);
  }

  @Override
  public List<InsertResult> insertAll(ThreadInfo thread, List<Comment> comments) {
    if (readOnly == null) {
      return super.insertAll(thread, comments);
    }
    List<InsertResult> results = new ArrayList<>(comments.size());
    for (Comment c : comments) {
      results.add(insert(thread, c));
    }
    return results;
  }
}
