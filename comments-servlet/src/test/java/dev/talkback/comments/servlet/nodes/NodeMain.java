package dev.talkback.comments.servlet.nodes;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.Comments;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.PostgresInvalidationBus;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.servlet.RateLimit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One app node of {@link SeveralNodesTest}, in a JVM of its own: Jetty 12 on a free port with
 * {@code CommentsServlet} at {@code /comments/*}, a {@code JdbiCommentStore} on the shared PostgreSQL schema,
 * a {@link PostgresInvalidationBus} whose connection is named {@code <application name>} in
 * {@code pg_stat_activity}, the rate limits in the database (3 posts per thread an hour, so the 4th is held
 * and the 10th refused), the same secret as every other node, and a moderator header for the test. Prints
 * {@code ready <port>}, then serves until it is killed.
 *
 * <p>{@code args}: JDBC URL, user, password, schema, application name of the listener connection.
 */
public final class NodeMain {
  private NodeMain() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    String schema = args[3];
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.addDataSourceProperty("currentSchema", schema);
    JdbiCommentStore store = JdbiCommentStore.builder(new HikariDataSource(config)).build();
    PGSimpleDataSource listen = new PGSimpleDataSource();
    listen.setURL(url);
    listen.setUser(user);
    listen.setPassword(password);
    listen.setCurrentSchema(schema);
    listen.setApplicationName(args[4]);
    PostgresInvalidationBus bus = PostgresInvalidationBus.builder(listen).heartbeat(Duration.ofSeconds(1))
        .maxBackoff(Duration.ofSeconds(1)).build();
    Comments comments = Comments.builder().store(store).blockStore(store.blockStore()).invalidationBus(bus).build();
    CommentsServlet servlet = CommentsServlet.builder(comments)
        .secret("the secret every node shares 0123456789".getBytes(StandardCharsets.UTF_8))
        .rateLimitStore(store.rateLimits())
        .postsPerThread(new RateLimit(3, Duration.ofHours(1)))
        .postsPerClient(RateLimit.unlimited())
        .actionsPerClient(RateLimit.unlimited())
        .moderatorAuthorizer((request, site) -> "yes".equals(request.getHeader("X-Test-Moderator")))
        .build();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/comments/*");
    server.setHandler(context);
    server.start();
    System.out.println("ready " + connector.getLocalPort());
    System.out.flush();
    server.join();
  }
}
