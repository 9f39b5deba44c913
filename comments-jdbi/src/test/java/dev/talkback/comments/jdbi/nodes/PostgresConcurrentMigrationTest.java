package dev.talkback.comments.jdbi.nodes;

import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link ConcurrentMigrationTest} on PostgreSQL: threads and two child JVMs. */
@RequiresServer(Server.POSTGRESQL)
class PostgresConcurrentMigrationTest extends ConcurrentMigrationTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.postgres();
  }

  @Override
  Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Override
  Server server() {
    return Server.POSTGRESQL;
  }
}
