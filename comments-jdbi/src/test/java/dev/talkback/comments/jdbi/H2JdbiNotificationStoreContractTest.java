package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** The JDBI store's outbox and subscriptions on H2 (in memory) pass the notification contract. */
@DisplayName("JdbiCommentStore.notifications() on H2 (in memory) meets the NotificationStore contract")
class H2JdbiNotificationStoreContractTest extends JdbiNotificationStoreContractTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
