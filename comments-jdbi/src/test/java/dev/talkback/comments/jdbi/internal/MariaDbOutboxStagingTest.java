package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** {@link OutboxStagingTest} on MariaDB. */
@RequiresServer(Server.MARIADB)
@DisplayName("The outbox's staging table on MariaDB")
class MariaDbOutboxStagingTest extends OutboxStagingTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.mariadb();
  }

  @Override
  protected Dialect dialect() {
    return Dialect.MARIADB;
  }
}
