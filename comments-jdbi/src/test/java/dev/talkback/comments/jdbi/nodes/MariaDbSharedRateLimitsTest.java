package dev.talkback.comments.jdbi.nodes;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link SharedRateLimitsTest} on MariaDB. */
@RequiresServer(Server.MARIADB)
class MariaDbSharedRateLimitsTest extends SharedRateLimitsTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.mariadb();
  }
}
