package dev.talkback.comments.notify;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;

/** {@link ReplayedNotificationsTest} on MariaDB. */
@RequiresServer(Server.MARIADB)
@DisplayName("Notifications of comments replayed from the spool, on MariaDB")
class MariaDbReplayedNotificationsTest extends ReplayedNotificationsTest {
  @Override
  protected TestDatabase newDatabase() {
    return TestDatabase.mariadb();
  }
}
