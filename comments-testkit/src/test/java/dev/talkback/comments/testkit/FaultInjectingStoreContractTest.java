package dev.talkback.comments.testkit;

import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;
import org.junit.jupiter.api.DisplayName;

/**
 * While told nothing, the fault-injecting store (and so {@link ForwardingCommentStore}) is a store like any
 * other: every result and every exception of the store behind it passes through unchanged.
 */
@DisplayName("FaultInjectingStore without faults meets the CommentStore contract")
class FaultInjectingStoreContractTest extends CommentStoreContract {
  private static final FaultInjectingStore STORE = new FaultInjectingStore(new InMemoryCommentStore());

  @Override
  public CommentStore createStore() {
    return STORE;
  }
}
