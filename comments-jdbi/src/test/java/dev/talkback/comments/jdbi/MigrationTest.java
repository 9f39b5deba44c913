package dev.talkback.comments.jdbi;

import static dev.talkback.comments.jdbi.testing.Fixtures.T0;
import static dev.talkback.comments.jdbi.testing.Fixtures.comment;
import static dev.talkback.comments.jdbi.testing.Fixtures.randomSite;
import static dev.talkback.comments.jdbi.testing.Fixtures.thread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Block;
import dev.talkback.comments.Comment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
        "talkback_comment_likes", "talkback_blocks", "talkback_schema_history", "flyway_schema_history", "posts",
        "tags");
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
    assertThat(tables()).contains("tb_schema_history", "blog2_schema_history", "blog2_comments", "blog2_blocks");
  }

  @Test
  void migrate_aSchemaAtVersion1_addsTheBlocksTableAndKeepsTheComments() throws SQLException {
    Flyway version1 = Flyway.configure().dataSource(db.dataSource())
        .locations("classpath:" + dialect().migrationsLocation())
        .table("talkback_schema_history")
        .placeholders(Map.of("prefix", "talkback_"))
        .target("1")
        .load();
    assertThat(version1.migrate().migrationsExecuted).isEqualTo(1);
    JdbiCommentStore old = JdbiCommentStore.builder(db.dataSource()).migrate(false).build();
    assertThatThrownBy(old::initialize).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("talkback_blocks");
    ThreadInfo t = thread(randomSite(), "before-the-upgrade");
    Jdbi.create(db.dataSource()).useHandle(h -> h.execute(
        "INSERT INTO talkback_threads (site, thread_key, title, url, closed) VALUES (?, ?, ?, ?, ?)",
        t.site().value(), t.key().value(), t.title(), t.url(), false));

    JdbiCommentStore upgraded = JdbiCommentStore.builder(db.dataSource()).build();
    assertThat(upgraded.initialize()).isEqualTo(dialect());

    assertThat(upgraded.threadInfo(t.site(), t.key())).contains(t);
    blocksWork(upgraded);
    storeWorks(upgraded);
    assertThat(tables()).contains("talkback_erasures");
    assertThat(version1.info().current().getVersion().getVersion()).isEqualTo("6"); // V6: several nodes (rate buckets; on PostgreSQL the change triggers)
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
    blocksWork(store);
    assertThat(tables()).contains("hand_blocks").doesNotContain("hand_schema_history");
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

  private static void blocksWork(JdbiCommentStore store) {
    SiteId site = randomSite();
    Block block = Block.authorKey("user:migrated");
    assertThat(store.blockStore().add(site, block)).isTrue();
    assertThat(store.blockStore().anyBlocked(site, java.util.List.of(block))).isTrue();
  }

  @Test
  void migrate_withAPoolOfTwo_worksOrSaysHowManyConnectionsItNeeds() {
    db.pool().getHikariConfigMXBean().setMaximumPoolSize(2);
    db.pool().getHikariConfigMXBean().setConnectionTimeout(1_000);
    JdbiCommentStore store = JdbiCommentStore.builder(db.dataSource()).build();
    if (dialect() != Dialect.POSTGRESQL) { // H2 holds no server lock; on MariaDB Flyway works on one connection
      assertThat(store.initialize()).isEqualTo(dialect());
      storeWorks(store);
      return;
    }
    // one connection holds the migration lock while Flyway asks for two: not "the database cannot be reached"
    assertThatThrownBy(store::initialize).isInstanceOf(IllegalStateException.class)
        .isNotInstanceOf(dev.talkback.comments.StoreUnavailableException.class)
        .hasMessageContaining("migration lock").hasMessageContaining("at least 3 connections")
        .hasMessageContaining("migrate(false)").hasMessageContaining("total=2");
    db.pool().getHikariConfigMXBean().setMaximumPoolSize(3); // a failed start is forgotten: the next call migrates
    assertThat(store.initialize()).isEqualTo(dialect());
    storeWorks(store);
  }

  private static void storeWorks(JdbiCommentStore store) {
    ThreadInfo t = thread(randomSite(), "works");
    Comment c = comment(t, T0).build();
    store.insert(t, c);
    assertThat(store.find(t.site(), c.id())).contains(c);
    assertThat(store.counts(t.site(), java.util.List.of(t.key()))).containsEntry(t.key(), 1);
  }

  /**
   * Applies every SQL file of the dialect, in version order, as a DBA would: placeholder replaced, comments
   * dropped, split at ';'.
   */
  private void applyByHand(String prefix) throws IOException, SQLException, URISyntaxException {
    URL folder = getClass().getClassLoader().getResource(dialect().migrationsLocation());
    assertThat(folder).as(dialect().migrationsLocation()).isNotNull();
    List<Path> files;
    try (Stream<Path> listed = Files.list(Path.of(folder.toURI()))) {
      files = listed.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
          .sorted(Comparator.comparingInt(MigrationTest::version))
          .collect(Collectors.toList());
    }
    assertThat(files).as("migrations").hasSizeGreaterThanOrEqualTo(2);
    for (Path file : files) {
      String script = Files.readString(file, StandardCharsets.UTF_8).lines()
          .filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n"))
          .replace("${prefix}", prefix);
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        for (String statement : statements(script)) {
          if (!statement.isBlank()) {
            s.execute(statement);
          }
        }
      }
    }
  }

  /** A script's statements: split at semicolons, except inside dollar-quoted bodies ({@code $$ ... $$}). */
  private static List<String> statements(String script) {
    List<String> out = new java.util.ArrayList<>();
    String[] parts = script.split("\\$\\$", -1);
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i % 2 == 1) {
        current.append("$$").append(parts[i]).append("$$");
        continue;
      }
      String[] pieces = parts[i].split(";", -1);
      for (int j = 0; j < pieces.length; j++) {
        current.append(pieces[j]);
        if (j < pieces.length - 1) {
          out.add(current.toString());
          current.setLength(0);
        }
      }
    }
    out.add(current.toString());
    return out;
  }

  /** The version of a migration file: 2 for {@code V2__blocks.sql}. */
  private static int version(Path migration) {
    String name = migration.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.indexOf("__")));
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
