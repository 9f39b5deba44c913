package dev.talkback.comments.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/**
 * {@link Failures} over real failures that need no database server: drivers connecting to a closed port or
 * to a socket that never answers, a shut H2 database, an exhausted pool, H2 constraint and syntax errors.
 * The server-side ones (timeouts, shutdowns, read-only transactions) are in the PostgreSQL and MariaDB
 * tests next to this one.
 */
class FailuresTest {

  @Test
  void isUnavailable_postgresConnectionRefused() {
    SQLException e = connectFailure("jdbc:postgresql://127.0.0.1:" + closedPort() + "/test", "postgres");
    assertThat(e.getSQLState()).isEqualTo("08001");
    assertThat(Failures.isUnavailable(e)).isTrue();
    assertThat(Failures.isUnavailable(new ConnectionException(e))).isTrue(); // as Jdbi wraps it
  }

  @Test
  void isUnavailable_mariaDbConnectionRefused() {
    SQLException e = connectFailure("jdbc:mariadb://127.0.0.1:" + closedPort() + "/test", "root");
    assertThat(Failures.isUnavailable(e)).isTrue();
  }

  @Test
  void isUnavailable_loginTimeoutOnAServerThatNeverAnswers() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      SQLException pg = connectFailure("jdbc:postgresql://127.0.0.1:" + silent.port() + "/test", "postgres");
      assertThat(pg.getMessage()).contains("timed out");
      assertThat(Failures.isUnavailable(pg)).isTrue();
      SQLException maria = connectFailure("jdbc:mariadb://127.0.0.1:" + silent.port() + "/test", "root");
      assertThat(Failures.isUnavailable(maria)).isTrue();
    }
  }

  @Test
  void isUnavailable_h2DatabaseShutDownUnderAnOpenConnection() throws Exception {
    String url = "jdbc:h2:mem:failures-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url)) {
      try (Statement s = a.createStatement()) {
        s.execute("SHUTDOWN");
      }
      SQLException e = sqlFailure(b, "SELECT 1");
      assertThat(Failures.isUnavailable(e)).isTrue();
    }
  }

  @Test
  void isUnavailable_poolWithoutAFreeConnectionInTime() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:pool-" + System.nanoTime());
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(250);
    try (HikariDataSource pool = new HikariDataSource(config); Connection held = pool.getConnection()) {
      assertThat(held.isValid(1)).as("the pool's only connection, held").isTrue();
      Throwable e = catchThrowable(pool::getConnection);
      assertThat(e).isInstanceOf(SQLTransientConnectionException.class);
      assertThat(Failures.isUnavailable(e)).isTrue();
    }
  }

  /**
   * A call interrupted while it waits for a pool's connection never reached the database: HikariCP throws a
   * plain SQLException (no SQLState) with the InterruptedException as its cause. Taken for a refusal, it
   * failed a reader's read in the Patroni drill instead of sending it to the next replica.
   */
  @Test
  void isUnavailable_interruptedWhileWaitingForAPoolConnection() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:interrupted-" + System.nanoTime());
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(30_000);
    try (HikariDataSource pool = new HikariDataSource(config); Connection held = pool.getConnection()) {
      assertThat(held.isValid(1)).as("the pool's only connection, held").isTrue();
      java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();
      Thread waiter = new Thread(() -> failure.complete(catchThrowable(pool::getConnection)), "waiter");
      waiter.start();
      long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (waiter.getState() != Thread.State.TIMED_WAITING && waiter.getState() != Thread.State.WAITING) {
        assertThat(System.nanoTime()).as("the waiter blocks in the pool").isLessThan(end);
        Thread.onSpinWait();
      }
      waiter.interrupt();
      Throwable e = failure.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(e).isInstanceOf(SQLException.class).hasMessageContaining("Interrupted")
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(((SQLException) e).getSQLState()).isNull();
      assertThat(Failures.isUnavailable(e)).isTrue();
      assertThat(Failures.isUnavailable(new ConnectionException(e))).as("as Jdbi wraps it").isTrue();
    }
  }

  @Test
  void isUnavailable_constraintAndSyntaxErrors_areNot() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(3) CHECK (v <> 'bad'))");
        s.execute("INSERT INTO t VALUES (1, 'ok')");
      }
      SQLException duplicate = sqlFailure(c, "INSERT INTO t VALUES (1, 'ok')");
      SQLException check = sqlFailure(c, "INSERT INTO t VALUES (2, 'bad')");
      SQLException tooLong = sqlFailure(c, "INSERT INTO t VALUES (3, 'long')");
      SQLException syntax = sqlFailure(c, "SELEKT 1");
      SQLException noTable = sqlFailure(c, "SELECT * FROM missing");
      for (SQLException e : List.of(duplicate, check, tooLong, syntax, noTable)) {
        assertThat(Failures.isUnavailable(e)).as(e.getMessage()).isFalse();
        assertThat(Failures.isUnavailable(new UnableToExecuteStatementException(e, null))).isFalse();
      }
      assertThat(Failures.isRetryableConflict(duplicate)).isTrue();
      assertThat(Failures.isRetryableConflict(check)).isFalse();
      assertThat(Failures.isRetryableConflict(syntax)).isFalse();
    }
  }

  /**
   * Codes that cannot be provoked here without changing a shared server (MariaDB's global read_only, a
   * PostgreSQL crash or startup): the exceptions the drivers raise for them, by SQLState and vendor code.
   */
  @Test
  void isUnavailable_serverStatesThatCannotBeProvokedHere() {
    assertThat(Failures.isUnavailable(new SQLException(
        "The MariaDB server is running with the --read-only option so it cannot execute this statement",
        "HY000", 1290))).isTrue();
    assertThat(Failures.isUnavailable(new SQLException("Running in read-only mode", "HY000", 1836))).isTrue();
    assertThat(Failures.isUnavailable(new SQLException("Connection was killed", "70100", 1927))).isTrue();
    assertThat(Failures.isUnavailable(new SQLException("terminating connection because of crash of another"
        + " server process", "57P02"))).isTrue();
    assertThat(Failures.isUnavailable(new SQLException("the database system is starting up", "57P03"))).isTrue();
    assertThat(Failures.isUnavailable(new SQLException("sorry, too many clients already", "53300"))).isTrue();
    assertThat(Failures.isUnavailable(new SQLException("Duplicate entry", "23000", 1062))).isFalse();
    assertThat(Failures.isUnavailable(new SQLException("value too long", "22001"))).isFalse();
    assertThat(Failures.isUnavailable(new RuntimeException("a bug"))).isFalse();
  }

  @Test
  void isUnavailable_looksAtNextExceptionsOfABatch() {
    BatchUpdateException batch = new BatchUpdateException("Batch entry 3 was aborted", "08006", 0, new int[0]);
    SQLException quiet = new SQLException("batch failed");
    quiet.setNextException(batch);
    assertThat(Failures.isUnavailable(new UnableToExecuteStatementException(quiet, null))).isTrue();
  }

  @Test
  void isRetryableConflict_deadlocksAndSerializationFailures() {
    assertThat(Failures.isRetryableConflict(new SQLException("deadlock detected", "40P01"))).isTrue();
    assertThat(Failures.isRetryableConflict(new SQLException("could not serialize access", "40001"))).isTrue();
    assertThat(Failures.isRetryableConflict(new SQLException("Deadlock found", "40001", 1213))).isTrue();
    assertThat(Failures.isRetryableConflict(new SQLException("Duplicate entry 'x' for key", "23000", 1062)))
        .isTrue();
    assertThat(Failures.isRetryableConflict(new SQLException("Lock wait timeout exceeded", "HY000", 1205)))
        .isFalse();
    assertThat(Failures.isRetryableConflict(new SQLException("connection reset", "08006"))).isFalse();
  }

  // ---- helpers -------------------------------------------------------------------------------------

  static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SQLException connectFailure(String url, String user) {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", "");
    boolean postgres = url.startsWith("jdbc:postgresql");
    p.setProperty("connectTimeout", postgres ? "1" : "1000");
    p.setProperty("socketTimeout", postgres ? "1" : "1000");
    if (postgres) {
      p.setProperty("loginTimeout", "1");
    }
    Throwable t = catchThrowable(() -> DriverManager.getConnection(url, p).close());
    assertThat(t).isInstanceOf(SQLException.class);
    return (SQLException) t;
  }

  static SQLException sqlFailure(Connection c, String sql) {
    Throwable t = catchThrowable(() -> {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
    });
    assertThat(t).as(sql).isInstanceOf(SQLException.class);
    return (SQLException) t;
  }

  /** A TCP server that accepts connections and never says a word: a hung database. */
  static final class SilentServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0);
    private final List<Socket> accepted = new ArrayList<>();
    private final Thread acceptor;

    SilentServer() throws IOException {
      acceptor = new Thread(() -> {
        try {
          while (true) {
            Socket s = socket.accept();
            synchronized (accepted) {
              accepted.add(s);
            }
          }
        } catch (IOException closed) {
          // close() ends the loop
        }
      }, "silent-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (accepted) {
        for (Socket s : accepted) {
          s.close();
        }
      }
    }
  }
}
