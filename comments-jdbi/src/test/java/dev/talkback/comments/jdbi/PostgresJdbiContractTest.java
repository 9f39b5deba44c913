package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** The JDBI store on PostgreSQL passes the contract, in a database of its own. */
@RequiresServer(Server.POSTGRESQL)
@DisplayName("JdbiCommentStore on PostgreSQL meets the CommentStore contract")
class PostgresJdbiContractTest extends JdbiContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
