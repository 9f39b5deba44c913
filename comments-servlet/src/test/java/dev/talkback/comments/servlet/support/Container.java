package dev.talkback.comments.servlet.support;

import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.URI;

/** A real servlet container on a loopback port, with one servlet mounted at {@code /blog/comments/*}. */
public interface Container extends AutoCloseable {
  /** The context path of the test web application. */
  String CONTEXT = "/blog";

  /** Starts the container with the servlet mounted; returns the URI of the mount point. */
  URI start(HttpServlet servlet) throws Exception;

  /** Stops the container; an interrupt while stopping is kept on the thread and reported as an IOException. */
  @Override
  void close() throws IOException;
}
