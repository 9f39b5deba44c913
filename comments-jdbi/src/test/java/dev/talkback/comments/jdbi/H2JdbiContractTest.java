package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.testkit.CommentStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/**
 * The JDBI store on H2 (in memory) passes the contract: one store for the whole class, in a H2 (in memory) database of its
 * own created at the first test and dropped after the last.
 */
@DisplayName("JdbiCommentStore on H2 (in memory) meets the CommentStore contract")
class H2JdbiContractTest extends CommentStoreContract {
  private static TestDatabase database;
  private static JdbiCommentStore store;

  @Override
  protected CommentStore createStore() {
    if (store == null) {
      database = TestDatabase.h2();
      store = JdbiCommentStore.builder(database.dataSource()).build();
    }
    return store;
  }

  @AfterAll
  static void dropDatabase() {
    if (database != null) {
      database.close();
    }
    database = null;
    store = null;
  }
}
