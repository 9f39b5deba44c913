package dev.talkback.comments.jdbi.crash;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.Comment;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.testing.Fixtures;
import dev.talkback.comments.spi.InsertResult;
import dev.talkback.comments.testkit.FaultInjectingStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process of {@link H2KillTest}: a {@link FallbackCommentStore} over a {@link JdbiCommentStore} on
 * an H2 file database opened with the URL the demo used before (no {@code WRITE_DELAY}), posting comments
 * until it is killed. It prints {@code created <id>} for each comment answered {@code CREATED} (HTTP 201)
 * and {@code queued <id>} for each answered {@code QUEUED} (HTTP 202), always after the answer.
 *
 * <p>{@code args}: the data directory, then {@code post} (post forever), {@code outage N} (the database
 * is down: queue N comments, bring it back, print {@code replayed} once the probe has replayed the spool,
 * then post forever), or {@code queue N} (the database is down: queue N comments, print {@code waiting} and
 * wait to be killed with the comments still in the spool).
 */
final class H2PosterMain {
  static final ThreadInfo THREAD = Fixtures.thread(dev.talkback.comments.SiteId.of("crash"), "posts/kill-9");

  private H2PosterMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url(dir));
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(4);
    try (HikariDataSource ds = new HikariDataSource(config)) {
      JdbiCommentStore jdbi = JdbiCommentStore.builder(ds).build();
      jdbi.initialize();
      FaultInjectingStore db = new FaultInjectingStore(jdbi);
      boolean outage = args[1].equals("outage") || args[1].equals("queue");
      if (outage) {
        db.failReads(true);
        db.failWrites(true);
      }
      try (FallbackCommentStore store = FallbackCommentStore.builder()
          .primary(db)
          .spool(FileWriteSpool.open(dir.resolve("spool.log")))
          .probeInterval(Duration.ofMillis(50))
          .build()) {
        System.out.println("ready");
        System.out.flush();
        if (outage) {
          int n = Integer.parseInt(args[2]);
          for (int i = 0; i < n; i++) {
            post(store);
          }
          if (args[1].equals("queue")) {
            System.out.println("waiting");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // the database never comes back for this process: it is killed
          }
          db.recover();
          while (store.mode() != StoreMode.READ_WRITE || store.health().spoolDepth() > 0) {
            Thread.sleep(1); // the probe replays on its own thread; the parent kills us right after "replayed"
          }
          System.out.println("replayed");
          System.out.flush();
        }
        while (true) {
          post(store);
        }
      }
    }
  }

  /** The URL the demo blog used before issue 14: H2's default write delay of 500 ms. */
  static String url(Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("talkback") + ";DB_CLOSE_DELAY=-1";
  }

  private static void post(FallbackCommentStore store) {
    Comment c = Fixtures.comment(THREAD, Fixtures.T0).source("comment " + System.nanoTime()).build();
    InsertResult r = store.insert(THREAD, c);
    String word = switch (r.outcome()) {
      case CREATED -> "created";
      case QUEUED -> "queued";
      case EXISTING -> "existing";
    };
    System.out.println(word + " " + c.id());
    System.out.flush();
  }
}
