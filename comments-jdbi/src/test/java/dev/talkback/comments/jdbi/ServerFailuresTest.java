package dev.talkback.comments.jdbi;

import static dev.talkback.comments.jdbi.testing.Fixtures.T0;
import static dev.talkback.comments.jdbi.testing.Fixtures.comment;
import static dev.talkback.comments.jdbi.testing.Fixtures.randomSite;
import static dev.talkback.comments.jdbi.testing.Fixtures.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.Comment;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.jdbi.internal.Failures;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real server-side failures, provoked on a live server, and how the store reports them: timeouts, an
 * administrator killing the session, a read-only primary are {@link StoreUnavailableException}; constraint
 * violations are not. One subclass per server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerFailuresTest {
  TestDatabase db;
  JdbiCommentStore store;

  abstract TestDatabase createDatabase();

  abstract Server server();

  /** SQL that takes about two seconds. */
  abstract String sleepTwoSeconds();

  /** Sets a session statement timeout of 100 ms. */
  abstract String shortStatementTimeout();

  /** The SQL that kills the session with this id; and the SQL that reads the current session's id. */
  abstract String kill(long sessionId);

  abstract String sessionId();

  /** Session SQL that makes every later transaction read-only, like a demoted primary. */
  abstract String readOnlySession();

  /** The server's driver setting for a socket timeout of one second. */
  abstract String[] oneSecondSocketTimeout();

  @BeforeAll
  void open() {
    db = createDatabase();
    store = JdbiCommentStore.builder(db.dataSource()).tablePrefix("tb_").build();
    store.initialize();
  }

  @AfterAll
  void close() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void statementTimeout_isUnavailable() throws Exception {
    try (Connection c = db.dataSource().getConnection()) {
      exec(c, shortStatementTimeout());
      SQLException e = failure(c, sleepTwoSeconds());
      assertThat(Failures.isUnavailable(e)).as(describe(e)).isTrue();
      assertThat(Failures.isRetryableConflict(e)).isFalse();
    }
  }

  @Test
  void sessionKilledByAnAdministrator_isUnavailable() throws Exception {
    try (Connection victim = server().connect(); Connection admin = db.dataSource().getConnection()) {
      long id;
      try (Statement s = victim.createStatement(); var rs = s.executeQuery(sessionId())) {
        rs.next();
        id = rs.getLong(1);
      }
      exec(admin, kill(id));
      SQLException first = failure(victim, "SELECT 1");
      assertThat(Failures.isUnavailable(first)).as(describe(first)).isTrue();
      SQLException second = failure(victim, "SELECT 1");
      assertThat(Failures.isUnavailable(second)).as(describe(second)).isTrue();
    }
  }

  @Test
  void socketTimeout_isUnavailable() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.pool().getJdbcUrl());
    config.setUsername(db.pool().getUsername());
    config.setPassword(db.pool().getPassword());
    String[] setting = oneSecondSocketTimeout();
    config.addDataSourceProperty(setting[0], setting[1]);
    config.setMaximumPoolSize(1);
    try (HikariDataSource pool = new HikariDataSource(config); Connection c = pool.getConnection()) {
      SQLException e = failure(c, sleepTwoSeconds());
      assertThat(Failures.isUnavailable(e)).as(describe(e)).isTrue();
    }
  }

  @Test
  void writeOnAReadOnlyPrimary_throughTheStore_isUnavailable_whileReadsWork() {
    ThreadInfo t = thread(randomSite(), "read-only");
    Comment stored = comment(t, T0).build();
    store.insert(t, stored);
    try (HikariDataSource readOnly = derivedPool(readOnlySession())) {
      JdbiCommentStore demoted = JdbiCommentStore.builder(readOnly).tablePrefix("tb_").migrate(false).build();

      assertThat(demoted.find(t.site(), stored.id())).contains(stored);
      Throwable e = catchThrowable(() -> demoted.insert(t, comment(t, T0).build()));

      assertThat(e).isInstanceOf(StoreUnavailableException.class);
      assertThat(e.getCause()).isInstanceOf(JdbiException.class);
    }
  }

  @Test
  void queryTimeout_onARowLockedByAnotherTransaction_isUnavailable() throws Exception {
    ThreadInfo t = thread(randomSite(), "locked");
    Comment c = comment(t, T0).build();
    store.insert(t, c);
    JdbiCommentStore impatient = JdbiCommentStore.builder(db.dataSource()).tablePrefix("tb_")
        .queryTimeout(Duration.ofSeconds(1)).build();
    try (Connection locker = db.dataSource().getConnection()) {
      locker.setAutoCommit(false);
      exec(locker, "UPDATE tb_comments SET likes = likes WHERE site = '" + t.site() + "'");
      long start = System.nanoTime();

      Throwable e = catchThrowable(() -> impatient.update(c.toBuilder().source("x").version(1).build(), 0));

      assertThat(e).isInstanceOf(StoreUnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      locker.rollback();
    }
    assertThat(impatient.update(c.toBuilder().source("x").version(1).build(), 0).source()).isEqualTo("x");
  }

  @Test
  void constraintViolation_throughTheStore_isNotUnavailable() throws Exception {
    try (Connection c = db.dataSource().getConnection()) {
      exec(c, "ALTER TABLE tb_threads ADD CONSTRAINT tb_no_forbidden_title CHECK (title <> 'forbidden')");
    }
    ThreadInfo t = thread(randomSite(), "constraint");
    Throwable e = catchThrowable(() -> store.saveThread(t.withTitleAndUrl("forbidden", null)));

    assertThat(e).isInstanceOf(JdbiException.class).isNotInstanceOf(StoreUnavailableException.class);
    assertThat(Failures.isUnavailable(e)).isFalse();
    assertThat(Failures.isRetryableConflict(e)).isFalse();
    store.saveThread(t);
    assertThat(store.threadInfo(t.site(), t.key())).contains(t);
  }

  @Test
  void duplicateKey_isARetryableConflict_notUnavailable() throws Exception {
    try (Connection c = db.dataSource().getConnection()) {
      exec(c, "CREATE TABLE dup_test (id INT PRIMARY KEY)");
      exec(c, "INSERT INTO dup_test VALUES (1)");
      SQLException e = failure(c, "INSERT INTO dup_test VALUES (1)");
      assertThat(Failures.isUnavailable(e)).as(describe(e)).isFalse();
      assertThat(Failures.isRetryableConflict(e)).as(describe(e)).isTrue();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------------

  /** A pool on the test database whose connections first run {@code initSql}. */
  HikariDataSource derivedPool(String initSql) {
    HikariConfig config = new HikariConfig();
    db.pool().copyStateTo(config);
    config.setPoolName(db.pool().getPoolName() + "-derived");
    config.setConnectionInitSql(initSql);
    config.setMaximumPoolSize(2);
    return new HikariDataSource(config);
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static SQLException failure(Connection c, String sql) {
    Throwable t = catchThrowable(() -> exec(c, sql));
    assertThat(t).as(sql).isInstanceOf(SQLException.class);
    return (SQLException) t;
  }

  static String describe(SQLException e) {
    return e.getClass().getName() + " SQLState " + e.getSQLState() + " code " + e.getErrorCode() + ": "
        + e.getMessage();
  }
}
