package dev.talkback.comments.jdbi.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.PostgresInvalidationBus;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.testkit.Await;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two app nodes in one JVM (each its own store, cache and bus) on one PostgreSQL schema: a change through
 * one node, or in SQL, outdates the other's cached page within a second; a killed listener connection comes
 * back and flushes the cache, since it may have missed a notification.
 */
@RequiresServer(Server.POSTGRESQL)
class PostgresInvalidationBusTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final SiteId SITE = SiteId.DEFAULT;

  private TestDatabase db;
  private String appName;
  private PostgresInvalidationBus busA;
  private PostgresInvalidationBus busB;
  private Comments nodeA;
  private Comments nodeB;

  @BeforeEach
  void start() {
    db = TestDatabase.postgres();
    appName = "tb-listener-" + UUID.randomUUID().toString().substring(0, 8);
    busA = PostgresInvalidationBus.builder(listenerSource(appName + "-a")).heartbeat(Duration.ofMillis(500)).build();
    busB = PostgresInvalidationBus.builder(listenerSource(appName + "-b")).heartbeat(Duration.ofMillis(500)).build();
    nodeA = Comments.builder().store(JdbiCommentStore.builder(db.dataSource()).build()).invalidationBus(busA).build();
    nodeB = Comments.builder().store(JdbiCommentStore.builder(db.dataSource()).build()).invalidationBus(busB)
        .moderation(ModerationMode.NONE).build();
    nodeA.counts(SITE, List.of(ThreadKey.of("warm-up"))); // migrates: the triggers exist before the buses listen
    Await.until(Duration.ofSeconds(20), "both listeners connected", () -> busA.listening() && busB.listening());
  }

  @AfterEach
  void stop() {
    busA.close();
    busB.close();
    db.close();
  }

  private PGSimpleDataSource listenerSource(String applicationName) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(Server.POSTGRESQL.url());
    ds.setUser(Server.POSTGRESQL.user());
    ds.setPassword(Server.POSTGRESQL.password());
    ds.setCurrentSchema(db.name());
    ds.setApplicationName(applicationName);
    ds.setConnectTimeout(5);
    return ds;
  }

  private static PostResult post(Comments node, ThreadKey thread, String text) {
    return node.post(NewComment.builder(thread).threadTitle("T").author(Author.named("Ada")).text(text).build());
  }

  private static List<String> texts(Comments node, ThreadKey thread) {
    return node.thread(SITE, thread, ThreadPageRequest.DEFAULT).comments().stream().map(n -> n.comment().source())
        .toList();
  }

  private static void awaitWithinASecond(String what, Await.Condition condition) {
    Await.until(SECOND, what, condition);
  }

  @Test
  @DisplayName("posts, edits of status, deletions and thread changes on one node show on the other within a second")
  void changesOnA_outdateBsCachedPage() {
    ThreadKey t = ThreadKey.of("posts/one");
    assertThat(texts(nodeB, t)).isEmpty(); // B caches the empty page
    PostResult first = post(nodeA, t, "first");
    awaitWithinASecond("B shows A's post", () -> texts(nodeB, t).equals(List.of("first")));

    nodeA.moderation().markSpam(SITE, first.comment().id());
    awaitWithinASecond("B hides the comment A marked as spam", () -> texts(nodeB, t).isEmpty());
    nodeA.moderation().approve(SITE, first.comment().id());
    awaitWithinASecond("B shows the comment A approved", () -> texts(nodeB, t).equals(List.of("first")));

    nodeA.delete(SITE, first.comment().id(), first.editToken().orElseThrow());
    awaitWithinASecond("B drops the comment its author deleted on A", () -> texts(nodeB, t).isEmpty());

    nodeA.saveThread(new ThreadInfo(SITE, t, "Renamed", null, true));
    awaitWithinASecond("B sees the thread A closed",
        () -> nodeB.thread(SITE, t, ThreadPageRequest.DEFAULT).closed());
    assertThat(busB.received()).isGreaterThanOrEqualTo(5);
  }

  @Test
  @DisplayName("a change made in SQL, not through any node, also reaches the nodes' caches")
  void sqlUpdate_outdatesBothCaches() throws SQLException {
    ThreadKey t = ThreadKey.of("posts/sql");
    post(nodeA, t, "before");
    awaitWithinASecond("B shows the post", () -> texts(nodeB, t).equals(List.of("before")));
    assertThat(texts(nodeA, t)).containsExactly("before");
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE talkback_comments SET source = 'after' WHERE thread_key = 'posts/sql'");
    }
    awaitWithinASecond("A shows the SQL edit", () -> texts(nodeA, t).equals(List.of("after")));
    awaitWithinASecond("B shows the SQL edit", () -> texts(nodeB, t).equals(List.of("after")));
  }

  @Test
  @DisplayName("a killed listener connection comes back, flushes the whole cache (it may have missed changes), and"
      + " invalidations flow again")
  void listenerKilled_reconnectsFlushesAndResumes() throws SQLException {
    ThreadKey t = ThreadKey.of("posts/missed");
    // B caches the empty page first, so it loads "original" only after the post's notification arrived (a
    // page B loaded on its own before that notification would be outdated by it, and the test would race).
    assertThat(texts(nodeB, t)).isEmpty();
    post(nodeA, t, "original");
    awaitWithinASecond("B shows the post", () -> texts(nodeB, t).equals(List.of("original")));
    long flushesBefore = busB.flushes();

    // A change B cannot hear: triggers off for this session (what a notification lost with a connection is).
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      s.executeUpdate("UPDATE talkback_comments SET source = 'changed unheard' WHERE thread_key = 'posts/missed'");
      s.execute("SET session_replication_role = DEFAULT");
    }
    assertThat(texts(nodeB, t)).as("B missed it: its cached page stands").containsExactly("original");

    assertThat(terminate(appName + "-b")).as("B's listener backend was found and terminated").isEqualTo(1);
    Await.until(Duration.ofSeconds(10), "B's listener is back and has flushed its cache",
        () -> busB.flushes() > flushesBefore && busB.listening());
    assertThat(texts(nodeB, t)).as("after the flush B reloads the page").containsExactly("changed unheard");

    post(nodeA, t, "after the reconnect");
    awaitWithinASecond("invalidations reach B again",
        () -> texts(nodeB, t).equals(List.of("changed unheard", "after the reconnect")));
  }

  @Test
  @DisplayName("writes never wait for listeners: with both listeners killed and reconnecting, posts still commit")
  void listenersDown_writesGoOn() throws SQLException {
    busA.close();
    terminate(appName + "-b");
    ThreadKey t = ThreadKey.of("posts/unheard");
    for (int i = 0; i < 5; i++) {
      post(nodeA, t, "post " + i);
    }
    assertThat(nodeA.counts(SITE, List.of(t))).containsEntry(t, 5);
    assertThat(busA.listening()).isFalse();
    assertThatThrownBy(() -> busA.subscribe((s, k) -> {})).isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("another schema's changes on the same channel are ignored")
  void otherSchema_sameChannel_ignored() {
    ThreadKey t = ThreadKey.of("posts/other-schema");
    post(nodeA, t, "mine");
    awaitWithinASecond("B shows the post", () -> texts(nodeB, t).equals(List.of("mine")));
    long received = busB.received();
    try (TestDatabase other = TestDatabase.postgres()) {
      Comments elsewhere = Comments.builder().store(JdbiCommentStore.builder(other.dataSource()).build()).build();
      post(elsewhere, t, "theirs");
      post(nodeA, ThreadKey.of("posts/marker"), "marker"); // B hears this one after the other schema's
      Await.until(Duration.ofSeconds(5), "B heard the marker", () -> busB.received() > received);
      assertThat(busB.received()).as("only the marker counted").isEqualTo(received + 1);
    }
    assertThat(texts(nodeB, t)).containsExactly("mine");
  }

  private static int terminate(String applicationName) throws SQLException {
    try (Connection c = Server.POSTGRESQL.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE application_name = '" + applicationName + "'")) {
      r.next();
      return r.getInt(1);
    }
  }
}
