package dev.talkback.comments.servlet.support;

import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 (ee10). */
public final class JettyContainer implements Container {
  private Server server;

  @Override
  public URI start(HttpServlet servlet) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(CONTEXT);
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/comments/*");
    server.setHandler(context);
    server.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + CONTEXT + "/comments");
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      try {
        server.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while stopping Jetty");
      } catch (Exception e) {
        throw new IOException("stopping Jetty failed", e);
      }
    }
  }
}
