package dev.talkback.comments.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.PostgresInvalidationBus;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.spi.RateLimitStore;
import dev.talkback.comments.spring.internal.TalkbackFailureAnalyzer;
import dev.talkback.comments.testkit.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletConfig;

/**
 * {@code talkback.cluster.enabled=true} on real PostgreSQL: two application contexts (two nodes) on one
 * schema. A comment posted through one node's {@code Comments} shows on the other's within a second, although
 * the other had the page cached; the servlets of both take from the same rate-limit buckets; the bus stops
 * listening when its context closes.
 */
@RequiresServer(Server.POSTGRESQL)
class TalkbackClusterPostgresTest {
  private static final ThreadKey THREAD = ThreadKey.of("posts/two-nodes");
  private TestDatabase db;

  @BeforeEach
  void schema() {
    db = TestDatabase.postgres();
  }

  @AfterEach
  void drop() {
    db.close();
  }

  private WebApplicationContextRunner node() {
    String url = Server.POSTGRESQL.url() + (Server.POSTGRESQL.url().contains("?") ? "&" : "?") + "currentSchema="
        + db.name();
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            TalkbackAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + url,
            "spring.datasource.username=" + Server.POSTGRESQL.user(),
            "spring.datasource.password=" + Server.POSTGRESQL.password(),
            "spring.flyway.enabled=false",
            "talkback.secret=0123456789abcdef-test",
            "talkback.cluster.enabled=true",
            "talkback.cluster.heartbeat=1s",
            "talkback.rate-limit.posts-per-client.burst=1",
            "talkback.rate-limit.posts-per-client.period=1h");
  }

  @Test
  @DisplayName("two nodes: a post on one shows on the other within a second, and the rate limit is shared")
  void twoNodes_invalidationAndRateLimitsShared() {
    AtomicReference<PostgresInvalidationBus> firstBus = new AtomicReference<>();
    node().run(a -> node().run(b -> {
      assertThat(a).hasNotFailed().hasSingleBean(PostgresInvalidationBus.class).hasSingleBean(RateLimitStore.class);
      assertThat(b).hasNotFailed();
      PostgresInvalidationBus busA = a.getBean(PostgresInvalidationBus.class);
      PostgresInvalidationBus busB = b.getBean(PostgresInvalidationBus.class);
      firstBus.set(busA);
      Await.until(Duration.ofSeconds(20), "both nodes listen", () -> busA.listening() && busB.listening());
      assertThat(a.getBean(RateLimitStore.class).getClass().getName())
          .as("the rate limits in the database").contains("Jdbi");

      Comments nodeA = a.getBean(Comments.class);
      Comments nodeB = b.getBean(Comments.class);
      assertThat(count(nodeB)).as("node B caches the empty page").isZero();
      nodeA.post(NewComment.builder(THREAD).threadTitle("Two nodes").author(Author.named("Ada"))
          .text("posted on node A").build());
      long posted = System.nanoTime();
      Await.until(Duration.ofSeconds(1), "node B shows node A's post", () -> count(nodeB) == 1);
      System.out.printf("node A's post visible on node B after %d ms%n", (System.nanoTime() - posted) / 1_000_000);

      // one post an hour per client: over it a post is held for moderation, over three times it is refused
      CommentsServlet servletA = a.getBean(CommentsServlet.class);
      CommentsServlet servletB = b.getBean(CommentsServlet.class);
      MockHttpServletResponse first = post(servletA, "first, on node A");
      assertThat(first.getStatus()).isEqualTo(201);
      assertThat(first.getContentAsString()).contains("\"status\":\"approved\"");
      MockHttpServletResponse second = post(servletB, "second, on node B");
      assertThat(second.getContentAsString()).as("node B knows the token was taken on node A")
          .contains("\"status\":\"pending\"");
      assertThat(post(servletA, "third, on node A").getContentAsString()).contains("\"status\":\"pending\"");
      assertThat(post(servletB, "fourth, on node B").getStatus()).as("three times the limit, across the nodes")
          .isEqualTo(429);
    }));
    assertThat(firstBus.get().listening()).as("closed with its context").isFalse();
  }

  private static int count(Comments comments) {
    return comments.thread(SiteId.DEFAULT, THREAD, ThreadPageRequest.first(CommentSort.OLDEST, 10)).totalCount();
  }

  private static MockHttpServletResponse post(CommentsServlet servlet, String text) throws Exception {
    servlet.init(new MockServletConfig("talkback"));
    MockHttpServletRequest req = new MockHttpServletRequest("POST", "/comments/api/comments");
    req.setServletPath("/comments");
    req.setPathInfo("/api/comments");
    req.setRemoteAddr("203.0.113.7");
    req.setContentType("application/json");
    req.setContent(("{\"thread\":\"posts/limited\",\"text\":\"" + text + "\",\"name\":\"Ada\"}")
        .getBytes(StandardCharsets.UTF_8));
    MockHttpServletResponse resp = new MockHttpServletResponse();
    servlet.service(req, resp);
    return resp;
  }

  @Test
  @Timeout(120)
  @DisplayName("an application's own pooled DataSource, no spring.datasource.url: the bus listens on the pool and"
      + " the context closes")
  void ownPooledDataSource_busOnThePool_closesWithTheContext() {
    AtomicReference<PostgresInvalidationBus> bus = new AtomicReference<>();
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TalkbackAutoConfiguration.class))
        .withBean(javax.sql.DataSource.class, () -> db.pool())
        .withPropertyValues("talkback.secret=0123456789abcdef-test", "talkback.cluster.enabled=true",
            "talkback.cluster.heartbeat=1s")
        .run(context -> {
          assertThat(context).hasNotFailed();
          bus.set(context.getBean(PostgresInvalidationBus.class));
          Await.until(Duration.ofSeconds(20), "listening on a pool connection", bus.get()::listening);
        });
    assertThat(bus.get().listening()).isFalse();
  }

  @Test
  void invalidHeartbeat_failsNamingTheSetting() {
    node().withPropertyValues("talkback.cluster.heartbeat=10ms").run(context -> {
      assertThat(context).hasFailed();
      assertThat(new TalkbackFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
          .startsWith("Talkback: invalid talkback.cluster.* setting").contains("heartbeat");
    });
  }

  @Test
  @DisplayName("the JDBI store is the one the bus belongs to")
  void busUsesTheStoresPrefix() {
    node().withPropertyValues("talkback.store.table-prefix=blog_").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(JdbiCommentStore.class).tablePrefix()).isEqualTo("blog_");
      assertThat(context.getBean(PostgresInvalidationBus.class).toString()).contains("blog_changes");
    });
  }
}
