package dev.talkback.comments.jdbi.testing;

import org.junit.jupiter.api.Test;

/**
 * A class that needs PostgreSQL, run only by {@link ServerConditionTest} through the JUnit launcher with the
 * server pointed at a closed port (its name keeps the build's own test run away from it).
 */
@RequiresServer(Server.POSTGRESQL)
class UnreachableServerProbe {
  static volatile boolean ran;

  @Test
  void needsTheServer() {
    ran = true;
  }
}
