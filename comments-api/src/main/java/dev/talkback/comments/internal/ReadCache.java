package dev.talkback.comments.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import dev.talkback.comments.CacheStatistics;
import dev.talkback.comments.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * A weight-bounded read cache whose entries are invalidated by <em>scope</em> (a thread, a site) in O(1),
 * which loads each key once however many readers miss it together, and which keeps serving an invalidated
 * entry, marked stale, when reloading it fails because the store is unavailable.
 *
 * <p>Each scope has a version, drawn from one global counter. An entry remembers the version of its scope
 * when its load began; invalidating a scope gives it a new version, so older entries no longer match and are
 * reloaded on their next read. They stay in the cache until then (or until evicted), which is what lets a
 * failed reload fall back to them. A scope's version is one small mutable holder, and each entry keeps the
 * holder of its scope beside the number it saw, so a hit checks its scope with one read of that holder
 * instead of a second look-up. Holders are mapped weakly: a scope keeps its holder for as long as an entry or
 * a reader in the middle of a load holds it, so an invalidation always reaches every entry that could
 * still match; a holder nothing holds goes with the next collection, and the scope draws a new one, newer
 * than any entry's, when next used. (A bounded map that could drop a holder still held would let a reader
 * take a number from a holder that no invalidation reaches any more.)
 *
 * <p>A miss loads inside Caffeine's atomic {@code compute} for its key: readers that miss the same key
 * meanwhile wait for that one load and then take its value, so N concurrent misses cost one store call.
 * A loader must therefore not write to this cache (reading it, as {@link #peek}, is fine). A load that
 * fails because the store is unavailable is shared the same way: the readers that waited for it get the
 * stale value (or the failure) instead of each trying the store again in turn, so a hung store costs the
 * waiting readers one deadline, not one each. A reader that arrives after the failure tries again.
 */
public final class ReadCache {
  private final Cache<Object, Entry> entries;
  private final Cache<Object, Version> versions;
  private final AtomicLong clock = new AtomicLong();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder stale = new LongAdder();
  /** The latest failed load of each key, numbered by {@link #failures} when it failed. */
  private final Cache<Object, Failure> failed;
  private final AtomicLong failures = new AtomicLong();
  private final boolean enabled;

  /**
   * A cache bounded by weight.
   *
   * @param maximumWeight the bound, in bytes of heap as the weighers count them; 0 disables caching (every
   *     read loads)
   */
  public ReadCache(long maximumWeight) {
    if (maximumWeight < 0) {
      throw new IllegalArgumentException("cache maximum weight must not be negative: " + maximumWeight);
    }
    this.enabled = maximumWeight > 0;
    this.entries = Caffeine.newBuilder()
        .maximumWeight(Math.max(1, maximumWeight))
        .weigher((Object k, Entry e) -> e.weight())
        .recordStats(Evictions::new) // only evictions: hits and misses are counted here, once
        .build();
    // no bound of its own: a holder stays while something holds it (see the class comment), so there are never
    // more than the entries' scopes and the loads in flight
    this.versions = Caffeine.newBuilder().weakValues().build();
    this.failed = Caffeine.newBuilder().maximumSize(10_000).build();
  }

  /**
   * A cached value and whether it is outdated (served because reloading failed).
   *
   * @param value the value
   * @param stale whether the value's scope changed since it was loaded
   * @param <V> the value's type
   */
  public record Result<V>(V value, boolean stale) {}

  /**
   * Returns the cached value of {@code key} if its scope has not changed since it was loaded; else loads,
   * caches and returns it, once for all readers that miss it together. If loading throws
   * {@link StoreUnavailableException} and an older value is cached, that value is returned as stale.
   *
   * @param key the entry's key
   * @param scope the scope whose invalidation outdates the entry
   * @param loader loads the value from the store; must not write to this cache
   * @param weigher the heap a value holds, in bytes, with what its entry costs
   * @param <V> the value's type
   * @return the value, stale or not
   */
  @SuppressWarnings("unchecked") // every value under a key is put by a get() of the same V
  public <V> Result<V> get(Object key, Object scope, Supplier<V> loader, ToLongFunction<V> weigher) {
    if (!enabled) {
      misses.increment();
      return new Result<>(loader.get(), false);
    }
    Entry cached = entries.getIfPresent(key);
    if (cached != null && cached.current()) {
      hits.increment();
      return new Result<>((V) cached.value, false);
    }
    long arrived = failures.get();
    Result<?>[] answer = new Result<?>[1];
    entries.asMap().compute(key, (k, old) -> {
      Version holder = holder(scope);
      long version = holder.value;
      if (old != null && old.current()) {
        hits.increment(); // another reader loaded it while this one waited
        answer[0] = new Result<>(old.value, false);
        return old;
      }
      Failure recent = failed.getIfPresent(key);
      if (recent != null && recent.number > arrived) { // a load failed while this reader waited for it
        if (old == null) {
          throw new StoreUnavailableException("a load of the same page failed meanwhile: " + recent.cause.getMessage(),
              recent.cause);
        }
        return staleOrThrow(old, recent.cause, answer);
      }
      misses.increment();
      V value;
      try {
        value = loader.get();
      } catch (StoreUnavailableException ex) {
        failed.put(key, new Failure(failures.incrementAndGet(), ex));
        return staleOrThrow(old, ex, answer);
      }
      failed.invalidate(key);
      answer[0] = new Result<>(value, false);
      return new Entry(value, holder, version, weigher.applyAsLong(value), null, 0);
    });
    return (Result<V>) answer[0];
  }

  private Entry staleOrThrow(@Nullable Entry old, StoreUnavailableException cause, Result<?>[] answer) {
    if (old == null) {
      throw cause;
    }
    stale.increment();
    answer[0] = new Result<>(old.value, true);
    return old;
  }

  /**
   * Returns the cached value of {@code key} if its scope has not changed since it was loaded, without loading
   * and without allocating: the hit path of {@link #get}, counted as a hit.
   *
   * @param key the entry's key
   * @return the current value, or {@code null} (nothing cached, or outdated)
   */
  public @Nullable Object current(Object key) {
    if (!enabled) {
      return null;
    }
    Entry cached = entries.getIfPresent(key);
    if (cached != null && cached.current()) { // its scope checked without a look-up: see the class comment
      hits.increment();
      return cached.value;
    }
    return null;
  }

  /**
   * Returns the cached value of {@code key}, current or not, without loading.
   *
   * @param key the entry's key
   * @param <V> the value's type
   * @return the value and whether it is outdated, or empty if nothing is cached
   */
  @SuppressWarnings("unchecked") // see get()
  public <V> Optional<Result<V>> peek(Object key) {
    Entry e = entries.getIfPresent(key);
    if (e == null) {
      return Optional.empty();
    }
    return Optional.of(new Result<>((V) e.value, !e.current()));
  }

  /**
   * The cached values, current or not, of every key of class {@code keyType} that matches: a scan of the
   * whole cache, for the rare path where the store is down and the cache is all there is.
   *
   * @param keyType the class of the keys to look at
   * @param matches which of those keys to take
   * @param <K> the keys' type
   * @param <V> the values' type
   * @return the values, in no order
   */
  @SuppressWarnings("unchecked") // see get()
  public <K, V> List<V> values(Class<K> keyType, Predicate<? super K> matches) {
    List<V> out = new ArrayList<>();
    entries.asMap().forEach((k, e) -> {
      if (keyType.isInstance(k) && matches.test(keyType.cast(k))) {
        out.add((V) e.value);
      }
    });
    return out;
  }

  /**
   * Puts a value loaded by the caller under the version of its scope taken before the load: outdated at once
   * if the scope was invalidated meanwhile.
   *
   * @param key the entry's key
   * @param stamp the scope's {@link #stamp} taken before the value was loaded
   * @param value the value
   * @param weight the heap it holds in bytes, with what its entry costs
   */
  public void put(Object key, Stamp stamp, Object value, long weight) {
    if (enabled) {
      entries.put(key, new Entry(value, stamp.holder, stamp.number, weight, null, 0));
    }
  }

  /**
   * Returns what {@code make} derives from the value cached under {@code key}, made once and kept with the
   * entry: its weight joins the entry's, and it goes when the entry is reloaded or evicted. One attachment
   * per entry; a different one replaces it. If {@code value} is not (or no longer) the entry's value, the
   * attachment is made and returned but not kept.
   *
   * @param key the entry's key
   * @param value the value the attachment is made from, compared by identity with the cached one
   * @param type the attachment's class
   * @param current whether a kept attachment of that class still fits the caller
   * @param make makes the attachment
   * @param weigher the heap an attachment holds, in bytes
   * @param <A> the attachment's type
   * @return the kept attachment, or a new one
   */
  public <A> A attachment(Object key, Object value, Class<A> type, Predicate<? super A> current,
      Function<Object, ? extends A> make, ToLongFunction<? super A> weigher) {
    Entry e = enabled ? entries.getIfPresent(key) : null;
    if (e == null || e.value != value) {
      return make.apply(value);
    }
    Object kept = e.attachment;
    if (type.isInstance(kept) && current.test(type.cast(kept))) {
      return type.cast(kept);
    }
    A made = make.apply(value);
    long weight = weigher.applyAsLong(made);
    entries.asMap().computeIfPresent(key,
        (k, old) -> old.value == value ? new Entry(old.value, old.scope, old.version, old.own, made, weight) : old);
    return made;
  }

  /**
   * The current version of a scope, taken before a load whose value the caller will {@link #put}: it holds
   * the scope's version while the caller loads, so an invalidation meanwhile reaches it.
   *
   * @param scope the scope
   * @return the stamp
   */
  public Stamp stamp(Object scope) {
    Version h = holder(scope);
    return new Stamp(h, h.value);
  }

  /** A scope's version as it was before a load; see {@link #stamp}. */
  public static final class Stamp {
    private final Version holder;
    private final long number;

    private Stamp(Version holder, long number) {
      this.holder = holder;
      this.number = number;
    }
  }

  /** The holder of a scope's version, made with a new number when the scope has none. */
  private Version holder(Object scope) {
    Version v = versions.getIfPresent(scope); // the common case: no mapping function made
    return v != null ? v : versions.get(scope, s -> new Version(clock.incrementAndGet()));
  }

  /**
   * Outdates every entry of this scope.
   *
   * @param scope the scope
   */
  public void invalidate(Object scope) {
    holder(scope).value = clock.incrementAndGet(); // every entry or load that could match holds this holder
  }

  /**
   * Outdates every entry of every scope, keeping the values to serve stale: each scope gets a new version,
   * newer than any entry's.
   */
  public void invalidateAll() {
    // every holder an entry or a load holds is in the map
    versions.asMap().values().forEach(v -> v.value = clock.incrementAndGet());
  }

  /** Runs pending maintenance now (evictions to the bound, among others); Caffeine otherwise runs it soon. */
  public void cleanUp() {
    entries.cleanUp();
    versions.cleanUp();
  }

  /** How many scopes hold a version now, collected holders aside once {@link #cleanUp} has run. */
  long versionCount() {
    return versions.estimatedSize();
  }

  /** Counts a read answered with stale data by the caller. */
  public void countStale() {
    stale.increment();
  }

  /**
   * Hit, miss, stale and eviction counts since this cache was made.
   *
   * @return the statistics
   */
  public CacheStatistics statistics() {
    return new CacheStatistics(hits.sum(), misses.sum(), stale.sum(), entries.stats().evictionCount(),
        entries.estimatedSize(), enabled ? entries.policy().eviction().orElseThrow().weightedSize().orElse(0) : 0);
  }

  /** A scope's version: changed in place when the scope is invalidated. */
  private static final class Version {
    volatile long value;

    Version(long value) {
      this.value = value;
    }
  }

  /**
   * A cached value with its scope's version holder and the number it held when the load began, its own
   * weight, and what a caller derived from it ({@link #attachment}) with that one's weight.
   */
  private record Entry(Object value, Version scope, long version, long own, @Nullable Object attachment,
      long attached) {
    /** Whether the scope is unchanged since the value was loaded. */
    boolean current() {
      return scope.value == version;
    }

    /** The weight Caffeine bounds: the value's and the attachment's, at least 1, at most an int. */
    int weight() {
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, own + attached));
    }
  }

  private record Failure(long number, StoreUnavailableException cause) {}

  /**
   * Caffeine's statistics reduced to evictions, the one figure this cache does not count itself: a hit then
   * costs Caffeine no counter.
   */
  private static final class Evictions implements StatsCounter {
    private final LongAdder evictions = new LongAdder();
    private final LongAdder evictedWeight = new LongAdder();

    @Override
    public void recordHits(int count) {}

    @Override
    public void recordMisses(int count) {}

    @Override
    public void recordLoadSuccess(long loadTime) {}

    @Override
    public void recordLoadFailure(long loadTime) {}

    @Override
    public void recordEviction(int weight, RemovalCause cause) {
      evictions.increment();
      evictedWeight.add(weight);
    }

    @Override
    public CacheStats snapshot() {
      return CacheStats.of(0, 0, 0, 0, 0, evictions.sum(), evictedWeight.sum());
    }
  }
}
