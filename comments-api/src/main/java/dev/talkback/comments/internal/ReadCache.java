package dev.talkback.comments.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.talkback.comments.CacheStatistics;
import dev.talkback.comments.StoreUnavailableException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A weight-bounded read cache whose entries are invalidated by <em>scope</em> (a thread, a site) in O(1),
 * and which keeps serving an invalidated entry, marked stale, when reloading it fails because the store is
 * unavailable.
 *
 * <p>Each scope has a version, drawn from one global counter. An entry remembers the version of its scope
 * when its load began; invalidating a scope gives it a new version, so older entries no longer match and are
 * reloaded on their next read. They stay in the cache until then (or until evicted), which is what lets a
 * failed reload fall back to them. Versions are themselves cached with a bound: a forgotten version is
 * drawn anew, which only forces a reload.
 */
public final class ReadCache {
  private final Cache<Object, Entry> entries;
  private final Cache<Object, Long> versions;
  private final AtomicLong clock = new AtomicLong();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder stale = new LongAdder();
  private final boolean enabled;

  /** @param maximumWeight the bound, in approximate bytes; 0 disables caching (every read loads) */
  public ReadCache(long maximumWeight) {
    if (maximumWeight < 0) {
      throw new IllegalArgumentException("cache maximum weight must not be negative: " + maximumWeight);
    }
    this.enabled = maximumWeight > 0;
    this.entries = Caffeine.newBuilder()
        .maximumWeight(Math.max(1, maximumWeight))
        .weigher((Object k, Entry e) -> e.weight)
        .recordStats()
        .build();
    this.versions = Caffeine.newBuilder().maximumSize(200_000).build();
  }

  /** A cached value and whether it is outdated (served because reloading failed). */
  public record Result<V>(V value, boolean stale) {}

  /**
   * Returns the cached value of {@code key} if its scope has not changed since it was loaded; else loads,
   * caches and returns it. If loading throws {@link StoreUnavailableException} and an older value is
   * cached, that value is returned as stale.
   *
   * @param weigher the approximate size of a value in bytes
   */
  @SuppressWarnings("unchecked")
  public <V> Result<V> get(Object key, Object scope, Supplier<V> loader, ToIntFunction<V> weigher) {
    long version = version(scope);
    Entry e = enabled ? entries.getIfPresent(key) : null;
    if (e != null && e.version == version) {
      hits.increment();
      return new Result<>((V) e.value, false);
    }
    misses.increment();
    V value;
    try {
      value = loader.get();
    } catch (StoreUnavailableException ex) {
      if (e != null) {
        stale.increment();
        return new Result<>((V) e.value, true);
      }
      throw ex;
    }
    if (enabled) {
      entries.put(key, new Entry(value, version, Math.max(1, weigher.applyAsInt(value))));
    }
    return new Result<>(value, false);
  }

  /** Returns the cached value of {@code key}, current or not, without loading. */
  @SuppressWarnings("unchecked")
  public <V> Result<V> peek(Object key, Object scope) {
    Entry e = entries.getIfPresent(key);
    if (e == null) {
      return null;
    }
    return new Result<>((V) e.value, e.version != version(scope));
  }

  /**
   * The cached values, current or not, of every key of class {@code keyType} that matches: a scan of the
   * whole cache, for the rare path where the store is down and the cache is all there is.
   */
  @SuppressWarnings("unchecked")
  public <K, V> java.util.List<V> values(Class<K> keyType, java.util.function.Predicate<? super K> matches) {
    java.util.List<V> out = new java.util.ArrayList<>();
    entries.asMap().forEach((k, e) -> {
      if (keyType.isInstance(k) && matches.test(keyType.cast(k))) {
        out.add((V) e.value);
      }
    });
    return out;
  }

  /** Puts a value loaded by the caller under the current version of its scope. */
  public void put(Object key, Object scope, Object value, int weight) {
    if (enabled) {
      entries.put(key, new Entry(value, version(scope), Math.max(1, weight)));
    }
  }

  /** The current version of a scope. */
  public long version(Object scope) {
    return versions.get(scope, s -> clock.incrementAndGet());
  }

  /** Outdates every entry of this scope. */
  public void invalidate(Object scope) {
    versions.put(scope, clock.incrementAndGet());
  }

  /** Counts a read answered with stale data by the caller. */
  public void countStale() {
    stale.increment();
  }

  /** Hit, miss, stale and eviction counts since this cache was made. */
  public CacheStatistics statistics() {
    return new CacheStatistics(hits.sum(), misses.sum(), stale.sum(), entries.stats().evictionCount(),
        entries.estimatedSize());
  }

  private record Entry(Object value, long version, int weight) {}
}
