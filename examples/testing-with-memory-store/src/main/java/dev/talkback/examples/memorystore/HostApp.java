package dev.talkback.examples.memorystore;

import dev.talkback.comments.Comments;
import dev.talkback.comments.servlet.CommentsServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The host under test: an article at {@code /article} that includes Talkback's comment fragment, with
 * Talkback mounted at {@code /comments}. A real host has many pages; one is enough to show the testing.
 */
public final class HostApp implements AutoCloseable {
  private final Server server;

  private HostApp(Server server) {
    this.server = server;
  }

  /** Starts the host on a free loopback port with this comment service. */
  public static HostApp start(Comments comments) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(CommentsServlet.builder(comments).build()), "/comments/*");
    context.addServlet(new ServletHolder(new ArticlePage()), "/article");
    server.setHandler(context);
    server.start();
    return new HostApp(server);
  }

  /** The host's base URI. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
  }

  /** Stops the host. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the host", e);
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the host", e);
    }
  }

  /** The article page: the host's own markup around Talkback's fragment. */
  static final class ArticlePage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
      resp.setContentType("text/html;charset=utf-8");
      PrintWriter w = resp.getWriter();
      w.print("<!doctype html><html lang=\"en\"><head><title>Article</title></head><body>"
          + "<article><h1>An article</h1><p>Worth discussing.</p></article>");
      w.flush();
      req.getRequestDispatcher("/comments/fragment?thread=article&title=An+article&return=%2Farticle").include(req, resp);
      w.print("</body></html>");
    }
  }
}
