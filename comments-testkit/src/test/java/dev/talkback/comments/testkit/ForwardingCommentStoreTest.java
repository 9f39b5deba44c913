package dev.talkback.comments.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.StoreHealth;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the contract cannot see: that no method, default ones included, is left to the interface. */
class ForwardingCommentStoreTest {

  @Test
  void forwardingCommentStore_overridesEveryStoreMethod() throws NoSuchMethodException {
    assertThat(notOverridden(ForwardingCommentStore.class)).isEmpty();
  }

  @Test
  void faultInjectingStore_interceptsEveryStoreMethodButHealth() throws NoSuchMethodException {
    // notifications() hands out the delegate's outbox, whose own calls are not intercepted (documented)
    assertThat(notOverridden(FaultInjectingStore.class)).containsExactlyInAnyOrder("health", "notifications");
  }

  @Test
  void health_reachesTheDelegateEvenWhenEverythingFails() {
    HealthStore delegate = new HealthStore();
    FaultInjectingStore store = new FaultInjectingStore(delegate);
    store.failReads(true);
    store.failWrites(true);

    assertThat(store.health()).isEqualTo(new InMemoryCommentStore().health());
    assertThat(delegate.healthCalls.get()).isEqualTo(1);
    assertThat(store.readCalls()).isZero();
  }

  @Test
  void toString_namesTheDelegate() {
    FaultInjectingStore store = new FaultInjectingStore(new InMemoryCommentStore());

    assertThat(store.toString()).contains("failReads=false").contains("InMemoryCommentStore");
  }

  /** The {@link CommentStore} methods that {@code type} does not declare itself. */
  private static List<String> notOverridden(Class<?> type) throws NoSuchMethodException {
    List<String> missing = new ArrayList<>();
    for (Method m : CommentStore.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      if (type.getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass() != type) {
        missing.add(m.getName());
      }
    }
    return missing;
  }

  /** An in-memory store that counts the health checks reaching it. */
  private static final class HealthStore extends ForwardingCommentStore {
    final AtomicInteger healthCalls = new AtomicInteger();

    HealthStore() {
      super(new InMemoryCommentStore());
    }

    @Override
    public StoreHealth health() {
      healthCalls.incrementAndGet();
      return super.health();
    }
  }
}
