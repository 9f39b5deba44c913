package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comments;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.CommentStoreFactory;
import jakarta.servlet.UnavailableException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servlet declared as in web.xml: no-argument constructor, init parameters. */
class WebXmlConfigurationTest {
  private static final String SECRET = "web-xml-secret-0123456789";
  private Server server;
  private ServletHolder holder;

  /** A host's factory, named in {@code talkback.comments-factory}. */
  public static final class Factory implements Supplier<Comments> {
    @Override
    public Comments get() {
      return Comments.builder().store(new InMemoryCommentStore()).build();
    }
  }

  /** A host's store factory, named in {@code talkback.store-factory}; sees every talkback.* parameter. */
  public static final class StoreFactory implements CommentStoreFactory {
    @Override
    public CommentStore create(Map<String, String> settings) {
      if (settings.containsKey("talkback.secret")) {
        throw new IllegalArgumentException("the servlet's secret is not the store's business");
      }
      if (!settings.containsKey("talkback.memory")) {
        throw new IllegalArgumentException("set talkback.memory");
      }
      return new InMemoryCommentStore();
    }
  }

  private Http start(Map<String, String> params) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    holder = new ServletHolder(CommentsServlet.class);
    holder.setInitParameters(params);
    holder.setInitOrder(1);
    context.addServlet(holder, "/comments/*");
    server.setHandler(context);
    server.start();
    return new Http(URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/comments"));
  }

  /** Starts with {@code params}; the servlet's configuration error (Jetty keeps the context running). */
  private UnavailableException failure(Map<String, String> params) throws Exception {
    Map<String, String> p = new java.util.HashMap<>(params);
    p.putIfAbsent("talkback.secret", SECRET);
    start(p);
    assertThat(holder.isAvailable()).isFalse();
    return holder.getUnavailableException();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void init_storeFactoryWithSpool_servesFromItsStore() throws Exception {
    Http http = start(Map.of("talkback.store-factory", StoreFactory.class.getName(), "talkback.memory", "yes",
        "talkback.spool", tmp.resolve("spool.log").toString(), "talkback.moderation", "links",
        "talkback.secret", "web-xml-secret-0123456789"));
    assertThat(http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"stored\"}").status()).isEqualTo(201);
    assertThat(http.get("/api/thread?thread=t").json().path("totalCount").asInt()).isEqualTo(1);
    assertThat(http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"see https://example.org\"}")
        .json().path("outcome").asText()).isEqualTo("pending");
  }

  @Test
  void init_factory_usesTheHostsComments() throws Exception {
    Http http = start(Map.of("talkback.comments-factory", Factory.class.getName(),
        "talkback.allowed-origins", "https://a.example, https://b.example", "talkback.secret", SECRET));
    assertThat(http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"x\"}", "Origin", "https://b.example")
        .status()).isEqualTo(201);
  }

  @Test
  void init_publicUrlAndHealthToken_areApplied() throws Exception {
    Http http = start(Map.of("talkback.comments-factory", Factory.class.getName(),
        "talkback.public-url", "https://comments.example/comments", "talkback.health-token", "web-xml-health-0123456789",
        "talkback.secret", SECRET));
    assertThat(http.get("/health").json().has("store")).isFalse();
    assertThat(http.get("/health", "Authorization", "Bearer web-xml-health-0123456789").json().has("store")).isTrue();
    assertThat(http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"x\"}", "Origin",
        "https://comments.example").header("Access-Control-Allow-Origin")).isEqualTo("https://comments.example");
  }

  @Test
  void init_nothingConfigured_failsAtStartupSayingWhatToSet() throws Exception {
    assertThat(failure(Map.of()))
        .hasStackTraceContaining("talkback.comments-factory")
        .hasStackTraceContaining("talkback.store-factory")
        .hasStackTraceContaining("dev.talkback.comments.jdbi.JdbiStoreFactory")
        .hasStackTraceContaining("talkback.jdbc.url");
  }

  @Test
  void init_storeFactoryMissing_namesTheClass() throws Exception {
    assertThat(failure(Map.of("talkback.store-factory", "com.example.Missing")))
        .hasStackTraceContaining("talkback.store-factory names a class that is not on the class path: com.example.Missing");
  }

  @Test
  void init_storeFactoryNotAFactory_saysWhatItMustImplement() throws Exception {
    assertThat(failure(Map.of("talkback.store-factory", Factory.class.getName())))
        .hasStackTraceContaining("must implement dev.talkback.comments.spi.CommentStoreFactory");
  }

  @Test
  void init_storeFactoryFails_namesTheClassAndTheCause() throws Exception {
    assertThat(failure(Map.of("talkback.store-factory", StoreFactory.class.getName())))
        .hasStackTraceContaining(StoreFactory.class.getName() + " could not build the comment store: set talkback.memory");
  }

  @Test
  void init_jdbiFactoryWithReplicas_readsTheReplicaWhileThePrimaryIsDown_andRefusesThemWithoutTheFallback()
      throws Exception {
    String replica = "jdbc:h2:mem:webxml-replica;DB_CLOSE_DELAY=-1";
    try (Comments onReplica = Comments.builder().store(new dev.talkback.comments.jdbi.JdbiStoreFactory().create(
        Map.of("talkback.jdbc.url", replica, "talkback.jdbc.user", "sa", "talkback.jdbc.password", ""))).build()) {
      onReplica.post(dev.talkback.comments.NewComment.builder(dev.talkback.comments.ThreadKey.of("t"))
          .text("kept on the replica").build());
    }
    Map<String, String> params = Map.of("talkback.store-factory", "dev.talkback.comments.jdbi.JdbiStoreFactory",
        "talkback.jdbc.url", "jdbc:postgresql://127.0.0.1:9/none?connectTimeout=2", "talkback.jdbc.user", "nobody",
        "talkback.fallback.replicas", replica, "talkback.fallback.replicas.user", "sa",
        "talkback.fallback.replicas.password", "", "talkback.secret", SECRET);
    Http http = start(params);
    Http.Reply thread = http.get("/api/thread?thread=t");
    assertThat(thread.status()).isEqualTo(200);
    assertThat(thread.json().path("comments").get(0).path("html").asText()).contains("kept on the replica");
    server.stop();
    Map<String, String> off = new java.util.HashMap<>(params);
    off.put("talkback.fallback.enabled", "off");
    assertThat(failure(off)).hasStackTraceContaining("talkback.fallback.enabled is off, so the replicas would never"
        + " be read");
  }

  @TempDir
  Path tmp;
}
