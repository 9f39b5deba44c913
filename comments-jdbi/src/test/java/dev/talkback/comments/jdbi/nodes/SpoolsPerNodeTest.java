package dev.talkback.comments.jdbi.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.testing.Fixtures;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.testkit.Await;
import dev.talkback.comments.testkit.FaultInjectingStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several app nodes, each with its own spool, through one database outage: each queues what it was sent,
 * some of it the same comments (a client that retried on another node behind the load balancer, with the
 * same chosen id), and both replay at once when the database is back. Every comment is stored once.
 */
@RequiresServer(Server.POSTGRESQL)
class SpoolsPerNodeTest {
  private static final ThreadInfo THREAD = Fixtures.thread(dev.talkback.comments.SiteId.of("nodes"), "posts/outage");

  @TempDir Path dir;

  @Test
  @DisplayName("two nodes with their own spools replay into one database: every comment once, none lost")
  void twoSpools_replayTogether_exactlyOnce() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      FaultInjectingStore primaryA = new FaultInjectingStore(JdbiCommentStore.builder(db.dataSource()).build());
      FaultInjectingStore primaryB = new FaultInjectingStore(JdbiCommentStore.builder(db.dataSource()).build());
      primaryA.counts(THREAD.site(), List.of(THREAD.key())); // migrated before the outage
      for (FaultInjectingStore p : List.of(primaryA, primaryB)) {
        p.failReads(true);
        p.failWrites(true);
      }
      try (FallbackCommentStore nodeA = node(primaryA, dir.resolve("a.spool"));
          FallbackCommentStore nodeB = node(primaryB, dir.resolve("b.spool"))) {
        List<Comment> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          Comment c = Fixtures.comment(THREAD, Fixtures.T0.plusSeconds(i)).source("comment " + i).build();
          sent.add(c);
          FallbackCommentStore first = i % 2 == 0 ? nodeA : nodeB;
          assertThat(first.insert(THREAD, c).outcome()).isEqualTo(InsertResult.Outcome.QUEUED);
          if (i % 4 == 0) { // the client did not hear the answer and retried; the balancer chose the other node
            FallbackCommentStore other = first == nodeA ? nodeB : nodeA;
            assertThat(other.insert(THREAD, c).outcome()).isEqualTo(InsertResult.Outcome.QUEUED);
          }
        }
        assertThat(nodeA.health().spoolDepth() + nodeB.health().spoolDepth()).isEqualTo(50);

        primaryA.recover();
        primaryB.recover();
        Await.until(Duration.ofSeconds(30), "both spools replayed", () -> nodeA.mode() == StoreMode.READ_WRITE
            && nodeB.mode() == StoreMode.READ_WRITE && nodeA.health().spoolDepth() == 0
            && nodeB.health().spoolDepth() == 0);

        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
            ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT id) FROM talkback_comments WHERE site = 'nodes'")) {
          r.next();
          assertThat(r.getInt(1)).as("rows").isEqualTo(40);
          assertThat(r.getInt(2)).as("distinct ids").isEqualTo(40);
        }
        for (Comment c : sent) {
          assertThat(nodeA.find(THREAD.site(), c.id())).as(c.id().toString()).hasValueSatisfying(
              stored -> assertThat(stored.source()).isEqualTo(c.source()));
        }
        assertThat(nodeA.counts(THREAD.site(), List.of(THREAD.key())))
            .as("the approved count counts each comment once").containsEntry(THREAD.key(), 40);
      }
    }
  }

  private static FallbackCommentStore node(FaultInjectingStore primary, Path spool) throws java.io.IOException {
    return FallbackCommentStore.builder().primary(primary).spool(FileWriteSpool.open(spool))
        .probeInterval(Duration.ofMillis(50)).build();
  }
}
