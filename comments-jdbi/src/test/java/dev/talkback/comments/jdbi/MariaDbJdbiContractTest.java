package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** The JDBI store on MariaDB passes the contract, in a database of its own. */
@RequiresServer(Server.MARIADB)
@DisplayName("JdbiCommentStore on MariaDB meets the CommentStore contract")
class MariaDbJdbiContractTest extends JdbiContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.mariadb();
  }
}
