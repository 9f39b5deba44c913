package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link MigrationTest} on PostgreSQL, a fresh database for each test. */
@RequiresServer(Server.POSTGRESQL)
class PostgresMigrationTest extends MigrationTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.postgres();
  }

  @Override
  Dialect dialect() {
    return Dialect.POSTGRESQL;
  }
}
