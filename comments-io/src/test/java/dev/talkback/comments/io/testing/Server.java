package dev.talkback.comments.io.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * (A copy of the helper in comments-jdbi's tests, which publishes no test jar.)
 *
 * A database server the tests need, and where to find it. Each setting is read from a system property,
 * else an environment variable, else the default (the servers of the development machine and CI):
 *
 * <pre>
 *   PostgreSQL  -Dtalkback.pg.url       TALKBACK_PG_URL       jdbc:postgresql://127.0.0.1:5432/test
 *               -Dtalkback.pg.user      TALKBACK_PG_USER      postgres
 *               -Dtalkback.pg.password  TALKBACK_PG_PASSWORD  (empty)
 *   MariaDB     -Dtalkback.mariadb.url       TALKBACK_MARIADB_URL       jdbc:mariadb://127.0.0.1:3306/test
 *               -Dtalkback.mariadb.user      TALKBACK_MARIADB_USER      root
 *               -Dtalkback.mariadb.password  TALKBACK_MARIADB_PASSWORD  (empty)
 * </pre>
 *
 * The user must be allowed to create and drop schemas (PostgreSQL) or databases (MariaDB): every test class
 * works in one of its own, with a random name, dropped afterwards.
 */
public enum Server {
  POSTGRESQL("PostgreSQL", "pg", "jdbc:postgresql://127.0.0.1:5432/test", "postgres",
      "sudo pg_ctlcluster 15 main start, or: docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust"
          + " -e POSTGRES_DB=test postgres:15"),
  MARIADB("MariaDB", "mariadb", "jdbc:mariadb://127.0.0.1:3306/test", "root",
      "sudo service mariadb start (then: mariadb -uroot -e 'CREATE DATABASE IF NOT EXISTS test'), or: docker run -d"
          + " -p 3306:3306 -e MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 -e MARIADB_DATABASE=test mariadb:10.11");

  private final String displayName;
  private final String key;
  private final String defaultUrl;
  private final String defaultUser;
  private final String howToStart;

  Server(String displayName, String key, String defaultUrl, String defaultUser, String howToStart) {
    this.displayName = displayName;
    this.key = key;
    this.defaultUrl = defaultUrl;
    this.defaultUser = defaultUser;
    this.howToStart = howToStart;
  }

  public String displayName() {
    return displayName;
  }

  public String url() {
    return setting("url", defaultUrl);
  }

  public String user() {
    return setting("user", defaultUser);
  }

  public String password() {
    return setting("password", "");
  }

  /** How to start the server, for the message of a skipped or failed test. */
  public String howToStart() {
    return howToStart;
  }

  /** The names of the settings, for messages. */
  public String settingNames() {
    String env = "TALKBACK_" + key.toUpperCase(Locale.ROOT) + "_";
    return env + "URL, " + env + "USER, " + env + "PASSWORD (or -Dtalkback." + key + ".url, ...)";
  }

  /** Opens a connection with short timeouts, so an absent server is noticed in seconds. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), driverProperties(true));
  }

  /**
   * The driver properties the tests use: user, password and timeouts (short ones for a probe). The
   * settings recommended in docs/jdbi.md.
   */
  public Properties driverProperties(boolean probe) {
    Properties p = new Properties();
    p.setProperty("user", user());
    p.setProperty("password", password());
    if (this == POSTGRESQL) {
      p.setProperty("connectTimeout", probe ? "3" : "5");
      p.setProperty("loginTimeout", probe ? "3" : "5");
      p.setProperty("socketTimeout", probe ? "5" : "30");
      p.setProperty("tcpKeepAlive", "true");
    } else {
      p.setProperty("connectTimeout", probe ? "3000" : "5000");
      p.setProperty("socketTimeout", probe ? "5000" : "30000");
      p.setProperty("tcpKeepAlive", "true");
    }
    return p;
  }

  private String setting(String name, String fallback) {
    String property = System.getProperty("talkback." + key + "." + name);
    if (property != null) {
      return property;
    }
    String env = System.getenv("TALKBACK_" + key.toUpperCase(Locale.ROOT) + "_" + name.toUpperCase(Locale.ROOT));
    return env != null ? env : fallback;
  }
}
