package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link MigrationTest} on H2, a fresh database for each test. */
class H2MigrationTest extends MigrationTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.h2();
  }

  @Override
  Dialect dialect() {
    return Dialect.H2;
  }
}
