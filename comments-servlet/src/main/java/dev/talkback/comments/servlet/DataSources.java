package dev.talkback.comments.servlet;

import dev.talkback.comments.Comments;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;

/** Builds {@code Comments} on a JDBC data source named in {@code web.xml}. */
final class DataSources {
  private DataSources() {}

  static Comments comments(ServletConfig config) throws ServletException {
    throw new ServletException("Talkback: set the init parameter " + WebXmlConfiguration.FACTORY
        + " (a Supplier<Comments>), talkback.datasource (a JNDI name) or talkback.jdbc.url");
  }
}
