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
    HikariConfig config = new HikariConfig();
    config.setMaximumPoolSize(8);
    config.setPoolName("notify-bench-" + db);
    if (db.equals("postgresql")) {
      String url = System.getProperty("talkback.bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
      String user = System.getProperty("talkback.bench.pg.user", "postgres");
      String password = System.getProperty("talkback.bench.pg.password", "");
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        s.execute("CREATE SCHEMA " + SCHEMA);
      }
      config.setJdbcUrl(url);
      config.setUsername(user);
      config.setPassword(password);
      config.addDataSourceProperty("currentSchema", SCHEMA);
    } else if (db.equals("h2")) {
      if (Files.exists(H2_DIR)) {
        try (Stream<Path> files = Files.walk(H2_DIR)) {
          for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(H2_DIR);
      config.setJdbcUrl("jdbc:h2:file:" + H2_DIR.resolve("comments").toAbsolutePath() + ";LOCK_TIMEOUT=10000");
    } else {
      throw new IllegalArgumentException("db is postgresql or h2: " + db);
    }
    return new HikariDataSource(config);
  }
}
