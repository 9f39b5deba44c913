package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** The JDBI block store on PostgreSQL passes the block contract, in a database of its own. */
@RequiresServer(Server.POSTGRESQL)
@DisplayName("JdbiCommentStore.blockStore() on PostgreSQL meets the BlockStore contract")
class PostgresJdbiBlockStoreContractTest extends JdbiBlockStoreContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
