package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** The JDBI block store on H2 (in memory) passes the block contract, in a database of its own. */
@DisplayName("JdbiCommentStore.blockStore() on H2 (in memory) meets the BlockStore contract")
class H2JdbiBlockStoreContractTest extends JdbiBlockStoreContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
