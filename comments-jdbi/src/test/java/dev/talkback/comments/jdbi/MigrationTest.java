package dev.talkback.comments.jdbi;

import static dev.talkback.comments.jdbi.testing.Fixtures.T0;
import static dev.talkback.comments.jdbi.testing.Fixtures.comment;
import static dev.talkback.comments.jdbi.testing.Fixtures.randomSite;
import static dev.talkback.comments.jdbi.testing.Fixtures.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Comment;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.HashPrefixSqlParser;
import org.jdbi.v3.core.statement.SqlStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema's life on every dialect: Flyway with the store's own history table beside a host's Flyway,
 * table prefixes, a second start, and the SQL applied by hand as a DBA would. Each test gets a database
 * of its own.
 */
abstract class MigrationTest {
  TestDatabase db;

  abstract TestDatabase createDatabase();

  abstract Dialect dialect();

  @BeforeEach
  void open() {
    db = createDatabase();
  }

  @AfterEach
  void drop() {
    db.close();
  }

  @Test
  void migrate_besideTheHostsOwnFlyway_keepsBothHistories(@TempDir Path hostMigrations) throws Exception {
    Files.writeString(hostMigrations.resolve("V1__host_posts.sql"), "CREATE TABLE posts (id INT PRIMARY KEY);\n");
    Files.writeString(hostMigrations.resolve("V2__host_tags.sql"), "CREATE TABLE tags (id INT PRIMARY KEY);\n");
    Flyway host = Flyway.configure().dataSource(db.dataSource())
        .locations("filesystem:" + hostMigrations.toAbsolutePath()).load();
    assertThat(host.migrate().migrationsExecuted).isEqualTo(2);

    JdbiCommentStore store = JdbiCommentStore.builder(db.dataSource()).build();
    assertThat(store.initialize()).isEqualTo(dialect());
    storeWorks(store);

    assertThat(tables()).contains("talkback_comments", "talkback_threads", "talkback_thread_counts",
        "talkback_comment_likes", "talkback_schema_history", "flyway_schema_history", "posts", "tags");
    assertThat(host.migrate().migrationsExecuted).isZero(); // the host's history is untouched and valid
    assertThat(host.info().current().getVersion().getVersion()).isEqualTo("2");
  }

  @Test
  void migrate_secondStartAndSecondPrefix_inOneSchema() throws Exception {
    JdbiCommentStore first = JdbiCommentStore.builder(db.dataSource()).tablePrefix("tb_").build();
    first.initialize();
    JdbiCommentStore again = JdbiCommentStore.builder(db.dataSource()).tablePrefix("tb_").build();
    assertThat(again.initialize()).isEqualTo(dialect());
    JdbiCommentStore other = JdbiCommentStore.builder(db.dataSource()).tablePrefix("blog2_").build();
    other.initialize();

    ThreadInfo t = thread(randomSite(), "shared-key");
    Comment c = comment(t, T0).build();
    first.insert(t, c);
    assertThat(again.find(t.site(), c.id())).contains(c);
    assertThat(other.find(t.site(), c.id())).isEmpty();
    assertThat(tables()).contains("tb_schema_history", "blog2_schema_history", "blog2_comments");
  }

  @Test
  void migrateFalse_withoutTheTables_saysWhatToDo() {
    JdbiCommentStore store = JdbiCommentStore.builder(db.dataSource()).migrate(false).build();
    assertThatThrownBy(store::initialize)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("talkback_comments")
        .hasMessageContaining(dialect().migrationsLocation())
        .hasMessageContaining("migrate(true)");
  }

  @Test
  void migrateFalse_afterTheSqlWasAppliedByHand_works() throws Exception {
    applyByHand("hand_");
    JdbiCommentStore store = JdbiCommentStore.builder(db.dataSource()).tablePrefix("hand_").migrate(false).build();
    assertThat(store.initialize()).isEqualTo(dialect());
    storeWorks(store);
    assertThat(tables()).doesNotContain("hand_schema_history");
  }

  @Test
  void builderOnTheHostsJdbi_migratesAndLeavesItsConfigurationAlone() {
    Jdbi jdbi = Jdbi.create(db.dataSource());
    HashPrefixSqlParser hostParser = new HashPrefixSqlParser();
    jdbi.getConfig(SqlStatements.class).setSqlParser(hostParser);

    JdbiCommentStore store = JdbiCommentStore.builder(jdbi).tablePrefix("j_").build();
    assertThat(store.initialize()).isEqualTo(dialect());
    storeWorks(store);

    assertThat(jdbi.getConfig(SqlStatements.class).getSqlParser()).isSameAs(hostParser);
    int rows = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM j_comments WHERE version = #v")
        .bind("v", 0).mapTo(Integer.class).one());
    assertThat(rows).isPositive();
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private static void storeWorks(JdbiCommentStore store) {
    ThreadInfo t = thread(randomSite(), "works");
    Comment c = comment(t, T0).build();
    store.insert(t, c);
    assertThat(store.find(t.site(), c.id())).contains(c);
    assertThat(store.counts(t.site(), java.util.List.of(t.key()))).containsEntry(t.key(), 1);
  }

  /** Applies the dialect's SQL files as a DBA would: placeholder replaced, comments dropped, split at ';'. */
  private void applyByHand(String prefix) throws IOException, SQLException {
    String sql;
    String resource = dialect().migrationsLocation() + "/V1__comment_tables.sql";
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String script = sql.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n"))
        .replace("${prefix}", prefix);
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      for (String statement : script.split(";")) {
        if (!statement.isBlank()) {
          s.execute(statement);
        }
      }
    }
  }

  /** The lower-cased names of the tables in the test's schema or database. */
  private java.util.Set<String> tables() throws SQLException {
    java.util.Set<String> names = new java.util.HashSet<>();
    try (Connection c = db.dataSource().getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }
}
