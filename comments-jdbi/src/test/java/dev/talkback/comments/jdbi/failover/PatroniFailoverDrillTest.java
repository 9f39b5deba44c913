package dev.talkback.comments.jdbi.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Patroni failover drill (see {@link PatroniDrill}): etcd, a Patroni leader and three replicas, and a
 * disk failure, a frozen primary and its return, with readers and writers running. Writes
 * {@code target/patroni-drill/report.json} and {@code report.md}. About two minutes on two cores.
 */
@Tag("database") // starts its own etcd and Patroni-managed PostgreSQL servers
class PatroniFailoverDrillTest {
  static Path bin;

  @BeforeAll
  static void patroni() {
    bin = InstalledPostgres.binOrSkip();
    if (!PatroniCluster.installed()) {
      String message = "No patroni or etcd on the PATH: the Patroni failover drill cannot start its cluster."
          + " Install them (Debian: apt-get install patroni etcd-server etcd-client) to run it.";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message + " CI=true, so this is a failure, not a skip.");
      }
      System.err.println("\n!!!!! SKIPPED: " + message + "\n");
      Assumptions.abort(message);
    }
  }

  @Test
  @DisplayName("Patroni promotes, Talkback finds the new primary itself: no failed read, no lost or duplicated"
      + " comment, no write to a stale primary, through a disk failure, a frozen primary and its return")
  void failover() throws Exception {
    PatroniDrillResult r = PatroniDrill.run(bin);
    Path dir = r.write(Path.of("target", "patroni-drill"));
    System.out.println("\nPatroni failover drill (" + dir.resolve("report.json").toAbsolutePath() + "):\n"
        + r.table());
    List<Map<String, Object>> runs = r.runs();
    assertThat(runs).extracting(m -> m.get("drill")).containsExactly("disk_lost", "frozen", "returned");
    assertThat(r.problems()).isEmpty();
    assertThat(runs).allSatisfy(m -> {
      assertThat(m).containsEntry("readsFailed", 0L).containsEntry("acknowledgedLost", 0L)
          .containsEntry("writesToStalePrimary", 0L);
      assertThat((Long) m.get("readsAttempted")).isPositive();
      assertThat((Long) m.get("writesAttempted")).isPositive();
    });
  }
}
