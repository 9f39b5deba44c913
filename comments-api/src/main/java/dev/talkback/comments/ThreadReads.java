package dev.talkback.comments;

import dev.talkback.comments.internal.Cursors;
import dev.talkback.comments.internal.Footprint;
import dev.talkback.comments.internal.ReadCache;
import dev.talkback.comments.internal.SharedInstances;
import dev.talkback.comments.internal.TreeAssembler;
import dev.talkback.comments.spi.CommentReader;
import dev.talkback.comments.spi.Keyset;
import dev.talkback.comments.spi.ThreadQuery;
import dev.talkback.comments.spi.ThreadSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Thread pages, counts and recent lists, read through the {@link ReadCache}: each key loads once however
 * many readers miss it together, a write outdates its thread in O(1), and a failed reload serves the old
 * value marked stale. Also answers from the cache alone, for a post while the store cannot be read.
 * Thread-safe.
 */
final class ThreadReads {
  /** The statuses a thread read asks the store for: approved ones, and hidden ones that may be tombstones. */
  private static final Set<CommentStatus> THREAD_STATUSES =
      EnumSet.of(CommentStatus.APPROVED, CommentStatus.DELETED, CommentStatus.SPAM);

  /** A cached count: its entry, an {@code Integer} and the key records. */
  private static final long COUNT_WEIGHT = Footprint.ENTRY + Footprint.object(0, 4);

  private final CommentReader store;
  private final TreeAssembler assembler;
  private final ReadCache cache;
  private final boolean caching;

  ThreadReads(CommentReader store, int maxDepth, long cacheMaximumWeight) {
    this.store = store;
    this.assembler = new TreeAssembler(maxDepth);
    this.cache = new ReadCache(cacheMaximumWeight);
    this.caching = cacheMaximumWeight > 0;
  }

  ThreadPage thread(SiteId site, ThreadKey thread, ThreadPageRequest page) {
    ThreadScope scope = new ThreadScope(site, thread);
    PageKey key = new PageKey(scope, page);
    Object hit = cache.current(key);
    if (hit != null) {
      return (ThreadPage) hit; // the cached read: no result, no loader lambdas
    }
    ReadCache.Result<ThreadPage> r = cache.get(key, scope, () -> loadPage(scope, page), p -> weigh(p, scope, page));
    return r.stale() ? r.value().asStale() : r.value();
  }

  /** Runs inside the cache's compute for the page's key: reads the cache, never writes it. */
  private ThreadPage loadPage(ThreadScope scope, ThreadPageRequest page) {
    String cursor = page.cursor();
    @Nullable Keyset after = cursor == null ? null : Cursors.decode(page.sort(), cursor);
    ThreadSlice slice = store.thread(
        new ThreadQuery(scope.site, scope.key, page.sort(), after, page.limit() + 1, THREAD_STATUSES));
    List<Comment> roots = slice.roots();
    List<Comment> replies = slice.replies();
    String next = null;
    if (roots.size() > page.limit()) {
      Comment extra = roots.get(page.limit());
      roots = roots.subList(0, page.limit());
      replies = withoutRoot(replies, extra.id());
      next = Cursors.encode(page.sort(), Keyset.after(page.sort(), roots.get(roots.size() - 1)));
    }
    SiteId site = scope.site;
    ThreadKey key = scope.key;
    if (caching) { // a page that stays shares one site, one key and its ids among its comments
      SharedInstances.Page shared = SharedInstances.page(roots, replies);
      roots = shared.roots();
      replies = shared.replies();
      Comment first = roots.isEmpty() ? (replies.isEmpty() ? null : replies.get(0)) : roots.get(0);
      if (first != null) {
        site = first.site();
        key = first.thread();
      }
    }
    Optional<ThreadInfo> info = store.threadInfo(scope.site, scope.key);
    Optional<ReadCache.Result<Integer>> count = cache.peek(new CountKey(scope));
    int total = count.isPresent() && !count.get().stale()
        ? count.get().value()
        : store.counts(scope.site, List.of(scope.key)).getOrDefault(scope.key, 0);
    return new ThreadPage(site, key, info, assembler.assemble(roots, replies), Optional.ofNullable(next), total,
        false);
  }

  private static List<Comment> withoutRoot(List<Comment> replies, CommentId root) {
    List<Comment> out = new ArrayList<>(replies.size());
    for (Comment r : replies) {
      if (!r.rootId().equals(root)) {
        out.add(r);
      }
    }
    return out;
  }

  Map<ThreadKey, Integer> counts(SiteId site, Collection<ThreadKey> threads) {
    Map<ThreadKey, Integer> out = new LinkedHashMap<>(Math.max(16, threads.size() * 2));
    List<Outdated> outdated = new ArrayList<>();
    for (ThreadKey k : threads) {
      ThreadScope scope = new ThreadScope(site, k);
      Optional<ReadCache.Result<Integer>> r = cache.peek(new CountKey(scope));
      out.put(k, r.map(ReadCache.Result::value).orElse(0)); // keeps the caller's order; replaced below
      if (r.isEmpty() || r.get().stale()) {
        outdated.add(new Outdated(k, cache.stamp(scope), r));
      }
    }
    if (outdated.isEmpty()) {
      return out;
    }
    List<ThreadKey> keys = new ArrayList<>(outdated.size());
    outdated.forEach(o -> keys.add(o.key));
    Map<ThreadKey, Integer> loaded;
    try {
      loaded = store.counts(site, keys);
    } catch (StoreUnavailableException e) {
      for (Outdated o : outdated) {
        if (o.cached.isEmpty()) {
          throw e;
        }
      }
      cache.countStale();
      return out; // every outdated count was cached: serve them as they were
    }
    for (Outdated o : outdated) {
      int n = loaded.getOrDefault(o.key, 0);
      out.put(o.key, n);
      cache.put(new CountKey(new ThreadScope(site, o.key)), o.stamp, n,
          COUNT_WEIGHT + Footprint.string(o.key.value()));
    }
    return out;
  }

  List<Comment> recent(SiteId site, int limit) {
    checkLimit(limit);
    return cache.get(new RecentKey(site, limit), new SiteScope(site),
        () -> store.byStatus(site, CommentStatus.APPROVED, limit), l -> Footprint.ENTRY + Footprint.of(l)).value();
  }

  /** See {@link Comments#rendering}. */
  <R extends PageRendering> R rendering(ThreadPage page, ThreadPageRequest request, Class<R> type,
      Predicate<? super R> current, Function<? super ThreadPage, ? extends R> render) {
    return cache.attachment(new PageKey(new ThreadScope(page.site(), page.key()), request), page, type, current,
        p -> render.apply((ThreadPage) p), PageRendering::heapBytes);
  }

  /** The thread's info as the cached pages last saw it. */
  Optional<ThreadInfo> cachedInfo(SiteId site, ThreadKey key) {
    ThreadScope scope = new ThreadScope(site, key);
    return cache.<PageKey, ThreadPage>values(PageKey.class, k -> k.scope.equals(scope)).stream()
        .map(ThreadPage::info).flatMap(Optional::stream).findFirst();
  }

  /** A visible comment as the cached pages of its thread last saw it. */
  Optional<Comment> cachedComment(SiteId site, ThreadKey key, CommentId id) {
    ThreadScope scope = new ThreadScope(site, key);
    for (ThreadPage page : cache.<PageKey, ThreadPage>values(PageKey.class, k -> k.scope.equals(scope))) {
      Optional<Comment> c = findIn(page.comments(), id);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private static Optional<Comment> findIn(List<CommentNode> nodes, CommentId id) {
    for (CommentNode n : nodes) {
      if (n.comment().id().equals(id)) {
        return n.tombstone() ? Optional.empty() : Optional.of(n.comment());
      }
      Optional<Comment> c = findIn(n.replies(), id);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** Outdates a thread's pages and count, and its site's recent lists. */
  void invalidate(SiteId site, ThreadKey thread) {
    cache.invalidate(new ThreadScope(site, thread));
    cache.invalidate(new SiteScope(site));
  }

  /** Outdates everything cached (kept to be served stale while the store cannot be read). */
  void invalidateAll() {
    cache.invalidateAll();
  }

  CacheStatistics statistics() {
    return cache.statistics();
  }

  static void checkLimit(int limit) {
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000: " + limit);
    }
  }

  /** A page's heap and its entry's, with what its key holds: the reader's site, thread key and cursor. */
  private static long weigh(ThreadPage page, ThreadScope scope, ThreadPageRequest request) {
    return Footprint.ENTRY + Footprint.of(page) + 2 * Footprint.object(1, 0) + Footprint.string(scope.site.value())
        + Footprint.string(scope.key.value()) + Footprint.string(request.cursor());
  }

  // The keys of every cached read: their equals and hashCode are written out because the records' generated
  // ones (method-handle chains, nested three deep here) were a tenth of a cached read's CPU in a profile.
  private record ThreadScope(SiteId site, ThreadKey key) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o == this || (o instanceof ThreadScope other && key.equals(other.key) && site.equals(other.site));
    }

    @Override
    public int hashCode() {
      return site.hashCode() * 31 + key.hashCode();
    }
  }

  private record SiteScope(SiteId site) {}

  private record PageKey(ThreadScope scope, ThreadPageRequest page) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o == this || (o instanceof PageKey other && scope.equals(other.scope) && page.equals(other.page));
    }

    @Override
    public int hashCode() {
      return scope.hashCode() * 31 + page.hashCode();
    }
  }

  private record CountKey(ThreadScope scope) {}

  private record RecentKey(SiteId site, int limit) {}

  private record Outdated(ThreadKey key, ReadCache.Stamp stamp, Optional<ReadCache.Result<Integer>> cached) {}
}
