package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** The JDBI block store on MariaDB passes the block contract, in a database of its own. */
@RequiresServer(Server.MARIADB)
@DisplayName("JdbiCommentStore.blockStore() on MariaDB meets the BlockStore contract")
class MariaDbJdbiBlockStoreContractTest extends JdbiBlockStoreContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.mariadb();
  }
}
