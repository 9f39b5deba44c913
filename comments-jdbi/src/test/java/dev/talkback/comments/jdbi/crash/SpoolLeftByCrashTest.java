package dev.talkback.comments.jdbi.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.testkit.Await;
import dev.talkback.comments.testkit.ChildJvm;
import dev.talkback.comments.testkit.FaultInjectingStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, finding 2: a process killed during an outage leaves comments in its spool; the next process
 * starts while the database is still down, must not depend on a read to start, and must replay that spool
 * as soon as the database takes writes again: every comment stored, none twice.
 */
class SpoolLeftByCrashTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int QUEUED = 30;

  @TempDir Path dir;

  @Test
  @DisplayName("a spool left by a process killed in an outage is replayed once the database is back: none lost, none twice")
  void spoolFromKilledProcess_databaseDownThenUp_replayedExactlyOnce() {
    List<CommentId> queued = new ArrayList<>();
    try (ChildJvm a = ChildJvm.start(H2PosterMain.class, dir.toString(), "queue", String.valueOf(QUEUED))) {
      assertThat(a.nextLine(WAIT)).isEqualTo("ready");
      for (int i = 0; i < QUEUED; i++) {
        String line = a.nextLine(WAIT);
        assertThat(line).startsWith("queued ");
        queued.add(CommentId.parse(line.substring("queued ".length())));
      }
      assertThat(a.nextLine(WAIT)).isEqualTo("waiting");
      a.kill();
    }

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(H2PosterMain.url(dir));
    config.setUsername("sa");
    config.setPassword("");
    try (HikariDataSource ds = new HikariDataSource(config)) {
      FaultInjectingStore db = new FaultInjectingStore(JdbiCommentStore.builder(ds).build());
      db.failReads(true);
      db.failWrites(true);
      try (FallbackCommentStore b = FallbackCommentStore.builder()
          .primary(db)
          .spool(FileWriteSpool.open(dir.resolve("spool.log")))
          .probeInterval(Duration.ofMillis(50))
          .build()) {
        assertThat(b.mode()).isEqualTo(StoreMode.READ_ONLY);
        assertThat(b.health().spoolDepth()).isEqualTo(QUEUED);
        assertThatThrownBy(() -> b.counts(H2PosterMain.THREAD.site(), List.of(H2PosterMain.THREAD.key())))
            .as("reads fail while the database is down, and nothing else depends on them")
            .isInstanceOf(StoreUnavailableException.class);
        Await.until(WAIT, "a few probe rounds against the dead database",
            () -> Long.parseLong(b.health().details().get("probes")) >= 3);
        assertThat(b.health().spoolDepth()).as("nothing is dropped while the database is down").isEqualTo(QUEUED);

        db.recover();
        Await.until(WAIT, "the spool replayed and the store read-write",
            () -> b.mode() == StoreMode.READ_WRITE && b.health().spoolDepth() == 0);

        Map<?, Integer> counts = b.counts(H2PosterMain.THREAD.site(), List.of(H2PosterMain.THREAD.key()));
        assertThat(counts.get(H2PosterMain.THREAD.key())).as("each queued comment stored once").isEqualTo(QUEUED);
        for (CommentId id : queued) {
          assertThat(b.find(H2PosterMain.THREAD.site(), id)).as(id.toString()).isPresent();
        }
        InsertResult again = b.insert(H2PosterMain.THREAD, b.find(H2PosterMain.THREAD.site(), queued.get(0)).orElseThrow());
        assertThat(again.outcome()).isEqualTo(InsertResult.Outcome.EXISTING);
      }
    }
  }
}
