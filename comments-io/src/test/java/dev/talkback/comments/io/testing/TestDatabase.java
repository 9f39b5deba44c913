package dev.talkback.comments.io.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * (A copy of the helper in comments-jdbi's tests, which publishes no test jar.)
 *
 * A database of its own for one test class: a fresh PostgreSQL schema, MariaDB database or H2 in-memory
 * database with a random name, behind a small HikariCP pool, dropped by {@link #close()}. Runs never
 * interfere, with each other or with anything else on the server.
 */
public final class TestDatabase implements AutoCloseable {
  private final String kind;
  private final String name;
  private final HikariDataSource pool;
  private final Runnable drop;

  private TestDatabase(String kind, String name, HikariDataSource pool, Runnable drop) {
    this.kind = kind;
    this.name = name;
    this.pool = pool;
    this.drop = drop;
  }

  /** A fresh schema on the PostgreSQL server; the pool's connections use it as their current schema. */
  public static TestDatabase postgres() {
    return postgres(java.util.Map.of());
  }

  /** A fresh PostgreSQL schema whose connections also get these pgjdbc properties. */
  public static TestDatabase postgres(java.util.Map<String, String> driverProperties) {
    Server server = Server.POSTGRESQL;
    String schema = randomName();
    exec(server, "CREATE SCHEMA " + schema);
    HikariConfig config = config(server, schema);
    config.addDataSourceProperty("currentSchema", schema);
    driverProperties.forEach(config::addDataSourceProperty);
    return new TestDatabase("PostgreSQL", schema, new HikariDataSource(config),
        () -> exec(server, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
  }

  /**
   * A fresh database on the MariaDB server, created with the server's usual case-insensitive default
   * collation, to show the store's tables set their own.
   */
  public static TestDatabase mariadb() {
    Server server = Server.MARIADB;
    String database = randomName();
    exec(server, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
    HikariConfig config = config(server, database);
    config.setCatalog(database);
    return new TestDatabase("MariaDB", database, new HikariDataSource(config),
        () -> exec(server, "DROP DATABASE IF EXISTS " + database));
  }

  /** A fresh in-memory H2 database, kept until {@link #close()}. */
  public static TestDatabase h2() {
    String database = randomName();
    String url = "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(8);
    config.setPoolName("h2-" + database);
    HikariDataSource pool = new HikariDataSource(config);
    return new TestDatabase("H2", database, pool, () -> {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException e) {
        throw new IllegalStateException("could not shut H2 database " + database + " down", e);
      }
    });
  }

  private static HikariConfig config(Server server, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.url());
    Properties props = server.driverProperties(false);
    config.setUsername(props.getProperty("user"));
    config.setPassword(props.getProperty("password"));
    props.forEach((k, v) -> {
      if (!k.equals("user") && !k.equals("password")) {
        config.addDataSourceProperty((String) k, v);
      }
    });
    config.setMaximumPoolSize(8);
    config.setConnectionTimeout(5_000);
    config.setPoolName(server.name().toLowerCase(Locale.ROOT) + "-" + name);
    return config;
  }

  /** A random lower-case name for a schema or database, unique enough to never meet another run's. */
  public static String randomName() {
    return "tbtest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** Runs one statement on the server as the configured user, outside any test database. */
  public static void exec(Server server, String sql) {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run on " + server.displayName() + ": " + sql, e);
    }
  }

  /** The pool, for the store under test. */
  public DataSource dataSource() {
    return pool;
  }

  /** The pool itself, to close it early (simulating a shut pool) or read its settings. */
  public HikariDataSource pool() {
    return pool;
  }

  /** The random name of the schema or database. */
  public String name() {
    return name;
  }

  @Override
  public void close() {
    pool.close(); // first: no connection of ours may hold the schema while it is dropped
    drop.run();
  }

  @Override
  public String toString() {
    return kind + " " + name;
  }
}
