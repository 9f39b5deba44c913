package dev.talkback.comments.jdbi.failover;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Finds the PostgreSQL binaries the drill needs: skips loudly without them, and fails in CI. */
final class InstalledPostgres {
  private InstalledPostgres() {}

  static Path binOrSkip() {
    Optional<Path> bin = PgCluster.installedBin();
    if (bin.isPresent()) {
      return bin.get();
    }
    String message = "No PostgreSQL server binaries (initdb, pg_basebackup) under /usr/lib/postgresql/*/bin:"
        + " the outage drill cannot start its own primary and replica. Install postgresql (Debian:"
        + " apt-get install postgresql) to run it.";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message + " CI=true, so this is a failure, not a skip.");
    }
    System.err.println("\n!!!!! SKIPPED: " + message + "\n");
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }
}
