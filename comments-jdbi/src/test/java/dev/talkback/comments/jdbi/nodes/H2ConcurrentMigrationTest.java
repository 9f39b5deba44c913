package dev.talkback.comments.jdbi.nodes;

import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import org.jspecify.annotations.Nullable;

/**
 * {@link ConcurrentMigrationTest} on H2 in memory: threads of one JVM only, since an embedded H2 database
 * belongs to the one process that opened it.
 */
class H2ConcurrentMigrationTest extends ConcurrentMigrationTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.h2();
  }

  @Override
  Dialect dialect() {
    return Dialect.H2;
  }

  @Override
  String historyQuery() {
    return "SELECT \"version\", \"success\" FROM \"talkback_schema_history\" WHERE \"version\" IS NOT NULL";
  }

  @Override
  @Nullable Server server() {
    return null;
  }
}
