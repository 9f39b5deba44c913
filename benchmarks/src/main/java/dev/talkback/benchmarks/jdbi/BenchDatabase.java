package dev.talkback.benchmarks.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where the JDBI benchmarks keep their data: a dedicated PostgreSQL schema ({@code talkback_bench}, created
 * by the loader and dropped by {@code JdbiLoader drop}), or an H2 file database under
 * {@code /tmp/talkback-bench}. Overridable with {@code -Dtalkback.bench.pg.url}, {@code .pg.user},
 * {@code .pg.password}, {@code .pg.schema} and {@code -Dtalkback.bench.h2.dir}.
 */
enum BenchDatabase {
  POSTGRESQL,
  H2;

  static final int POOL_SIZE = 8;

  static BenchDatabase of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  String pgUrl() {
    return System.getProperty("talkback.bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  }

  String pgUser() {
    return System.getProperty("talkback.bench.pg.user", "postgres");
  }

  String pgPassword() {
    return System.getProperty("talkback.bench.pg.password", "");
  }

  String schema() {
    return System.getProperty("talkback.bench.pg.schema", "talkback_bench");
  }

  Path h2Dir() {
    return Path.of(System.getProperty("talkback.bench.h2.dir", "/tmp/talkback-bench"));
  }

  String h2Url() {
    return "jdbc:h2:file:" + h2Dir().resolve("comments").toAbsolutePath() + ";LOCK_TIMEOUT=10000";
  }

  /** A pool on the benchmark's schema or file; {@code rewriteBatches} turns on pgjdbc's batch rewriting. */
  HikariDataSource pool(boolean rewriteBatches) {
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(POOL_SIZE);
    config.setPoolName("bench-" + name().toLowerCase(Locale.ROOT));
    if (this == POSTGRESQL) {
      config.setJdbcUrl(pgUrl());
      config.setUsername(pgUser());
      config.setPassword(pgPassword());
      config.addDataSourceProperty("currentSchema", schema());
      config.addDataSourceProperty("socketTimeout", "60");
      config.addDataSourceProperty("tcpKeepAlive", "true");
      config.addDataSourceProperty("reWriteBatchedInserts", String.valueOf(rewriteBatches));
    } else {
      config.setJdbcUrl(h2Url());
    }
    return new HikariDataSource(config);
  }

  JdbiCommentStore store(HikariDataSource pool) {
    return JdbiCommentStore.builder(pool).build();
  }

  /** Creates the empty schema (PostgreSQL) or directory (H2); fails if it already exists. */
  void create() throws SQLException, IOException {
    if (this == POSTGRESQL) {
      exec("CREATE SCHEMA " + schema());
    } else {
      if (Files.exists(h2Dir())) {
        throw new IllegalStateException(h2Dir() + " exists: run 'drop h2' first");
      }
      Files.createDirectories(h2Dir());
    }
  }

  /** Drops the schema (PostgreSQL) or deletes the directory (H2). */
  void drop() throws SQLException, IOException {
    if (this == POSTGRESQL) {
      exec("DROP SCHEMA IF EXISTS " + schema() + " CASCADE");
    } else if (Files.exists(h2Dir())) {
      try (Stream<Path> files = Files.walk(h2Dir())) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(p);
        }
      }
    }
  }

  /** Refreshes the planner's statistics after a load, as a DBA would after an import. */
  void analyze(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("ANALYZE");
    }
  }

  private void exec(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
