package dev.talkback.comments.servlet.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.testkit.Await;
import dev.talkback.comments.testkit.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14, "several app nodes": three JVMs ({@link NodeMain}), each the servlet in Jetty 12 with its own
 * cache, behind no balancer but the test, on one PostgreSQL schema. A change through one node shows on the
 * others within a second; the rate limits hold across them; a node whose listener connection is killed
 * flushes its cache and hears changes again. Deadlines, no sleeps.
 */
@RequiresServer(Server.POSTGRESQL)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralNodesTest {
  private static final Duration VISIBLE = Duration.ofSeconds(1);
  private static final Duration START = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String listenerName = "tb-node-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  private final List<ChildJvm> children = new ArrayList<>();
  private final List<String> nodes = new ArrayList<>();
  private TestDatabase db;

  @BeforeAll
  void startThreeNodes() throws Exception {
    db = TestDatabase.postgres();
    JdbiCommentStore.builder(db.dataSource()).build().initialize(); // the schema, before three nodes race for it
    for (int i = 0; i < 3; i++) {
      children.add(ChildJvm.start(NodeMain.class, Server.POSTGRESQL.url(), Server.POSTGRESQL.user(),
          Server.POSTGRESQL.password(), db.name(), listenerName + i));
    }
    for (ChildJvm child : children) {
      String ready = child.nextLine(START);
      assertThat(ready).startsWith("ready ");
      nodes.add("http://127.0.0.1:" + ready.substring("ready ".length()) + "/comments");
    }
    Await.until(START, "every node's listener connected", () -> listeners() == 3);
    // A running node is warm: one post through each, read on every node, before anything is timed.
    for (int i = 0; i < 3; i++) {
      String thread = "posts/warm-up-" + i;
      for (String node : nodes) {
        texts(node, thread);
      }
      post(nodes.get(i), thread, "warm-up");
      Await.until(START, "the warm-up post on every node", () -> {
        for (String node : nodes) {
          if (texts(node, thread).size() != 1) {
            return false;
          }
        }
        return true;
      });
    }
  }

  @AfterAll
  void stop() {
    children.forEach(ChildJvm::close);
    if (db != null) {
      db.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("a comment posted on one node shows on the two others within a second; its deletion too")
  void post_thenDelete_visibleEverywhereWithinASecond() throws Exception {
    String thread = "posts/everywhere";
    for (String node : nodes) {
      assertThat(texts(node, thread)).isEmpty(); // every node caches the empty page
    }
    JsonNode posted = post(nodes.get(0), thread, "hello from node 0");
    assertThat(posted.path("comment").path("status").asText()).isEqualTo("approved");
    awaitOn(List.of(nodes.get(1), nodes.get(2)), "the post", () -> List.of(texts(nodes.get(1), thread),
        texts(nodes.get(2), thread)).stream().allMatch(l -> l.equals(List.of("hello from node 0"))));

    String id = posted.path("comment").path("id").asText();
    HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(nodes.get(1) + "/api/comments/" + id))
        .header("X-Edit-Token", posted.path("editToken").asText()).header("Content-Type", "application/json")
        .method("DELETE", HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    awaitOn(List.of(nodes.get(0), nodes.get(2)), "the author's deletion on node 1",
        () -> texts(nodes.get(0), thread).isEmpty() && texts(nodes.get(2), thread).isEmpty());
  }

  @Test
  @Order(2)
  @DisplayName("the per-thread limit (3) holds across nodes: the 4th post is held, approved on another node it"
      + " shows everywhere, and the 10th is refused")
  void rateLimit_sharedAcrossNodes() throws Exception {
    String thread = "posts/limited";
    for (int i = 0; i < 3; i++) {
      JsonNode r = post(nodes.get(i), thread, "within the limit " + i);
      assertThat(r.path("comment").path("status").asText()).as("post %d on node %d", i + 1, i).isEqualTo("approved");
    }
    JsonNode fourth = post(nodes.get(0), thread, "one too many");
    assertThat(fourth.path("comment").path("status").asText()).as("the 4th post, whichever node").isEqualTo("pending");
    assertThat(fourth.path("moderationReason").asText()).contains("many comments");

    for (String node : nodes) {
      assertThat(texts(node, thread)).hasSize(3);
    }
    HttpResponse<String> approved = http.send(HttpRequest.newBuilder(URI.create(nodes.get(2)
        + "/api/moderation/comments/" + fourth.path("comment").path("id").asText() + "/approve"))
        .header("X-Test-Moderator", "yes").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    awaitOn(List.of(nodes.get(0), nodes.get(1)), "the approval on node 2",
        () -> texts(nodes.get(0), thread).size() == 4 && texts(nodes.get(1), thread).size() == 4);

    for (int i = 5; i <= 9; i++) { // held, up to 3 times the limit
      assertThat(postStatus(nodes.get(i % 3), thread, "post " + i)).as("post %d", i).isEqualTo(201);
    }
    assertThat(postStatus(nodes.get(1), thread, "post 10")).as("the 10th post across the nodes").isEqualTo(429);
    assertThat(postStatus(nodes.get(2), "posts/another", "elsewhere")).as("another thread's bucket").isEqualTo(201);
  }

  @Test
  @Order(3)
  @DisplayName("a node whose listener connection is killed flushes its cache when it listens again, and hears"
      + " changes again")
  void listenerKilled_flushedAndResumed() throws Exception {
    // The warm-up thread: node 1 cached it long ago, and every notification about it has been delivered since.
    String thread = "posts/warm-up-0";
    assertThat(texts(nodes.get(1), thread)).containsExactly("warm-up");
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica"); // no trigger: a notification nobody will get
      s.executeUpdate("UPDATE talkback_comments SET source = 'unheard', html = '<p>unheard</p>'"
          + " WHERE thread_key = 'posts/warm-up-0'");
      s.execute("SET session_replication_role = DEFAULT");
    }
    assertThat(texts(nodes.get(1), thread)).as("node 1 missed it").containsExactly("warm-up");

    long killed = System.nanoTime();
    assertThat(terminate(listenerName + "1")).isEqualTo(1);
    Await.until(Duration.ofSeconds(15), "node 1 listens again and reloads the page",
        () -> texts(nodes.get(1), thread).equals(List.of("unheard")));
    System.out.printf("node 1 flushed its cache %d ms after its listener was killed%n",
        (System.nanoTime() - killed) / 1_000_000);
    Await.until(Duration.ofSeconds(15), "node 1's listener connected", () -> listeners() == 3);

    post(nodes.get(2), thread, "after the reconnect");
    awaitOn(List.of(nodes.get(1)), "a post after the reconnect",
        () -> texts(nodes.get(1), thread).equals(List.of("unheard", "after the reconnect")));
  }

  /** Waits up to a second for a change to show on {@code where}, and says how long it took. */
  private static void awaitOn(List<String> where, String what, Await.Condition condition) {
    long start = System.nanoTime();
    Await.until(VISIBLE, what + " visible on " + where, condition);
    System.out.printf("%s visible on %d other node(s) after %d ms%n", what, where.size(),
        (System.nanoTime() - start) / 1_000_000);
  }

  private List<String> texts(String node, String thread) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node + "/api/thread?thread="
        + thread.replace("/", "%2F"))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (JsonNode c : JSON.readTree(r.body()).path("comments")) {
      if (!c.path("tombstone").asBoolean()) {
        out.add(c.path("html").asText().replaceAll("<[^>]*>", ""));
      }
    }
    return out;
  }

  private HttpResponse<String> send(String node, String thread, String text) throws IOException, InterruptedException {
    String body = JSON.createObjectNode().put("thread", thread).put("text", text).put("name", "Ada").toString();
    return http.send(HttpRequest.newBuilder(URI.create(node + "/api/comments")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode post(String node, String thread, String text) throws IOException, InterruptedException {
    HttpResponse<String> r = send(node, thread, text);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body());
  }

  private int postStatus(String node, String thread, String text) throws IOException, InterruptedException {
    return send(node, thread, text).statusCode();
  }

  private int listeners() throws SQLException {
    try (Connection c = Server.POSTGRESQL.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE '"
            + listenerName + "%'")) {
      r.next();
      return r.getInt(1);
    }
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
