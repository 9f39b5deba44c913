package dev.talkback.comments.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * The trap of issue 11: a host with its own Flyway migrations and Talkback on one fresh PostgreSQL database.
 * Spring Boot's Flyway must run the host's V1 (not skip it as a baseline, not fail on Talkback's tables), and
 * Talkback's own history must stay apart, on the first start and on the next.
 */
@RequiresServer(Server.POSTGRESQL)
class HostFlywayPostgresTest {
  private String database = "";

  @BeforeEach
  void createDatabase() throws SQLException {
    database = "tb_boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    try (Connection c = Server.POSTGRESQL.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    try (Connection c = Server.POSTGRESQL.connect(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private WebApplicationContextRunner host() {
    String url = Server.POSTGRESQL.url().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            TalkbackAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + url,
            "spring.datasource.username=" + Server.POSTGRESQL.user(),
            "spring.datasource.password=" + Server.POSTGRESQL.password(),
            "spring.flyway.locations=classpath:db/host",
            "talkback.secret=0123456789abcdef-test");
  }

  @Test
  void freshDatabase_startedTwice_bothHistoriesComplete() throws SQLException {
    host().run(context -> {
      assertThat(context).hasNotFailed();
      Comments comments = context.getBean(Comments.class);
      comments.post(NewComment.builder(ThreadKey.of("hello")).threadTitle("Hello").author(Author.named("Ada"))
          .text("Kept across restarts").build());
    });
    assertThat(rows("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"))
        .as("the host's history: its V1 ran, not a baseline").containsExactly("1");
    assertThat(rows("SELECT title FROM posts")).containsExactly("Hello");
    assertThat(rows("SELECT version FROM talkback_schema_history WHERE success AND version <> '0' ORDER BY installed_rank"))
        .as("Talkback's own history").contains("1", "2");

    host().run(context -> {
      assertThat(context).hasNotFailed();
      Comments comments = context.getBean(Comments.class);
      assertThat(comments.thread(SiteId.DEFAULT, ThreadKey.of("hello"),
          ThreadPageRequest.first(CommentSort.OLDEST, 10)).totalCount()).isEqualTo(1);
    });
    assertThat(rows("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"))
        .containsExactly("1");
  }

  private List<String> rows(String sql) throws SQLException {
    String url = Server.POSTGRESQL.url().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
    try (Connection c = java.sql.DriverManager.getConnection(url, Server.POSTGRESQL.driverProperties(false));
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    }
  }
}
