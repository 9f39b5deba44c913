package dev.talkback.comments.jdbi.internal;

import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A {@link DataSource} over a host's {@link Jdbi}, for Flyway, which needs one: each connection is a Jdbi
 * handle's, and closing it closes the handle (which returns the connection the way the host configured).
 */
final class HandleDataSource implements DataSource {
  private final Jdbi jdbi;

  HandleDataSource(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Handle handle = jdbi.open();
    Connection connection = handle.getConnection();
    InvocationHandler calls = (proxy, method, args) -> {
      switch (method.getName()) {
        case "close" -> {
          handle.close();
          return null;
        }
        case "isClosed" -> {
          return handle.isClosed() || connection.isClosed();
        }
        case "unwrap" -> {
          if (((Class<?>) args[0]).isInstance(proxy)) {
            return proxy;
          }
        }
        case "isWrapperFor" -> {
          if (((Class<?>) args[0]).isInstance(proxy)) {
            return true;
          }
        }
        case "equals" -> {
          return proxy == args[0];
        }
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        default -> {
          // every other method goes to the handle's connection
        }
      }
      return invoke(connection, method, args);
    };
    return (Connection) Proxy.newProxyInstance(
        HandleDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, calls);
  }

  private static Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(connection, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the store's connections come from the host's Jdbi");
  }

  @Override
  public PrintWriter getLogWriter() {
    return new PrintWriter(Writer.nullWriter());
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
