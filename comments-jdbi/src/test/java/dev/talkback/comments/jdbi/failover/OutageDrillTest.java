package dev.talkback.comments.jdbi.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.jdbi.failover.OutageDrill.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The outage drill (see {@link OutageDrill}), in both scenarios and both modes, against a PostgreSQL
 * primary and replica it starts itself. Writes {@code target/outage-drill/report.json} and
 * {@code report.md}. About two minutes.
 */
@Tag("database") // starts its own PostgreSQL clusters from the installed server binaries
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutageDrillTest {
  static Path bin;
  static final List<DrillResult> results = new ArrayList<>();

  @BeforeAll
  static void postgres() {
    bin = InstalledPostgres.binOrSkip();
  }

  @AfterAll
  static void report() throws Exception {
    if (!results.isEmpty()) {
      Path dir = DrillResult.write(results, Path.of("target", "outage-drill"));
      System.out.println("\nOutage drill (" + dir.resolve("report.json").toAbsolutePath() + "):\n"
          + DrillResult.table(results));
    }
  }

  private static DrillResult drill(Scenario s, boolean retain) throws Exception {
    DrillResult r = OutageDrill.run(bin, s, retain);
    results.add(r);
    return r;
  }

  @Test
  @Order(1)
  @DisplayName("a crashed primary: reads keep working, writes are queued, the promoted replica takes over;"
      + " acknowledged writes not yet replicated are lost and counted")
  void crash_defaultMode() throws Exception {
    DrillResult r = drill(Scenario.CRASH, false);
    assertThat(r.problems()).isEmpty();
  }

  @Test
  @Order(2)
  @DisplayName("a crashed primary with retainUntilReplicated: no acknowledged or queued comment is lost")
  void crash_retain() throws Exception {
    DrillResult r = drill(Scenario.CRASH, true);
    assertThat(r.problems()).isEmpty();
    assertThat(r.toMap()).containsEntry("writesLost", 0);
  }

  @Test
  @Order(3)
  @DisplayName("a frozen primary costs one deadline, then the same as a crash")
  void freeze_defaultMode() throws Exception {
    DrillResult r = drill(Scenario.FREEZE, false);
    assertThat(r.problems()).isEmpty();
  }

  @Test
  @Order(4)
  @DisplayName("a frozen primary with retainUntilReplicated: nothing lost")
  void freeze_retain() throws Exception {
    DrillResult r = drill(Scenario.FREEZE, true);
    assertThat(r.problems()).isEmpty();
    assertThat(r.toMap()).containsEntry("writesLost", 0);
  }
}
