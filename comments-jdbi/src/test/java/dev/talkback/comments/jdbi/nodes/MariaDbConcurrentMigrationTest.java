package dev.talkback.comments.jdbi.nodes;

import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link ConcurrentMigrationTest} on MariaDB: threads and two child JVMs. */
@RequiresServer(Server.MARIADB)
class MariaDbConcurrentMigrationTest extends ConcurrentMigrationTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.mariadb();
  }

  @Override
  Dialect dialect() {
    return Dialect.MARIADB;
  }

  @Override
  Server server() {
    return Server.MARIADB;
  }
}
