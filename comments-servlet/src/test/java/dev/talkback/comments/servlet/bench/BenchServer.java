package dev.talkback.comments.servlet.bench;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.servlet.RateLimit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The servlet under wrk: Jetty 12 on {@code 127.0.0.1:<port>} with a 50-comment thread {@code bench}
 * (10 top-level comments with 4 replies each) on the in-memory store, no rate limits. Writes the thread's
 * JSON to {@code <dir>/thread.json} so nginx can serve the very same bytes. Usage:
 * {@code BenchServer port dir [memory|h2|pg]} (PostgreSQL at 127.0.0.1:5432/test, user postgres, tables
 * prefixed {@code tbbench_<n>_}, or {@code -Dbench.prefix}). With {@code -Dbench.nodes=true} (pg only) the
 * server is wired as one of several nodes: a {@code PostgresInvalidationBus} listening on its own
 * connection and the rate limits' buckets in the database ({@code soak.sh}).
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]);
    String kind = args.length > 2 ? args[2] : "memory";
    dev.talkback.comments.spi.CommentStore store = store(kind, dir);
    boolean nodes = Boolean.getBoolean("bench.nodes") && store instanceof dev.talkback.comments.jdbi.JdbiCommentStore;
    dev.talkback.comments.CommentsBuilder cb = Comments.builder().store(store);
    if (nodes) {
      org.postgresql.ds.PGSimpleDataSource listen = new org.postgresql.ds.PGSimpleDataSource();
      listen.setURL("jdbc:postgresql://127.0.0.1:5432/test");
      listen.setUser("postgres");
      listen.setApplicationName("talkback-bench-listener");
      cb.invalidationBus(dev.talkback.comments.jdbi.PostgresInvalidationBus.builder(listen)
          .tablePrefix(((dev.talkback.comments.jdbi.JdbiCommentStore) store).tablePrefix()).build());
    }
    Comments comments = cb.build();
    ThreadKey key = ThreadKey.of("bench");
    for (int i = 0; i < 10; i++) {
      CommentId top = comments.post(NewComment.builder(key).threadTitle("Benchmark").author(Author.named("Reader " + i))
          .text("Top-level comment number " + i + ": a paragraph of ordinary length, with a link https://example.org/"
              + i + " and a little more text so the thread weighs what a real one does.").build()).comment().id();
      for (int j = 0; j < 4; j++) {
        comments.post(NewComment.builder(key).replyTo(top).author(Author.named("Replier " + j))
            .text("Reply " + j + " to comment " + i + ". Agreed, mostly; here is why, in two sentences.").build());
      }
    }
    CommentsServlet.Builder sb = CommentsServlet.builder(comments);
    if (nodes) {
      sb.rateLimitStore(((dev.talkback.comments.jdbi.JdbiCommentStore) store).rateLimits());
    }
    CommentsServlet servlet = sb
        .secret("benchmark-secret-0123456789".getBytes(StandardCharsets.UTF_8))
        .postsPerClient(RateLimit.unlimited()).postsPerThread(RateLimit.unlimited()).actionsPerClient(RateLimit.unlimited())
        .build();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    ServletHolder holder = new ServletHolder(servlet);
    // -Dbench.async=false reads request bodies on the container's threads, as before issue 14 (slow-clients.sh).
    holder.setAsyncSupported(Boolean.parseBoolean(System.getProperty("bench.async", "true")));
    context.addServlet(holder, "/comments/*");
    server.setHandler(context);
    server.start();
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/comments/api/thread?thread=bench")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    Files.createDirectories(dir);
    Files.write(dir.resolve("thread.json"), r.body());
    System.out.println("READY " + r.body().length + " bytes, " + comments.thread(dom(), key,
        dev.talkback.comments.ThreadPageRequest.DEFAULT).totalCount() + " comments");
    server.join();
  }

  private static dev.talkback.comments.spi.CommentStore store(String kind, Path dir) {
    if (kind.equals("memory")) {
      return new InMemoryCommentStore();
    }
    com.zaxxer.hikari.HikariConfig c = new com.zaxxer.hikari.HikariConfig();
    c.setMaximumPoolSize(8);
    if (kind.equals("h2")) {
      c.setJdbcUrl("jdbc:h2:file:" + dir.toAbsolutePath().resolve("bench-h2") + ";DB_CLOSE_DELAY=-1");
      c.setUsername("sa");
      c.setPassword("");
    } else if (kind.equals("pg")) {
      c.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
      c.setUsername("postgres");
    } else {
      throw new IllegalArgumentException("store must be memory, h2 or pg: " + kind);
    }
    dev.talkback.comments.jdbi.JdbiCommentStore s = dev.talkback.comments.jdbi.JdbiCommentStore
        .builder(new com.zaxxer.hikari.HikariDataSource(c)).tablePrefix(System.getProperty("bench.prefix", "tbbench_" + ProcessHandle.current().pid() % 10000 + "_"))
        .build();
    s.initialize();
    return s;
  }

  private static dev.talkback.comments.SiteId dom() {
    return dev.talkback.comments.SiteId.DEFAULT;
  }
}
