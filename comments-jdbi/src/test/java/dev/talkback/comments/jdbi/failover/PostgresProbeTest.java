package dev.talkback.comments.jdbi.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.fallback.Writability;
import dev.talkback.comments.testkit.Await;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL probe on a real primary and streaming replica: read-only replica, positions, promotion to
 * a new timeline, and the old primary coming back on the old one. The steps build on each other.
 */
@Tag("database") // starts its own PostgreSQL clusters from the installed server binaries
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresProbeTest {
  static PgCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = PgCluster.start(InstalledPostgres.binOrSkip(), port -> port);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static PGSimpleDataSource ds(PgCluster.Server s) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(s.jdbcUrl(DrillDataSources.FAIL_FAST));
    ds.setUser("postgres");
    return ds;
  }

  @Test
  @Order(1)
  void probe_primaryAndReplica() throws Exception {
    PostgresProbe primary = PostgresProbe.of(ds(cluster.primary()));
    PostgresProbe replica = PostgresProbe.of(ds(cluster.replica()));
    Writability p = primary.probe();
    assertThat(p.writable()).isTrue();
    assertThat(p.generation()).isEqualTo(1);
    assertThat(p.detail()).contains(":" + cluster.primary().port).contains("timeline 1");
    Writability r = replica.probe();
    assertThat(r.writable()).isFalse();
    assertThat(r.generation()).isEqualTo(1);
    assertThat(r.detail()).contains("in recovery");

    try (Connection c = ds(cluster.primary()).getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE probe_test(x int)");
      s.execute("INSERT INTO probe_test SELECT generate_series(1, 1000)");
    }
    OptionalLong written = primary.writePosition();
    assertThat(written).isPresent();
    assertThat(primary.replayPosition()).isEmpty();
    assertThat(replica.writePosition()).isEmpty();
    Await.until("the replica replayed the primary's writes",
        () -> replica.replayPosition().orElse(0) >= written.getAsLong());
  }

  @Test
  @Order(2)
  void probe_frozenPrimaryTimesOut_crashedPrimaryRefuses() {
    PostgresProbe primary = PostgresProbe.of(ds(cluster.primary()));
    cluster.primary().freeze();
    try {
      long start = System.nanoTime();
      assertThatThrownBy(primary::probe).isInstanceOf(StoreUnavailableException.class);
      // loginTimeout / socketTimeout of the fail-fast settings bound the wait
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    } finally {
      cluster.primary().thaw();
    }
    assertThat(primary.probe().writable()).isTrue();
    cluster.primary().crash();
    assertThatThrownBy(primary::probe).isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("SQLState 08");
  }

  @Test
  @Order(3)
  void probe_promotedReplicaOnNewTimeline_oldPrimaryStaysOnOld() {
    cluster.replica().promote();
    Writability promoted = PostgresProbe.of(ds(cluster.replica())).probe();
    assertThat(promoted.writable()).isTrue();
    assertThat(promoted.generation()).isEqualTo(2);

    cluster.primary().start(); // the old primary comes back as if nothing happened
    Writability stale = PostgresProbe.of(ds(cluster.primary())).probe();
    assertThat(stale.writable()).isTrue();
    assertThat(stale.generation()).as("a stale primary is on the old timeline").isEqualTo(1);
  }
}
