package dev.talkback.comments.io;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.spi.CommentStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** The round trip on the JDBI store, on each database; two stores per test by table prefix. */
class JdbiRoundTripTests {
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class OnDatabase extends RoundTripContract {
    private TestDatabase db;
    private int stores;

    abstract TestDatabase open();

    @BeforeAll
    void openDatabase() {
      db = open();
    }

    @AfterAll
    void closeDatabase() {
      if (db != null) {
        db.close();
      }
    }

    @Override
    CommentStore newStore(String name) {
      JdbiCommentStore store = JdbiCommentStore.builder(db.dataSource()).tablePrefix(name + (stores++) + "_").build();
      store.initialize();
      return store;
    }
  }

  @Nested
  @DisplayName("on H2")
  class H2 extends OnDatabase {
    @Override
    TestDatabase open() {
      return TestDatabase.h2();
    }
  }

  @Nested
  @DisplayName("on PostgreSQL")
  @RequiresServer(Server.POSTGRESQL)
  class Postgres extends OnDatabase {
    @Override
    TestDatabase open() {
      return TestDatabase.postgres();
    }
  }

  @Nested
  @DisplayName("on MariaDB")
  @RequiresServer(Server.MARIADB)
  class MariaDb extends OnDatabase {
    @Override
    TestDatabase open() {
      return TestDatabase.mariadb();
    }
  }
}
