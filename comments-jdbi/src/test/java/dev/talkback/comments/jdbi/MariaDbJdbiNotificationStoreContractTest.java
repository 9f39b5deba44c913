package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** The JDBI store's outbox and subscriptions on MariaDB pass the notification contract. */
@RequiresServer(Server.MARIADB)
@DisplayName("JdbiCommentStore.notifications() on MariaDB meets the NotificationStore contract")
class MariaDbJdbiNotificationStoreContractTest extends JdbiNotificationStoreContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.mariadb();
  }
}
