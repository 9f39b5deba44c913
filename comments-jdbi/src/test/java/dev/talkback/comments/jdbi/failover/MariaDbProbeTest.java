package dev.talkback.comments.jdbi.failover;

import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.fallback.Writability;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/** The MariaDB probe against the MariaDB of the build machine (127.0.0.1:3306, read_only off). */
@RequiresServer(Server.MARIADB)
class MariaDbProbeTest {

  @Test
  void probe_writableServer() throws Exception {
    Writability w = MariaDbProbe.of(new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/test?user=root")).probe();
    assertThat(w.writable()).isTrue();
    assertThat(w.generation()).as("MariaDB has no timeline").isZero();
    assertThat(w.detail()).endsWith(":3306");
  }

  @Test
  void probe_nothingListening() throws Exception {
    int port = PgCluster.freePort();
    MariaDbDataSource ds = new MariaDbDataSource("jdbc:mariadb://127.0.0.1:" + port + "/test?user=root&connectTimeout=1000");
    assertThatThrownBy(() -> MariaDbProbe.of(ds).probe())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("MariaDB probe failed");
  }
}
