package dev.talkback.examples.demoblog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.spi.CommentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the demo keeps its comments: an H2 database file through the JDBI store, behind the fallback
 * store with a durable write spool, as a production blog would run on PostgreSQL or MariaDB.
 */
final class DemoStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoStore.class);
  private final HikariDataSource dataSource;
  private final SwitchableDataSource outageSwitch;
  private final FallbackCommentStore store;

  private DemoStore(HikariDataSource dataSource, SwitchableDataSource outageSwitch, FallbackCommentStore store) {
    this.dataSource = dataSource;
    this.outageSwitch = outageSwitch;
    this.store = store;
  }

  /** Opens (creating if needed) the database and spool under {@code dir}. */
  static DemoStore open(Path dir) {
    return open(dir, false);
  }

  /**
   * As {@link #open(Path)}; with {@code databaseDown} the outage switch is on before the fallback store
   * starts, as after a crash during an outage (tests start the blog that way).
   */
  static DemoStore open(Path dir, boolean databaseDown) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo's data directory " + dir.toAbsolutePath(), e);
    }
    HikariConfig config = new HikariConfig();
    // WRITE_DELAY=0: every commit is on disk before the reader is told 201 (H2 waits 500 ms by default)
    config.setJdbcUrl("jdbc:h2:file:" + dir.toAbsolutePath().resolve("talkback") + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0");
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(8);
    config.setPoolName("demo-blog");
    HikariDataSource ds = new HikariDataSource(config);
    SwitchableDataSource outageSwitch = new SwitchableDataSource(ds);
    // notifications(true): the outbox and subscription tables, written with every comment change
    JdbiCommentStore jdbi = JdbiCommentStore.builder(outageSwitch).notifications(true).build();
    jdbi.initialize(); // create the tables now, not inside the first request's deadline
    outageSwitch.down(databaseDown);
    FileWriteSpool spool = FileWriteSpool.open(dir.resolve("spool.log"));
    if (spool.depth() > 0) {
      LOG.warn("{} comments that readers were told are queued wait in {} and are stored once the database takes"
          + " writes. Do not delete {} before they are: that would throw them away.", spool.depth(), spool.file(),
          dir.toAbsolutePath());
    }
    FallbackCommentStore store = FallbackCommentStore.builder()
        .primary(jdbi)
        .spool(spool)
        .build();
    return new DemoStore(ds, outageSwitch, store);
  }

  /** The store to give {@code Comments}. */
  CommentStore store() {
    return store;
  }

  /** The switch that simulates a database outage, for the moderator's "Simulate an outage" button. */
  SwitchableDataSource outageSwitch() {
    return outageSwitch;
  }

  /** The demo's server secret; a real blog reads its own from configuration. */
  static byte[] secret() {
    return "talkback-demo-blog-secret-change-me".getBytes(StandardCharsets.UTF_8);
  }

  /** The key of the signed links in the demo's mails (32 bytes or more); a real blog reads its own from configuration. */
  static byte[] linkSecret() {
    return "talkback-demo-blog-link-secret-change-me-please".getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    store.close();
    dataSource.close();
  }
}
