package dev.talkback.comments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ReadCacheTest {
  private final ReadCache cache = new ReadCache(1 << 20);
  private final AtomicInteger loads = new AtomicInteger();

  private Supplier<String> loader(String value) {
    return () -> {
      loads.incrementAndGet();
      return value;
    };
  }

  @Test
  void get_loadsOnceWhileScopeUnchanged() {
    assertThat(cache.get("k", "scope", loader("v1"), String::length).value()).isEqualTo("v1");
    assertThat(cache.get("k", "scope", loader("v2"), String::length).value()).isEqualTo("v1");
    assertThat(loads).hasValue(1);
    assertThat(cache.statistics().hits()).isEqualTo(1);
    assertThat(cache.statistics().misses()).isEqualTo(1);
  }

  @Test
  void current_answersHitsOnly_andNeverLoads() {
    assertThat(cache.current("k")).isNull();
    cache.get("k", "scope", loader("v1"), String::length);
    assertThat(cache.current("k")).isEqualTo("v1");
    assertThat(cache.statistics().hits()).isEqualTo(1);
    cache.invalidate("scope");
    assertThat(cache.current("k")).as("outdated by its scope").isNull();
    assertThat(loads).hasValue(1);
    cache.get("k", "scope", loader("v2"), String::length);
    assertThat(cache.current("k")).isEqualTo("v2");
    cache.invalidateAll();
    assertThat(cache.current("k")).as("outdated by invalidateAll").isNull();
    assertThat(new ReadCache(0).current("k")).as("caching off").isNull();
  }

  @Test
  void invalidate_reloadsOnlyThatScope() {
    cache.get("a", "s1", loader("a1"), String::length);
    cache.get("b", "s2", loader("b1"), String::length);
    cache.invalidate("s1");
    assertThat(cache.get("a", "s1", loader("a2"), String::length).value()).isEqualTo("a2");
    assertThat(cache.get("b", "s2", loader("b2"), String::length).value()).isEqualTo("b1");
  }

  @Test
  void get_servesOldValueAsStaleWhenReloadFindsStoreUnavailable() {
    cache.get("k", "s", loader("old"), String::length);
    cache.invalidate("s");
    ReadCache.Result<String> r = cache.get("k", "s", () -> {
      throw new StoreUnavailableException("down", null);
    }, String::length);
    assertThat(r.value()).isEqualTo("old");
    assertThat(r.stale()).isTrue();
    assertThat(cache.statistics().staleServed()).isEqualTo(1);
  }

  @Test
  void get_rethrowsWhenNothingCached() {
    assertThatThrownBy(() -> cache.get("k", "s", () -> {
      throw new StoreUnavailableException("down", null);
    }, String::length)).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void get_doesNotHideOtherFailures() {
    cache.get("k", "s", loader("old"), String::length);
    cache.invalidate("s");
    assertThatThrownBy(() -> cache.get("k", "s", () -> {
      throw new IllegalStateException("bug");
    }, String::length)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void get_loadRacingAnInvalidationIsNotTakenAsCurrent() {
    cache.get("k", "s", () -> {
      cache.invalidate("s"); // a write lands while the load runs
      return "raced";
    }, String::length);
    assertThat(cache.get("k", "s", loader("fresh"), String::length).value()).isEqualTo("fresh");
  }

  @Test
  void constructor_zeroWeightDisablesCaching() {
    ReadCache off = new ReadCache(0);
    off.get("k", "s", loader("1"), String::length);
    off.get("k", "s", loader("2"), String::length);
    assertThat(loads).hasValue(2);
  }

  @Test
  void anInvalidation_alwaysOutdates_whileEntriesAndVersionsComeAndGo() throws Exception {
    // a small weight bound, so entries are evicted all the time and their scopes' version holders are left to
    // the collector; each reader loads, invalidates, and must then never see its entry as current
    ReadCache small = new ReadCache(4_096);
    int threads = 3;
    int rounds = 100_000;
    AtomicInteger stillCurrent = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      AtomicBoolean done = new AtomicBoolean();
      Future<?> collector = pool.submit(() -> {
        while (!done.get()) {
          System.gc();
          small.cleanUp();
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      List<Future<?>> readers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int me = t;
        readers.add(pool.submit(() -> {
          for (int i = 0; i < rounds; i++) {
            String scope = "s" + me + "-" + i % 50_000;
            String key = "k-" + scope;
            small.get(key, scope, () -> "v", v -> 64L);
            small.invalidate(scope);
            if (small.current(key) != null) {
              stillCurrent.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> r : readers) {
        r.get(2, TimeUnit.MINUTES);
      }
      done.set(true);
      collector.get(1, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    assertThat(stillCurrent).as("entries current after their scope's invalidation").hasValue(0);
  }

  @Test
  void versionsOfScopesNothingHolds_areCollected() throws InterruptedException {
    for (int i = 0; i < 20_000; i++) {
      cache.invalidate("written-" + i); // threads written to and never read: nothing keeps their versions
    }
    cache.get("k", "read", loader("v"), String::length); // this one is held by its entry
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (cache.versionCount() > 1_000 && System.nanoTime() < deadline) {
      System.gc();
      cache.cleanUp();
      Thread.sleep(10);
    }
    assertThat(cache.versionCount()).isLessThan(1_000);
    assertThat(cache.current("k")).as("a held version stays, and its entry with it").isEqualTo("v");
    cache.invalidate("read");
    assertThat(cache.current("k")).isNull();
  }

  @Test
  void put_underAVersionReadBeforeAnInvalidation_isOutdated() {
    ReadCache.Stamp before = cache.stamp("s");
    cache.invalidate("s"); // a write lands while the caller loads
    cache.put("count", before, 3, 16);
    assertThat(cache.current("count")).isNull();
    cache.put("count", cache.stamp("s"), 4, 16);
    assertThat(cache.current("count")).isEqualTo(4);
    cache.invalidateAll();
    assertThat(cache.current("count")).isNull();
    assertThat(cache.peek("count")).hasValueSatisfying(r -> assertThat(r.stale()).isTrue());
  }

  @Test
  void statistics_countEvictions() {
    ReadCache tiny = new ReadCache(64);
    for (int i = 0; i < 50; i++) {
      tiny.get("k" + i, "s", loader("0123456789"), s -> 10L);
    }
    tiny.cleanUp();
    assertThat(tiny.statistics().evictions()).isGreaterThan(0);
    assertThat(tiny.statistics().misses()).isEqualTo(50);
  }
}
