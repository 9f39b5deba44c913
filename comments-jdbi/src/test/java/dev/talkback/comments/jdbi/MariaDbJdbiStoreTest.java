package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link JdbiStoreTest} in a MariaDB database of its own. */
@RequiresServer(Server.MARIADB)
class MariaDbJdbiStoreTest extends JdbiStoreTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.mariadb();
  }

  @Override
  Dialect expectedDialect() {
    return Dialect.MARIADB;
  }
}
