package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** The JDBI store's outbox and subscriptions on PostgreSQL pass the notification contract. */
@RequiresServer(Server.POSTGRESQL)
@DisplayName("JdbiCommentStore.notifications() on PostgreSQL meets the NotificationStore contract")
class PostgresJdbiNotificationStoreContractTest extends JdbiNotificationStoreContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.postgres();
  }
}
