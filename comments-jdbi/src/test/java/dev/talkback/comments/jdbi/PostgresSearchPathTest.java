package dev.talkback.comments.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where PostgreSQL puts the tables, as a blog owner names it with {@code currentSchema}: a schema in capitals
 * without quotes is refused with what to write instead, before anything is created; the same name quoted, and
 * a lower-case schema that does not exist yet (Flyway creates it), work.
 */
@RequiresServer(Server.POSTGRESQL)
class PostgresSearchPathTest {
  private final List<String> schemas = new ArrayList<>();

  @AfterEach
  void dropSchemas() {
    for (String s : schemas) {
      TestDatabase.exec(Server.POSTGRESQL, "DROP SCHEMA IF EXISTS \"" + s + "\" CASCADE");
    }
  }

  private String name(String prefix) {
    String n = prefix + TestDatabase.randomName().substring("tbtest_".length());
    schemas.add(n);
    schemas.add(n.toLowerCase(Locale.ROOT));
    return n;
  }

  private static HikariDataSource pool(String currentSchema) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(Server.POSTGRESQL.url());
    config.setUsername(Server.POSTGRESQL.user());
    config.setPassword(Server.POSTGRESQL.password());
    config.addDataSourceProperty("currentSchema", currentSchema);
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(5_000);
    return new HikariDataSource(config);
  }

  private static boolean schemaExists(String name) throws SQLException {
    try (Connection c = Server.POSTGRESQL.connect();
        PreparedStatement p = c.prepareStatement("SELECT count(*) FROM pg_namespace WHERE nspname = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getInt(1) > 0;
      }
    }
  }

  private static boolean commentsTableIn(String schema) throws SQLException {
    try (Connection c = Server.POSTGRESQL.connect(); PreparedStatement p = c.prepareStatement(
        "SELECT count(*) FROM pg_tables WHERE schemaname = ? AND tablename = 'talkback_comments'")) {
      p.setString(1, schema);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getInt(1) > 0;
      }
    }
  }

  @Test
  void capitalsWithoutQuotes_areRefusedWithTheQuotedForm_andNothingIsCreated() throws SQLException {
    String name = name("Blog_");
    try (HikariDataSource pool = pool(name)) {
      assertThatThrownBy(() -> JdbiCommentStore.builder(pool).build().initialize())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("folds the letters A to Z of names without quotes to lower case")
          .hasMessageContaining("currentSchema=\"" + name + "\"")
          .hasMessageContaining(name.toLowerCase(Locale.ROOT));
    }
    assertThat(schemaExists(name)).as("the schema as written (Flyway made it before)").isFalse();
    assertThat(schemaExists(name.toLowerCase(Locale.ROOT))).isFalse();
  }

  @Test
  void theSameNameQuoted_holdsTheTables() throws SQLException {
    String name = name("Blog_");
    TestDatabase.exec(Server.POSTGRESQL, "CREATE SCHEMA \"" + name + "\"");
    try (HikariDataSource pool = pool("\"" + name + "\"")) {
      JdbiCommentStore.builder(pool).build().initialize();
    }
    assertThat(commentsTableIn(name)).isTrue();
  }

  @Test
  void capitalsPostgresqlDoesNotFold_areNotRefused() throws SQLException {
    // in a UTF-8 database PostgreSQL folds only A to Z: a name with É and no ASCII capital is kept as written
    String name = name("blog_É_");
    try (HikariDataSource pool = pool(name)) {
      JdbiCommentStore.builder(pool).build().initialize();
    }
    assertThat(commentsTableIn(name)).isTrue();
  }

  @Test
  void aSearchPathOfSchemasThatDoNotExist_isRefused_andNothingIsCreated() throws SQLException {
    String a = name("tbpath_a_");
    String b = name("tbpath_b_");
    try (HikariDataSource pool = pool(a + "," + b)) {
      assertThatThrownBy(() -> JdbiCommentStore.builder(pool).build().initialize())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("none of the schemas on the search path (" + a + "," + b + ") exists");
    }
    assertThat(schemaExists(a)).isFalse();
    assertThat(schemaExists(b)).isFalse();
    assertThat(schemaExists(a + "," + b)).as("Flyway's one schema named after the whole list").isFalse();
  }

  @Test
  void aLowerCaseSchemaThatDoesNotExist_isCreated() throws SQLException {
    String name = name("blog_");
    try (HikariDataSource pool = pool(name)) {
      JdbiCommentStore.builder(pool).build().initialize();
    }
    assertThat(commentsTableIn(name)).isTrue();
  }
}
