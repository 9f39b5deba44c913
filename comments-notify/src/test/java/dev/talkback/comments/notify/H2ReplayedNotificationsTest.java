package dev.talkback.comments.notify;

import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** {@link ReplayedNotificationsTest} on H2 (in memory). */
@DisplayName("Notifications of comments replayed from the spool, on H2 (in memory)")
class H2ReplayedNotificationsTest extends ReplayedNotificationsTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.h2();
  }
}
