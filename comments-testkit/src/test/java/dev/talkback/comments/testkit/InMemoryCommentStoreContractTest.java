package dev.talkback.comments.testkit;

import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;
import org.junit.jupiter.api.DisplayName;

/** The in-memory store passes the contract: one store for the whole class, as a long-lived host would use it. */
@DisplayName("InMemoryCommentStore meets the CommentStore contract")
class InMemoryCommentStoreContractTest extends CommentStoreContract {
  private static final InMemoryCommentStore STORE = new InMemoryCommentStore();

  @Override
  public CommentStore createStore() {
    return STORE;
  }
}
