package dev.talkback.comments.servlet.support;

import jakarta.servlet.http.HttpServlet;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat 10.1. */
public final class TomcatContainer implements Container {
  private Tomcat tomcat;

  @Override
  public URI start(HttpServlet servlet) throws Exception {
    File base = Files.createTempDirectory("talkback-tomcat").toFile();
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.getAbsolutePath());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext(CONTEXT, base.getAbsolutePath());
    Tomcat.addServlet(context, "talkback", servlet).setAsyncSupported(true);
    context.addServletMappingDecoded("/comments/*", "talkback");
    tomcat.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + CONTEXT + "/comments");
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
}
