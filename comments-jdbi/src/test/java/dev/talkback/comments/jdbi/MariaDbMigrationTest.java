package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link MigrationTest} on MariaDB, a fresh database for each test. */
@RequiresServer(Server.MARIADB)
class MariaDbMigrationTest extends MigrationTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.mariadb();
  }

  @Override
  Dialect dialect() {
    return Dialect.MARIADB;
  }
}
