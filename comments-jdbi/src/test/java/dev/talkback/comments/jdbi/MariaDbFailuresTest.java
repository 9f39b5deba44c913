package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;

/**
 * {@link ServerFailuresTest} on MariaDB: max_statement_time (1969), KILL, socket timeout, a read-only
 * transaction (1792, SQLState 25006); a CHECK violation and a duplicate key are not unavailable.
 */
@RequiresServer(Server.MARIADB)
class MariaDbFailuresTest extends ServerFailuresTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.mariadb();
  }

  @Override
  Server server() {
    return Server.MARIADB;
  }

  @Override
  String sleepTwoSeconds() {
    return "SELECT SLEEP(2)";
  }

  @Override
  String shortStatementTimeout() {
    return "SET SESSION max_statement_time = 0.1";
  }

  @Override
  String kill(long sessionId) {
    return "KILL CONNECTION " + sessionId;
  }

  @Override
  String sessionId() {
    return "SELECT CONNECTION_ID()";
  }

  @Override
  String readOnlySession() {
    return "SET SESSION TRANSACTION READ ONLY";
  }

  @Override
  String[] oneSecondSocketTimeout() {
    return new String[] {"socketTimeout", "1000"};
  }
}
