package dev.talkback.comments.jdbi.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comments;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.PostgresInvalidationBus;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.testkit.Await;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bus listening on a connection of the store's own pool (HikariCP), as docs/jdbi.md allows: closing it at
 * shutdown must return within its heartbeat, not wait on the pool's proxy for the listener's read.
 */
@RequiresServer(Server.POSTGRESQL)
class PooledListenerCloseTest {
  @Test
  void close_onAPooledConnection_returnsPromptly() throws Exception {
    try (TestDatabase db = TestDatabase.postgres()) {
      JdbiCommentStore store = JdbiCommentStore.builder(db.dataSource()).build();
      store.initialize();
      for (int round = 0; round < 3; round++) {
        PostgresInvalidationBus bus = PostgresInvalidationBus.builder(db.dataSource())
            .heartbeat(Duration.ofSeconds(1)).build();
        Comments comments = Comments.builder().store(store).invalidationBus(bus).build();
        Await.until(Duration.ofSeconds(20), "listening", bus::listening);
        comments.close();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(bus::close);
        closed.get(10, TimeUnit.SECONDS);
        assertThat(bus.listening()).isFalse();
      }
    }
  }
}
