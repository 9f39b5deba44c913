package dev.talkback.comments.jdbi.nodes;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link SharedRateLimitsTest} on Postgres. */
@RequiresServer(Server.POSTGRESQL)
class PostgresSharedRateLimitsTest extends SharedRateLimitsTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.postgres();
  }
}
