package dev.talkback.comments.jdbi.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Issue 14, finding 6: connections the network leaves half-open (the proxy stops forwarding on them without
 * closing them; new connections work) kept the store read-only forever when the driver had no socket
 * timeout: a store call stuck on such a connection held it, and the probes waited for the pool. The store
 * and the probe bound their socket waits themselves ({@code setNetworkTimeout}), so the stuck connection is
 * closed, the pool opens a fresh one, and the store recovers on its own. Against the real PostgreSQL.
 */
@RequiresServer(Server.POSTGRESQL)
class HalfOpenConnectionsTest {
  private static final String PREFIX = "fbhalf_";

  @TempDir Path dir;

  private NioReactor reactor;
  private TcpCrusher crusher;
  private HikariDataSource pool;
  private FallbackCommentStore store;
  private final SiteId site = SiteId.of("half-" + UUID.randomUUID().toString().substring(0, 8));
  private final ThreadInfo thread = ThreadInfo.of(site, ThreadKey.of("half-open"), "Half-open connections");

  @AfterEach
  void stop() throws Exception {
    if (store != null) {
      store.close();
    }
    if (crusher != null) {
      crusher.unfreezeAllPairs();
      crusher.close();
    }
    if (reactor != null) {
      reactor.close();
    }
    if (pool != null) {
      pool.close();
    }
  }

  @Test
  @DisplayName("half-open pooled connections, no socket timeout in the URL: the store recovers on its own")
  void halfOpenConnections_noDriverSocketTimeout_storeRecoversByItself() throws Exception {
    reactor = new NioReactor();
    crusher = TcpCrusherBuilder.builder().withReactor(reactor)
        .withBindAddress("127.0.0.1", PgCluster.freePort())
        .withConnectAddress("127.0.0.1", 5432)
        .buildAndOpen();
    HikariConfig c = new HikariConfig();
    // no socketTimeout and no tcpKeepAlive: a half-open connection would block a read forever
    c.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + crusher.getBindAddress().getPort() + "/test?connectTimeout=2&loginTimeout=3");
    c.setUsername("postgres");
    c.setMaximumPoolSize(1); // one stuck call is enough to starve everything that shares the pool
    c.setConnectionTimeout(1000);
    c.setValidationTimeout(250);
    c.setInitializationFailTimeout(-1);
    pool = new HikariDataSource(c);
    // the tables first, directly (Flyway wants more than the one connection of the pool under test)
    PGSimpleDataSource directDs = new PGSimpleDataSource();
    directDs.setUrl("jdbc:postgresql://127.0.0.1:5432/test?" + DrillDataSources.FAIL_FAST);
    directDs.setUser("postgres");
    JdbiCommentStore.builder(directDs).tablePrefix(PREFIX).build().initialize();
    JdbiCommentStore primary = JdbiCommentStore.builder(pool).tablePrefix(PREFIX).migrate(false)
        .networkTimeout(Duration.ofSeconds(2)).build();
    primary.initialize();
    store = FallbackCommentStore.builder()
        .primary("pg-proxied", primary, PostgresProbe.of(pool, Duration.ofSeconds(1)))
        .spool(FileWriteSpool.open(dir.resolve("spool.log")))
        .readDeadline(Duration.ofSeconds(1))
        .writeDeadline(Duration.ofSeconds(3))
        .probeDeadline(Duration.ofSeconds(2))
        .probeInterval(Duration.ofMillis(200))
        .build();

    Comment before = comment("before");
    assertThat(store.insert(thread, before).outcome()).isEqualTo(InsertResult.Outcome.CREATED);

    crusher.freezeAllPairs(); // every open connection now goes nowhere, and nothing closes it
    try {
      store.counts(site, Set.of(thread.key()));
    } catch (StoreUnavailableException expected) {
      // the read that hung on the half-open connection missed its deadline
    }
    assertThat(store.mode()).isEqualTo(StoreMode.READ_ONLY);
    Comment during = comment("during");
    assertThat(store.insert(thread, during).outcome()).isEqualTo(InsertResult.Outcome.QUEUED);

    // new connections reach the database; the old ones stay frozen for ever
    Await.until(Duration.ofSeconds(30), "read-write again without any help",
        () -> store.mode() == StoreMode.READ_WRITE && store.health().spoolDepth() == 0);
    assertThat(store.find(site, during.id())).contains(during);
    Comment after = comment("after");
    assertThat(store.insert(thread, after).outcome()).isEqualTo(InsertResult.Outcome.CREATED);
    assertThat(store.counts(site, Set.of(thread.key()))).containsEntry(thread.key(), 3);
  }

  private Comment comment(String text) {
    return Comment.builder().id(CommentId.of(UUID.randomUUID())).site(site).thread(thread.key())
        .author(Author.named("Net")).source(text).html("<p>" + text + "</p>").status(CommentStatus.APPROVED)
        .created(Instant.now().truncatedTo(ChronoUnit.MICROS)).build();
  }
}
