package dev.talkback.comments.jdbi.nodes;

import dev.talkback.comments.jdbi.testing.TestDatabase;

/** {@link SharedRateLimitsTest} on H2. */
class H2SharedRateLimitsTest extends SharedRateLimitsTest {
  @Override
  TestDatabase createDatabase() {
    return TestDatabase.h2();
  }
}
