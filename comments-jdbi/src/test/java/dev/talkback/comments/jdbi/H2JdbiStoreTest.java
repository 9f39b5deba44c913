package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link JdbiStoreTest} on an in-memory H2 database of its own. */
class H2JdbiStoreTest extends JdbiStoreTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.h2();
  }

  @Override
  Dialect expectedDialect() {
    return Dialect.H2;
  }
}
