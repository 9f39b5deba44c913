package dev.talkback.comments.servlet;

import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.spi.CommentStore;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Builds {@code Comments} on the JDBI store from {@code web.xml} parameters: {@code talkback.datasource}
 * (a JNDI name such as {@code java:comp/env/jdbc/comments}) or {@code talkback.jdbc.url} with
 * {@code talkback.jdbc.user} and {@code talkback.jdbc.password}; optionally {@code talkback.spool} (a file:
 * the fallback store's write spool, so comments survive an outage) and {@code talkback.moderation}
 * ({@code none}, {@code all}, {@code first_time}, {@code links}). Needs {@code dev.talkback:comments-jdbi} and
 * the JDBC driver on the classpath.
 */
final class DataSources {
  private DataSources() {}

  /** The comments and what to close with the servlet. */
  record Built(Comments comments, AutoCloseable owned) {}

  // The JNDI name comes from the deployer's web.xml, never from a request.
  @SuppressWarnings("BanJNDI")
  static Built comments(ServletConfig config) throws ServletException {
    String jndi = WebXmlConfiguration.param(config, "talkback.datasource");
    String url = WebXmlConfiguration.param(config, "talkback.jdbc.url");
    DataSource ds;
    if (jndi != null && !jndi.isBlank()) {
      try {
        ds = (DataSource) new InitialContext().lookup(jndi.trim());
      } catch (NamingException | ClassCastException e) {
        throw new ServletException("Talkback: talkback.datasource '" + jndi + "' is not a DataSource in JNDI", e);
      }
    } else if (url != null && !url.isBlank()) {
      ds = new DriverManagerDataSource(url.trim(), WebXmlConfiguration.param(config, "talkback.jdbc.user"),
          WebXmlConfiguration.param(config, "talkback.jdbc.password"));
    } else {
      throw new ServletException("Talkback: set the init parameter " + WebXmlConfiguration.FACTORY
          + " (a Supplier<Comments>), talkback.datasource (a JNDI name) or talkback.jdbc.url");
    }
    JdbiCommentStore jdbi = JdbiCommentStore.builder(ds).build();
    try {
      jdbi.initialize(); // migrate now, not inside the first request's deadline
    } catch (StoreUnavailableException e) {
      LoggerFactory.getLogger(DataSources.class).warn("Talkback: the comment database is unreachable at startup;"
          + " starting anyway: {}", e.getMessage());
    }
    CommentStore store = jdbi;
    FallbackCommentStore fallback = null;
    String spool = WebXmlConfiguration.param(config, "talkback.spool");
    if (spool != null && !spool.isBlank()) {
      fallback = FallbackCommentStore.builder().primary(store).spool(FileWriteSpool.open(Path.of(spool.trim()))).build();
      store = fallback;
    }
    Comments.Builder b = Comments.builder().store(store);
    String moderation = WebXmlConfiguration.param(config, "talkback.moderation");
    if (moderation != null && !moderation.isBlank()) {
      try {
        b.moderation(ModerationMode.valueOf(moderation.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ServletException("Talkback: talkback.moderation must be none, all, first_time or links", e);
      }
    }
    Comments comments = b.build();
    FallbackCommentStore toClose = fallback;
    return new Built(comments, () -> {
      comments.close();
      if (toClose != null) {
        toClose.close();
      }
    });
  }

  /** A data source that opens a new connection per call: enough for a small blog configured in web.xml. */
  static final class DriverManagerDataSource implements DataSource {
    private final String url;
    private final @Nullable String user;
    private final @Nullable String password;

    DriverManagerDataSource(String url, @Nullable String user, @Nullable String password) {
      this.url = url;
      this.user = user;
      this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
      return DriverManager.getConnection(url, username, pass);
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {
      DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
      return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
