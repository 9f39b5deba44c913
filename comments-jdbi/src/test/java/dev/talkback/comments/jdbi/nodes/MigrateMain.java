package dev.talkback.comments.jdbi.nodes;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.testing.Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * A node of {@link ConcurrentMigrationTest} in a child JVM. For each round {@code r} it waits for the file
 * {@code go-r} in the directory given, which names a fresh schema (PostgreSQL) or database (MariaDB), starts
 * a store on it at once, and prints {@code started r}, or {@code failed r: <error>}.
 *
 * <p>{@code args}: the {@link Server} name, the directory, the number of rounds.
 */
final class MigrateMain {
  private MigrateMain() {}

  public static void main(String[] args) throws Exception {
    Server server = Server.valueOf(args[0]);
    Path dir = Path.of(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Class.forName(Flyway.class.getName()); // loaded before the race, like a node's other start-up work
    System.out.println("ready");
    System.out.flush();
    for (int round = 0; round < rounds; round++) {
      Path go = dir.resolve("go-" + round);
      while (!Files.exists(go)) {
        Thread.onSpinWait();
      }
      String name = Files.readString(go, StandardCharsets.UTF_8).trim();
      try (HikariDataSource pool = pool(server, name)) {
        JdbiCommentStore.builder(pool).build().initialize();
        System.out.println("started " + round);
      } catch (RuntimeException e) {
        System.out.println("failed " + round + ": " + e);
      }
      System.out.flush();
    }
  }

  private static HikariDataSource pool(Server server, String name) {
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
    if (server == Server.POSTGRESQL) {
      config.addDataSourceProperty("currentSchema", name);
    } else {
      config.setCatalog(name);
    }
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }
}
