package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link ServerFailuresTest} on PostgreSQL: 57014, 57P01 then 08003, 08006, 25006; 23514 and 23505 not. */
@RequiresServer(Server.POSTGRESQL)
class PostgresFailuresTest extends ServerFailuresTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.postgres();
  }

  @Override
  Server server() {
    return Server.POSTGRESQL;
  }

  @Override
  String sleepTwoSeconds() {
    return "SELECT pg_sleep(2)";
  }

  @Override
  String shortStatementTimeout() {
    return "SET statement_timeout = 100";
  }

  @Override
  String kill(long sessionId) {
    return "SELECT pg_terminate_backend(" + sessionId + ")";
  }

  @Override
  String sessionId() {
    return "SELECT pg_backend_pid()";
  }

  @Override
  String readOnlySession() {
    return "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY";
  }

  @Override
  String[] oneSecondSocketTimeout() {
    return new String[] {"socketTimeout", "1"};
  }
}
