package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** {@link OutboxStagingTest} on H2 (in memory). */
@DisplayName("The outbox's staging table on H2 (in memory)")
class H2OutboxStagingTest extends OutboxStagingTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.h2();
  }

  @Override
  protected Dialect dialect() {
    return Dialect.H2;
  }
}
