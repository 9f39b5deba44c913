package dev.talkback.comments.jdbi;

import static dev.talkback.comments.jdbi.testing.Fixtures.T0;
import static dev.talkback.comments.jdbi.testing.Fixtures.comment;
import static dev.talkback.comments.jdbi.testing.Fixtures.randomId;
import static dev.talkback.comments.jdbi.testing.Fixtures.randomSite;
import static dev.talkback.comments.jdbi.testing.Fixtures.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.Block;
import dev.talkback.comments.Comment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.spi.BlockStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * The store when its database is away: it builds without one, every call throws
 * {@link StoreUnavailableException} with the driver's failure as cause, and it works as soon as the
 * database is back, without being rebuilt. The database is a real H2 server over TCP, started and stopped.
 */
class UnavailableStoreTest {

  @Test
  void calls_whileTheServerIsDown_failAsUnavailable_andSucceedOnceItIsUp() throws Exception {
    int port = freePort();
    try (HikariDataSource pool = pool("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:down-and-up;DB_CLOSE_DELAY=-1")) {
      JdbiCommentStore store = JdbiCommentStore.builder(pool).build(); // does not connect

      Throwable down = catchThrowable(store::initialize);
      assertThat(down).isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("cannot be reached");
      assertThat(causes(down)).anyMatch(c -> c instanceof SQLException); // the pool's or the driver's
      ThreadInfo t = thread(randomSite(), "outage");
      assertThatThrownBy(() -> store.find(t.site(), randomId())).isInstanceOf(StoreUnavailableException.class);

      Server server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
      try {
        Comment c = comment(t, T0).build();
        store.insert(t, c); // starts the store: detects H2, migrates
        assertThat(store.find(t.site(), c.id())).contains(c);
        assertThat(store.initialize()).isEqualTo(Dialect.H2);
      } finally {
        server.stop();
      }

      Throwable again = catchThrowable(() -> store.find(t.site(), randomId()));
      assertThat(again).isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("H2 ");
      assertThat(again.getCause()).isNotNull();
    }
  }

  @Test
  void blockStore_whileTheServerIsDown_failsAsUnavailable_andWorksOnceItIsUp() throws Exception {
    int port = freePort();
    try (HikariDataSource pool = pool("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:blocks-down;DB_CLOSE_DELAY=-1")) {
      BlockStore blocks = JdbiCommentStore.builder(pool).build().blockStore(); // does not connect
      SiteId site = randomSite();
      Block block = Block.ipHash("outage");

      assertThatThrownBy(() -> blocks.anyBlocked(site, List.of(block)))
          .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("cannot be reached");
      assertThatThrownBy(() -> blocks.add(site, block)).isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> blocks.remove(site, block)).isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> blocks.list(site)).isInstanceOf(StoreUnavailableException.class)
          .hasCauseInstanceOf(RuntimeException.class);

      Server server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
      try {
        assertThat(blocks.add(site, block)).isTrue(); // starts the store: detects H2, migrates
        assertThat(blocks.anyBlocked(site, List.of(block))).isTrue();
      } finally {
        server.stop();
      }

      assertThatThrownBy(() -> blocks.anyBlocked(site, List.of(block)))
          .isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("H2 ");
    }
  }

  @Test
  void calls_toAClosedPort_nameTheDialectWhenItIsKnown() throws Exception {
    try (HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:" + freePort() + "/test")) {
      JdbiCommentStore store = JdbiCommentStore.builder(pool).dialect(Dialect.POSTGRESQL).build();
      Throwable e = catchThrowable(() -> store.counts(randomSite(), java.util.List.of()));
      assertThat(e).isInstanceOf(StoreUnavailableException.class).hasMessageStartingWith("PostgreSQL ");
      assertThat(e).hasRootCauseInstanceOf(java.net.ConnectException.class);
      assertThat(store.toString()).contains("POSTGRESQL");
    }
  }

  @Test
  void builder_checksEachArgumentAtOnce() throws SQLException {
    try (HikariDataSource pool = pool("jdbc:h2:mem:")) {
      JdbiCommentStore.Builder b = JdbiCommentStore.builder(pool);
      assertThatThrownBy(() -> b.tablePrefix("Bad-")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tb_");
      assertThatThrownBy(() -> b.tablePrefix("a".repeat(25))).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.tablePrefix("1x_")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.queryTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> b.clock(null)).isInstanceOf(NullPointerException.class).hasMessage("clock");
      assertThat(b.tablePrefix("").build().tablePrefix()).isEmpty();
      assertThat(b.tablePrefix("tb_2").build().tablePrefix()).isEqualTo("tb_2");
    }
  }

  private static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("postgres");
    config.setConnectionTimeout(1_000);
    config.setInitializationFailTimeout(-1); // start the pool while the database is down
    config.setMaximumPoolSize(2);
    return new HikariDataSource(config);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static java.util.List<Throwable> causes(Throwable t) {
    java.util.List<Throwable> all = new java.util.ArrayList<>();
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      all.add(c);
    }
    return all;
  }
}
