package dev.talkback.comments.spring;

import dev.talkback.comments.CacheStatistics;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.Comments;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.fallback.FallbackListener;
import dev.talkback.comments.spi.CommentListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Talkback's Micrometer meters; plain Micrometer, usable without Spring: register it as the {@code Comments}'
 * {@link CommentListener} and the fallback store's {@link FallbackListener}, then bind it to a registry.
 *
 * <pre>{@code
 * TalkbackMetrics metrics = new TalkbackMetrics(() -> comments);
 * FallbackCommentStore store = FallbackCommentStore.builder().primary(db).listener(metrics)...build();
 * Comments comments = Comments.builder().store(store).listener(metrics).build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code talkback.comments.posted}</td><td>{@code status}: approved, pending, spam</td><td>comments
 *       stored or queued</td></tr>
 *   <tr><td>{@code talkback.comments.moderated}</td><td>{@code action}: approved, spam, deleted, restored,
 *       edited</td><td>changes after posting</td></tr>
 *   <tr><td>{@code talkback.fallback.mode.changes}</td><td>{@code to}: read_write, read_only</td><td>mode
 *       changes</td></tr>
 *   <tr><td>{@code talkback.fallback.queued}</td><td></td><td>comments queued in the spool</td></tr>
 *   <tr><td>{@code talkback.fallback.replayed}</td><td>{@code result}: stored, set_aside</td><td>spooled
 *       comments replayed</td></tr>
 *   <tr><td>{@code talkback.store.read_only}</td><td></td><td>gauge: 1 while read-only</td></tr>
 *   <tr><td>{@code talkback.fallback.spool.depth}</td><td></td><td>gauge: comments waiting</td></tr>
 *   <tr><td>{@code talkback.cache.requests}</td><td>{@code result}: hit, miss, stale</td><td>thread reads
 *       answered by the cache, loaded, or served stale</td></tr>
 * </table>
 *
 * <p>Threadsafe. The Spring Boot starter registers one when Micrometer is on the class path.
 */
public final class TalkbackMetrics implements MeterBinder, CommentListener, FallbackListener {
  private final Supplier<Comments> comments;
  private volatile @Nullable MeterRegistry registry;

  /**
   * Metrics of a comment service, given lazily (it is built with this listener).
   *
   * @param comments supplies the service, for the gauges; called when a gauge is read
   */
  public TalkbackMetrics(Supplier<Comments> comments) {
    this.comments = Objects.requireNonNull(comments, "comments");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("talkback.store.read_only", this,
        m -> m.comments.get().health().store().mode() == StoreMode.READ_ONLY ? 1 : 0)
        .description("1 while the comment store is read-only").register(registry);
    Gauge.builder("talkback.fallback.spool.depth", this, m -> m.comments.get().health().store().spoolDepth())
        .description("comments waiting in the write spool").register(registry);
    cache(registry, "hit", CacheStatistics::hits);
    cache(registry, "miss", CacheStatistics::misses);
    cache(registry, "stale", CacheStatistics::staleServed);
  }

  private void cache(MeterRegistry r, String result, java.util.function.ToLongFunction<CacheStatistics> f) {
    FunctionCounter.builder("talkback.cache.requests", this, m -> f.applyAsLong(m.comments.get().health().cache()))
        .tag("result", result).description("thread reads by how the cache answered").register(r);
  }

  private void count(String name, String tag, String value) {
    MeterRegistry r = registry;
    if (r != null) {
      Counter.builder(name).tag(tag, value).register(r).increment();
    }
  }

  @Override
  public void onPosted(Comment comment) {
    count("talkback.comments.posted", "status", comment.status().name().toLowerCase(Locale.ROOT));
  }

  @Override
  public void onApproved(Comment comment) {
    count("talkback.comments.moderated", "action", "approved");
  }

  @Override
  public void onEdited(Comment comment) {
    count("talkback.comments.moderated", "action", "edited");
  }

  @Override
  public void onDeleted(Comment comment) {
    count("talkback.comments.moderated", "action", "deleted");
  }

  @Override
  public void onMarkedSpam(Comment comment) {
    count("talkback.comments.moderated", "action", "spam");
  }

  @Override
  public void onRestored(Comment comment) {
    count("talkback.comments.moderated", "action", "restored");
  }

  @Override
  public void modeChanged(StoreMode from, StoreMode to, String primary, String reason) {
    count("talkback.fallback.mode.changes", "to", to.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public void queued(CommentId id, long spoolDepth) {
    MeterRegistry r = registry;
    if (r != null) {
      r.counter("talkback.fallback.queued").increment();
    }
  }

  @Override
  public void replayed(String database, long stored, long setAside) {
    MeterRegistry r = registry;
    if (r != null) {
      r.counter("talkback.fallback.replayed", "result", "stored").increment((double) stored);
      r.counter("talkback.fallback.replayed", "result", "set_aside").increment((double) setAside);
    }
  }
}
