package dev.talkback.comments.testkit;

import dev.talkback.comments.memory.InMemoryBlockStore;
import dev.talkback.comments.spi.BlockStore;
import org.junit.jupiter.api.DisplayName;

/** The in-memory block store passes the contract: one store for the whole class, as a host would use it. */
@DisplayName("InMemoryBlockStore meets the BlockStore contract")
class InMemoryBlockStoreContractTest extends BlockStoreContract {
  private static final InMemoryBlockStore STORE = new InMemoryBlockStore();

  @Override
  protected BlockStore createBlockStore() {
    return STORE;
  }
}
