package dev.talkback.comments.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.spi.CommentStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web.xml bridge: a JDBI store from text settings. */
class JdbiStoreFactoryTest {
  private final JdbiStoreFactory factory = new JdbiStoreFactory();

  @Test
  void create_jdbcUrl_storesAndReads() {
    CommentStore store = factory.create(Map.of(JdbiStoreFactory.JDBC_URL, "jdbc:h2:mem:factory1;DB_CLOSE_DELAY=-1",
        JdbiStoreFactory.JDBC_USER, "sa", JdbiStoreFactory.JDBC_PASSWORD, ""));
    try (Comments comments = Comments.builder().store(store).build()) {
      comments.post(NewComment.builder(ThreadKey.of("t")).text("stored in H2").build());
      assertThat(comments.thread(dev.talkback.comments.SiteId.DEFAULT, ThreadKey.of("t"),
          ThreadPageRequest.first(dev.talkback.comments.CommentSort.OLDEST, 10)).totalCount()).isEqualTo(1);
    }
  }

  @Test
  void create_tablePrefix_migratesAtOnceUnderThatPrefix() throws Exception {
    String url = "jdbc:h2:mem:factory2;DB_CLOSE_DELAY=-1";
    factory.create(Map.of(JdbiStoreFactory.JDBC_URL, url, JdbiStoreFactory.TABLE_PREFIX, " blog_ "));
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs = c.getMetaData().getTables(null, null, "BLOG_COMMENTS", null)) {
      assertThat(rs.next()).as("the tables exist before any store call").isTrue();
    }
  }

  @Test
  void create_databaseDownAtStartup_returnsTheStoreAnyway() {
    CommentStore store = factory.create(Map.of(JdbiStoreFactory.JDBC_URL,
        "jdbc:postgresql://127.0.0.1:9/none?connectTimeout=2", JdbiStoreFactory.JDBC_USER, "nobody"));
    assertThat(store).isInstanceOf(JdbiCommentStore.class);
    assertThatThrownBy(((JdbiCommentStore) store)::initialize).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void create_nothingSet_namesWhatToSet() {
    assertThatThrownBy(() -> factory.create(Map.of(JdbiStoreFactory.JDBC_URL, "  ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("talkback.datasource").hasMessageContaining("talkback.jdbc.url");
  }

  @Test
  void create_unboundJndiName_saysSo() {
    assertThatThrownBy(() -> factory.create(Map.of(JdbiStoreFactory.DATASOURCE, "java:comp/env/jdbc/none")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'java:comp/env/jdbc/none' is not bound in JNDI");
  }

  @Test
  void create_invalidTablePrefix_isRefused() {
    assertThatThrownBy(() -> factory.create(Map.of(JdbiStoreFactory.JDBC_URL, "jdbc:h2:mem:factory3",
        JdbiStoreFactory.TABLE_PREFIX, "Bad-Prefix"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void create_urlWithoutJdbcPrefix_isAConfigurationError() {
    assertThatThrownBy(() -> factory.create(Map.of(JdbiStoreFactory.JDBC_URL, "postgres://db.example/blog")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a JDBC URL");
  }

  @Test
  void create_urlNoDriverTakes_saysWhereTheJarGoesAndHidesTheRest() {
    assertThatThrownBy(() -> factory.create(Map.of(JdbiStoreFactory.JDBC_URL,
        "jdbc:sqlserver://db.example;password=hunter2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no JDBC driver on the class path accepts talkback.jdbc.url (jdbc:sqlserver:...)")
        .hasMessageContaining("WEB-INF/lib")
        .message().doesNotContain("hunter2");
  }

  @Test
  void create_driverClassMissing_isAConfigurationError() {
    assertThatThrownBy(() -> factory.create(Map.of(JdbiStoreFactory.JDBC_URL, "jdbc:h2:mem:factory4",
        JdbiStoreFactory.DRIVER, "org.example.NoSuchDriver")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("org.example.NoSuchDriver, which is not on the class path");
  }

  @Test
  void create_refusedLogin_isAConfigurationErrorNotAnOutage() throws Exception {
    String url = "jdbc:h2:mem:factory5;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url, "owner", "right-password")) {
      assertThat(c.isValid(1)).as("the database exists, with its owner").isTrue();
      assertThatThrownBy(() -> factory.create(Map.of(JdbiStoreFactory.JDBC_URL, url, JdbiStoreFactory.JDBC_USER,
          "owner", JdbiStoreFactory.JDBC_PASSWORD, "wrong-password")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the database refused the login");
    }
  }

  @Test
  void create_migrateOffAndQueryTimeout_areApplied() {
    assertThatThrownBy(() -> factory.create(Map.of(JdbiStoreFactory.JDBC_URL, "jdbc:h2:mem:factory6;DB_CLOSE_DELAY=-1",
        JdbiStoreFactory.MIGRATE, "off", JdbiStoreFactory.QUERY_TIMEOUT, "5s")))
        .as("no tables, not migrated: the factory says so at once").isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> factory.create(Map.of(JdbiStoreFactory.JDBC_URL, "jdbc:h2:mem:factory7",
        JdbiStoreFactory.QUERY_TIMEOUT, "soon"))).hasMessageContaining("talkback.jdbc.query-timeout");
  }

  @Test
  void replicas_jdbcUrls_inOrder_readOnly_neverMigrated() throws Exception {
    String first = "jdbc:h2:mem:factory-replica1;DB_CLOSE_DELAY=-1";
    String second = "jdbc:h2:mem:factory-replica2;DB_CLOSE_DELAY=-1";
    try (Comments comments = Comments.builder().store(factory.create(Map.of(JdbiStoreFactory.JDBC_URL, first,
        JdbiStoreFactory.TABLE_PREFIX, "blog_"))).build()) {
      comments.post(NewComment.builder(ThreadKey.of("t")).text("on the first replica").build());
    }
    try (Connection keepOpen = DriverManager.getConnection(second)) {
      java.util.List<dev.talkback.comments.spi.CommentReader> replicas = factory.replicas(Map.of(
          JdbiStoreFactory.JDBC_URL, "jdbc:h2:mem:factory-primary;DB_CLOSE_DELAY=-1",
          JdbiStoreFactory.TABLE_PREFIX, "blog_", JdbiStoreFactory.REPLICAS, " " + first + " ,  " + second));
      assertThat(replicas).hasSize(2);
      assertThat(replicas.get(0).threadInfo(dev.talkback.comments.SiteId.DEFAULT, ThreadKey.of("t"))).isPresent();
      try (ResultSet rs = keepOpen.getMetaData().getTables(null, null, "BLOG_COMMENTS", null)) {
        assertThat(rs.next()).as("a replica is never migrated").isFalse();
      }
    }
    assertThat(factory.replicas(Map.of(JdbiStoreFactory.JDBC_URL, first))).isEmpty();
  }

  @Test
  void replicas_badEntries_nameTheSetting() {
    assertThatThrownBy(() -> factory.replicas(Map.of(JdbiStoreFactory.REPLICAS, "jdbc:h2:mem:a,,jdbc:h2:mem:b")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("talkback.fallback.replicas has an empty"
            + " entry");
    assertThatThrownBy(() -> factory.replicas(Map.of(JdbiStoreFactory.REPLICAS, "JDBC:nosuch://x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("talkback.fallback.replicas must be a JDBC"
            + " URL");
    assertThatThrownBy(() -> factory.replicas(Map.of(JdbiStoreFactory.REPLICAS, "jdbc:nosuch://x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no JDBC driver on the class path accepts"
            + " talkback.fallback.replicas");
    assertThatThrownBy(() -> factory.replicas(Map.of(JdbiStoreFactory.REPLICAS, "java:comp/env/jdbc/none")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("talkback.fallback.replicas"
            + " 'java:comp/env/jdbc/none' is not bound in JNDI");
  }
}
