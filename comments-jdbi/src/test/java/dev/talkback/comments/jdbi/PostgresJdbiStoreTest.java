package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link JdbiStoreTest} in a PostgreSQL schema of its own. */
@RequiresServer(Server.POSTGRESQL)
class PostgresJdbiStoreTest extends JdbiStoreTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.postgres();
  }

  @Override
  Dialect expectedDialect() {
    return Dialect.POSTGRESQL;
  }
}
