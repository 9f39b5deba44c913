package dev.talkback.comments.jdbi;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source without a pool: every {@link #getConnection()} opens a new connection through
 * {@link DriverManager}, and closing it closes it. For a connection that lives as long as the application (the
 * {@link PostgresInvalidationBus}'s listener: a pool's connection would hold one of the pool's slots for the
 * bus's whole life, and a pool's proxy waits for the listener's read when closed) and for
 * {@link JdbiStoreFactory}'s {@code talkback.jdbc.url} without a pool. The driver must be on the class path
 * (JDBC 4 drivers register themselves).
 */
public final class PlainDataSource implements DataSource {
  private final String url;
  private final @Nullable String user;
  private final @Nullable String password;

  /**
   * A data source for {@code url}.
   *
   * @param url the JDBC URL
   * @param user the user, or null to connect with what the URL says
   * @param password the password, or null
   */
  public PlainDataSource(String url, @Nullable String user, @Nullable String password) {
    this.url = java.util.Objects.requireNonNull(url, "url");
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
  public void setLogWriter(PrintWriter out) {
    // DriverManager logs to its own writer
  }

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
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper of " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "PlainDataSource{" + url + "}";
  }
}
