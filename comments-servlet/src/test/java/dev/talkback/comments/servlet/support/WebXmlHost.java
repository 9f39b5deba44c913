package dev.talkback.comments.servlet.support;

import dev.talkback.comments.servlet.CommentsServlet;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.realm.MemoryRealm;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * A web application as {@code web.xml} would declare it, in a real Jetty 12 or Tomcat 10.1: {@link
 * CommentsServlet} by class name with init parameters, load-on-startup, async-supported, mounted at {@code
 * /blog/comments/*}; the container's own BASIC login with two users from a realm file (Tomcat's {@code
 * MemoryRealm} reading a {@code tomcat-users.xml}, Jetty's {@code HashLoginService} reading a realm properties
 * file): {@code ada}/{@code ada-pass} in the role {@code moderator}, {@code bob}/{@code bob-pass} in {@code
 * reader}. Login is optional: there is no security constraint, a request with credentials is logged in. The
 * web application's root is {@code webRoot}, so {@code /WEB-INF/...} resources can be given.
 */
public interface WebXmlHost extends AutoCloseable {
  /** The context path. */
  String CONTEXT = "/blog";

  /**
   * Starts the container.
   *
   * @param params the servlet's init parameters
   * @return the mount point
   * @throws Exception what the container throws when the web application fails to start
   */
  URI start(Map<String, String> params) throws Exception;

  /** Whether the web application is running (false once a failed servlet failed the context). */
  boolean contextRunning();

  /** Why the servlet is unavailable, where the container keeps it (Jetty); null otherwise. */
  default jakarta.servlet.@org.jspecify.annotations.Nullable UnavailableException servletFailure() {
    return null;
  }

  @Override
  void close() throws IOException;

  /** Jetty 12 (ee10). */
  static WebXmlHost jetty(Path webRoot) {
    return new WebXmlHost() {
      private Server server;
      private ServletContextHandler context;
      private ServletHolder holder;

      @Override
      public URI start(Map<String, String> params) throws Exception {
        Path realm = webRoot.resolveSibling("jetty-realm.properties");
        Files.writeString(realm, "ada: ada-pass,moderator\nbob: bob-pass,reader\n");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context = new ServletContextHandler(CONTEXT, ServletContextHandler.SECURITY);
        context.setBaseResource(ResourceFactory.of(server).newResource(webRoot));
        HashLoginService users = new HashLoginService("blog", ResourceFactory.of(server).newResource(realm));
        server.addBean(users);
        ConstraintSecurityHandler security = (ConstraintSecurityHandler) context.getSecurityHandler();
        security.setLoginService(users);
        security.setAuthenticator(new org.eclipse.jetty.security.authentication.BasicAuthenticator());
        holder = new ServletHolder("talkback", CommentsServlet.class);
        holder.setInitParameters(params);
        holder.setInitOrder(1);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/comments/*");
        server.setHandler(context);
        server.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + CONTEXT + "/comments");
      }

      @Override
      public boolean contextRunning() {
        return context != null && context.isAvailable() && context.isStarted();
      }

      @Override
      public jakarta.servlet.UnavailableException servletFailure() {
        return holder == null ? null : holder.getUnavailableException();
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
    };
  }

  /** Tomcat 10.1; {@code failCtxIfServletStartFails} as given. */
  static WebXmlHost tomcat(Path webRoot, boolean failCtxIfServletStartFails) {
    return new WebXmlHost() {
      private Tomcat tomcat;
      private Context context;

      @Override
      public URI start(Map<String, String> params) throws Exception {
        Path base = Files.createDirectories(webRoot.resolveSibling("tomcat-base"));
        Path users = webRoot.resolveSibling("tomcat-users.xml");
        Files.writeString(users, """
            <tomcat-users>
              <user username="ada" password="ada-pass" roles="moderator"/>
              <user username="bob" password="bob-pass" roles="reader"/>
            </tomcat-users>
            """);
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        ((StandardHost) tomcat.getHost()).setFailCtxIfServletStartFails(failCtxIfServletStartFails);
        context = tomcat.addContext(CONTEXT, webRoot.toString());
        MemoryRealm realm = new MemoryRealm();
        realm.setPathname(users.toString());
        context.setRealm(realm);
        context.setLoginConfig(new LoginConfig("BASIC", "blog", null, null));
        context.getPipeline().addValve(new BasicAuthenticator());
        context.setPreemptiveAuthentication(true); // no constraint: a request that brings credentials is logged in
        Wrapper w = Tomcat.addServlet(context, "talkback", CommentsServlet.class.getName());
        params.forEach(w::addInitParameter);
        w.setLoadOnStartup(1);
        w.setAsyncSupported(true);
        context.addServletMappingDecoded("/comments/*", "talkback");
        tomcat.start();
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + CONTEXT + "/comments");
      }

      @Override
      public boolean contextRunning() {
        return context != null && context.getState() == LifecycleState.STARTED;
      }

      @Override
      public void close() throws IOException {
        if (tomcat != null) {
          try {
            tomcat.stop();
            tomcat.destroy();
          } catch (LifecycleException e) {
            throw new IOException("stopping Tomcat failed", e);
          }
        }
      }
    };
  }
}
