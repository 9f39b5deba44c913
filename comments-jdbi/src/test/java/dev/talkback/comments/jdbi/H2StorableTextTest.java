package dev.talkback.comments.jdbi;

import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link StorableTextTest} on H2. */

class H2StorableTextTest extends StorableTextTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.h2();
  }
}
