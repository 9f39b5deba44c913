package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link StorableTextTest} on Postgres. */
@RequiresServer(Server.POSTGRESQL)
class PostgresStorableTextTest extends StorableTextTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.postgres();
  }
}
