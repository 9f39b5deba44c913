package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.testkit.CommentStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract on one database: one store for the whole class, in a database of its own created at the
 * first test and dropped after the last. The contract gives each test a fresh site, so the tests of a class
 * share the store (and this instance) without sharing data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbiContractTest extends CommentStoreContract {
  private TestDatabase database;
  private JdbiCommentStore store;

  /** A new, empty database of this class's kind. */
  protected abstract TestDatabase newDatabase();

  @Override
  public CommentStore createStore() {
    if (store == null) {
      database = newDatabase();
      store = JdbiCommentStore.builder(database.dataSource()).build();
    }
    return store;
  }

  @AfterAll
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }
}
