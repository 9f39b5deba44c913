package dev.talkback.comments.testkit;

import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.spi.CommentStore;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;

/** The in-memory store with an outbox passes the notification contract. */
@DisplayName("InMemoryCommentStore.withNotifications meets the NotificationStore contract")
class InMemoryNotificationStoreContractTest extends NotificationStoreContract {
  private static final InMemoryCommentStore STORE = InMemoryCommentStore.withNotifications(Clock.systemUTC());

  @Override
  protected CommentStore createStore() {
    return STORE;
  }
}
