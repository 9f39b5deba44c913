package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** {@link OutboxStagingTest} on PostgreSQL. */
@RequiresServer(Server.POSTGRESQL)
@DisplayName("The outbox's staging table on PostgreSQL")
class PostgresOutboxStagingTest extends OutboxStagingTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }

  @Override
  protected Dialect dialect() {
    return Dialect.POSTGRESQL;
  }
}
