package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** The JDBI store on H2 (in memory) passes the contract, in a database of its own. */
@DisplayName("JdbiCommentStore on H2 (in memory) meets the CommentStore contract")
class H2JdbiContractTest extends JdbiContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
