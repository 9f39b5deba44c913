package dev.talkback.comments.cli;

import dev.talkback.comments.jdbi.JdbiCommentStore;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The database options every command shares, and the store they open. */
final class Database {
  @Option(names = "--jdbc-url", required = true, paramLabel = "URL",
      description = "The Talkback database, e.g. jdbc:postgresql://host/db, jdbc:mariadb://host/db, jdbc:h2:./data/talkback")
  String url = "";

  @Option(names = "--user", paramLabel = "U", description = "The database user.")
  @Nullable String user;

  @Option(names = "--password", paramLabel = "P",
      description = "The database password (default: the environment variable TALKBACK_DB_PASSWORD).")
  @Nullable String password;

  @Option(names = "--table-prefix", paramLabel = "PREFIX", defaultValue = "talkback_",
      description = "The prefix of Talkback's tables (default: ${DEFAULT-VALUE}).")
  String tablePrefix = "talkback_";

  /** The store, its tables created or migrated if needed. */
  JdbiCommentStore open() {
    JdbiCommentStore store = JdbiCommentStore.builder(new DriverDataSource(url, user, password()))
        .tablePrefix(tablePrefix).build();
    store.initialize();
    return store;
  }

  private @Nullable String password() {
    return password != null ? password : System.getenv("TALKBACK_DB_PASSWORD");
  }

  /** A connection per call, from {@link DriverManager}: enough for one command's sequential work. */
  private static final class DriverDataSource implements DataSource {
    private final String url;
    private final Properties properties = new Properties();

    DriverDataSource(String url, @Nullable String user, @Nullable String password) {
      this.url = url;
      if (user != null) {
        properties.setProperty("user", user);
      }
      if (password != null) {
        properties.setProperty("password", password);
      }
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url, properties);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return DriverManager.getConnection(url, username, password);
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) {
      // no log writer: the drivers log through their own loggers
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
      throw new SQLException("not a wrapper of " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return iface.isInstance(this);
    }
  }
}
