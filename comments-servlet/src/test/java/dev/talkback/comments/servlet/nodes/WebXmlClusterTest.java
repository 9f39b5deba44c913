package dev.talkback.comments.servlet.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.testkit.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code talkback.cluster=postgres} from init parameters, as {@code web.xml} gives them: two Jetty servers, each
 * with a {@code CommentsServlet} made by its no-argument constructor with {@code JdbiStoreFactory} on one
 * PostgreSQL schema. A comment posted on one shows on the other within a second, although the other cached the
 * page; the per-client rate limit is counted once for both; stopping a server stops its listener.
 */
@RequiresServer(Server.POSTGRESQL)
class WebXmlClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final List<org.eclipse.jetty.server.Server> servers = new ArrayList<>();
  private TestDatabase db;
  private String listener;

  @BeforeEach
  void database() {
    db = TestDatabase.postgres();
    listener = "tb-webxml-" + db.name();
  }

  @AfterEach
  void stop() throws Exception {
    for (org.eclipse.jetty.server.Server s : servers) {
      s.stop();
    }
    db.close();
  }

  @Test
  @DisplayName("two web.xml servlets with talkback.cluster=postgres: posts show on the other within a second, one"
      + " rate limit for both")
  void twoServlets_invalidationAndRateLimitShared() throws Exception {
    String a = start(Map.of());
    String b = start(Map.of());
    Await.until(Duration.ofSeconds(20), "both servlets' listeners connected", () -> listeners() == 2);
    String thread = "posts/web-xml";
    assertThat(texts(b, thread)).as("node B caches the empty page").isEmpty();

    JsonNode first = post(a, thread, "hello from node A");
    assertThat(first.path("comment").path("status").asText()).isEqualTo("approved");
    long posted = System.nanoTime();
    Await.until(Duration.ofSeconds(1), "node A's post on node B", () -> texts(b, thread).equals(
        List.of("hello from node A")));
    System.out.printf("web.xml nodes: a post on node A visible on node B after %d ms%n",
        (System.nanoTime() - posted) / 1_000_000);

    // one post an hour per client: over it a post is held for moderation, over three times it is refused
    assertThat(post(b, thread, "second, on node B").path("comment").path("status").asText())
        .as("node B knows the client's token was taken on node A").isEqualTo("pending");
    assertThat(post(a, thread, "third, on node A").path("comment").path("status").asText()).isEqualTo("pending");
    assertThat(send(b, thread, "fourth, on node B").statusCode()).as("three times the limit, across both")
        .isEqualTo(429);

    servers.get(0).stop();
    Await.until(Duration.ofSeconds(10), "node A's listener closed with its servlet", () -> listeners() == 1);
  }

  @Test
  @DisplayName("talkback.cluster=postgres on H2 stops the servlet at init with what to do")
  void clusterOnH2_servletUnavailableWithTheReason() throws Exception {
    CommentsServlet servlet = new CommentsServlet();
    ServletHolder holder = new ServletHolder(servlet);
    holder.setInitParameter("talkback.store-factory", "dev.talkback.comments.jdbi.JdbiStoreFactory");
    holder.setInitParameter("talkback.jdbc.url", "jdbc:h2:mem:" + db.name() + ";DB_CLOSE_DELAY=-1");
    holder.setInitParameter("talkback.secret", "0123456789abcdef-webxml");
    holder.setInitParameter("talkback.cluster", "postgres");
    String base = serve(holder);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/thread?thread=x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("an unavailable servlet").isIn(404, 503);
    assertThat(holder.getUnavailableException()).isNotNull();
    assertThat(holder.getUnavailableException().getMessage()).contains("talkback.cluster=postgres needs PostgreSQL")
        .contains("H2");
  }

  private String start(Map<String, String> extra) throws Exception {
    ServletHolder holder = new ServletHolder(new CommentsServlet());
    String url = Server.POSTGRESQL.url() + (Server.POSTGRESQL.url().contains("?") ? "&" : "?") + "currentSchema="
        + db.name() + "&ApplicationName=" + listener;
    holder.setInitParameter("talkback.store-factory", "dev.talkback.comments.jdbi.JdbiStoreFactory");
    holder.setInitParameter("talkback.jdbc.url", url);
    holder.setInitParameter("talkback.jdbc.user", Server.POSTGRESQL.user());
    holder.setInitParameter("talkback.jdbc.password", Server.POSTGRESQL.password());
    holder.setInitParameter("talkback.secret", "0123456789abcdef-webxml");
    holder.setInitParameter("talkback.cluster", "postgres");
    holder.setInitParameter("talkback.rate-limit.posts-per-client.burst", "1");
    holder.setInitParameter("talkback.rate-limit.posts-per-client.period", "1h");
    extra.forEach(holder::setInitParameter);
    return serve(holder);
  }

  private String serve(ServletHolder holder) throws Exception {
    org.eclipse.jetty.server.Server server = new org.eclipse.jetty.server.Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    holder.setInitOrder(1);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/comments/*");
    server.setHandler(context);
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + connector.getLocalPort() + "/comments";
  }

  /** The listener connections: the only ones of this test's application name that run LISTEN. */
  private int listeners() throws Exception {
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + listener
            + "' AND (query LIKE 'LISTEN%' OR query LIKE '%pg_is_in_recovery%')")) {
      r.next();
      return r.getInt(1);
    }
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
}
