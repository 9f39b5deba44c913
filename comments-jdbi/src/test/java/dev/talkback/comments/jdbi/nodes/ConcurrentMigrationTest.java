package dev.talkback.comments.jdbi.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.testing.Fixtures;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes starting together on a fresh database: every one migrates it at the same moment, threads of
 * this JVM and (on a server database) {@link MigrateMain} in two child JVMs, ten rounds. Every start must
 * succeed, and the store's history must hold each version once.
 */
abstract class ConcurrentMigrationTest {
  private static final int ROUNDS = 10;
  private static final int THREADS = 3;
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir Path dir;

  abstract TestDatabase createDatabase();

  abstract Dialect dialect();

  /** The server the child JVMs connect to, or null to race threads of this JVM only (H2 in memory). */
  abstract @Nullable Server server();

  /** The versions in the store's history and whether they succeeded (H2 needs lower-case names quoted). */
  String historyQuery() {
    return "SELECT version, success FROM talkback_schema_history WHERE version IS NOT NULL";
  }

  @Test
  @DisplayName("nodes migrating one empty schema at the same moment all start, and each version runs once")
  void migrateTogether_everyNodeStarts_eachVersionOnce() throws Exception {
    List<ChildJvm> children = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      Server server = server();
      if (server != null) {
        for (int i = 0; i < 2; i++) {
          children.add(ChildJvm.start(MigrateMain.class, server.name(), dir.toString(), Integer.toString(ROUNDS)));
        }
        for (ChildJvm child : children) {
          assertThat(child.nextLine(WAIT)).isEqualTo("ready");
        }
      }
      for (int round = 0; round < ROUNDS; round++) {
        try (TestDatabase db = createDatabase()) {
          CountDownLatch go = new CountDownLatch(1);
          List<Future<Dialect>> started = new ArrayList<>();
          for (int t = 0; t < THREADS; t++) {
            started.add(threads.submit(() -> {
              go.await();
              return JdbiCommentStore.builder(db.dataSource()).build().initialize();
            }));
          }
          Path tmp = dir.resolve("go-" + round + ".tmp");
          Files.writeString(tmp, db.name());
          Files.move(tmp, dir.resolve("go-" + round), StandardCopyOption.ATOMIC_MOVE); // the children start
          go.countDown(); // and so do the threads
          for (Future<Dialect> f : started) {
            assertThat(f.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("round %d, a thread", round).isEqualTo(dialect());
          }
          for (ChildJvm child : children) {
            assertThat(child.nextLine(WAIT)).as("round %d, a child JVM", round).isEqualTo("started " + round);
          }
          assertThat(history(db, historyQuery())).as("round %d: the schema history, version -> rows", round)
              .isEqualTo(Map.of("1", 1, "2", 1, "3", 1, "5", 1, "6", 1, "7", 1));
          storeWorks(db);
        }
      }
    } finally {
      threads.shutdownNow();
      children.forEach(ChildJvm::close);
    }
  }

  /** Each version in the history with how many successful rows it has. */
  private static Map<String, Integer> history(TestDatabase db, String query) throws Exception {
    Map<String, Integer> versions = new TreeMap<>();
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      while (r.next()) {
        assertThat(r.getBoolean(2)).as("version %s succeeded", r.getString(1)).isTrue();
        versions.merge(r.getString(1), 1, Integer::sum);
      }
    }
    versions.remove("0"); // an empty baseline, had the schema not been empty
    return versions;
  }

  private static void storeWorks(TestDatabase db) {
    JdbiCommentStore store = JdbiCommentStore.builder(db.dataSource()).build();
    ThreadInfo t = Fixtures.thread(Fixtures.randomSite(), "migrated");
    Comment c = Fixtures.comment(t, Fixtures.T0).build();
    store.insert(t, c);
    assertThat(store.find(t.site(), c.id())).contains(c);
  }
}
