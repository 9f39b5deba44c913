package dev.talkback.benchmarks.notify;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh, empty database for one trial: the PostgreSQL schema {@code talkback_notify_bench} (dropped and
 * created; 127.0.0.1:5432, user postgres, database test, overridable with {@code -Dtalkback.bench.pg.url},
 * {@code .pg.user}, {@code .pg.password}), or an H2 file database under {@code /tmp/talkback-notify-bench}.
 */
final class NotifyBenchDb {
  static final String SCHEMA = "talkback_notify_bench";
  private static final Path H2_DIR = Path.of("/tmp/talkback-notify-bench");

  private NotifyBenchDb() {}

  /** A pool of 8 on a freshly emptied schema or file. */
  static HikariDataSource fresh(String db) throws SQLException, IOException {
    return fresh(db, "");
  }

  /** A pool of 8 on a freshly emptied schema or file whose name ends in {@code suffix}. */
  static HikariDataSource fresh(String db, String suffix) throws SQLException, IOException {
    String schema = SCHEMA + suffix;
    Path h2Dir = Path.of(H2_DIR + suffix);
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(8);
    config.setPoolName("notify-bench-" + db + suffix);
    if (db.equals("postgresql")) {
      String url = System.getProperty("talkback.bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
      String user = System.getProperty("talkback.bench.pg.user", "postgres");
      String password = System.getProperty("talkback.bench.pg.password", "");
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        s.execute("CREATE SCHEMA " + schema);
      }
      config.setJdbcUrl(url);
      config.setUsername(user);
      config.setPassword(password);
      config.addDataSourceProperty("currentSchema", schema);
    } else if (db.equals("h2")) {
      if (Files.exists(h2Dir)) {
        try (Stream<Path> files = Files.walk(h2Dir)) {
          for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(h2Dir);
      config.setJdbcUrl("jdbc:h2:file:" + h2Dir.resolve("comments").toAbsolutePath() + ";LOCK_TIMEOUT=10000");
    } else {
      throw new IllegalArgumentException("db is postgresql or h2: " + db);
    }
    return new HikariDataSource(config);
  }
}
