package dev.talkback.comments.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Comment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.jdbi.testing.Fixtures;
import dev.talkback.comments.jdbi.testing.RequiresServer;
import dev.talkback.comments.jdbi.testing.Server;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The store refreshes the planner statistics of its tables: {@code afterBulkLoad} (the importer calls it)
 * (unless nothing was written since the last analysis) and after 50,000 comments {@code insertAll} created;
 * checked by the statements it runs, on each dialect. The schedule itself is {@code StatisticsScheduleTest}.
 */
class StatisticsTest {

  abstract static class Dialects {
    abstract TestDatabase database();

    abstract String expected();

    /** Whether the automatic analyses are coarse (PostgreSQL), so afterBulkLoad after one analyzes again. */
    boolean coarseAutomatic() {
      return false;
    }

    @Test
    void afterBulkLoad_andLargeInserts_analyzeTheTables() {
      try (TestDatabase db = database()) {
        List<String> statements = new CopyOnWriteArrayList<>();
        Jdbi jdbi = Jdbi.create(db.dataSource());
        jdbi.setSqlLogger(new SqlLogger() {
          @Override
          public void logAfterExecution(StatementContext context) {
            statements.add(context.getRenderedSql());
          }
        });
        JdbiCommentStore store = JdbiCommentStore.builder(jdbi).tablePrefix("st_").build();
        SiteId site = Fixtures.randomSite();
        ThreadInfo thread = Fixtures.thread(site, "t");
        store.insertAll(thread, List.of(Fixtures.comment(thread, Fixtures.T0).build()));
        assertThat(analyses(statements)).isEmpty();

        store.afterBulkLoad();
        assertThat(analyses(statements)).isNotEmpty().allMatch(s -> s.startsWith(expected()))
            .anyMatch(s -> s.contains("st_comments"));

        statements.clear();
        List<Comment> many = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
          many.add(Fixtures.comment(thread, Fixtures.T0.plusMillis(i + 1)).build());
        }
        store.insertAll(thread, many);
        assertThat(analyses(statements)).as("after 50,000 new comments").isNotEmpty()
            .anyMatch(s -> s.contains("st_comments"));

        assertThat(statements.stream().anyMatch(s -> s.contains("default_statistics_target = 10")))
            .as("the automatic analysis is coarse").isEqualTo(coarseAutomatic());

        statements.clear();
        store.afterBulkLoad();
        if (coarseAutomatic()) {
          assertThat(analyses(statements)).as("the coarse analysis refined").anyMatch(s -> s.contains("st_comments"));
          assertThat(statements).noneMatch(s -> s.contains("default_statistics_target"));
          String target = jdbi.withHandle(h -> h.createQuery("SHOW default_statistics_target").mapTo(String.class).one());
          assertThat(target).as("SET LOCAL ended with its transaction").isEqualTo("100");
          statements.clear();
          store.afterBulkLoad();
        }
        assertThat(analyses(statements)).as("nothing written since the last analysis").isEmpty();
      }
    }

    private static List<String> analyses(List<String> statements) {
      return statements.stream().filter(s -> s.toUpperCase(Locale.ROOT).startsWith("ANALYZE")).toList();
    }
  }

  @Nested
  class H2 extends Dialects {
    @Override
    TestDatabase database() {
      return TestDatabase.h2();
    }

    @Override
    String expected() {
      return "ANALYZE TABLE st_";
    }
  }

  @Nested
  @RequiresServer(Server.POSTGRESQL)
  class Postgres extends Dialects {
    @Override
    TestDatabase database() {
      return TestDatabase.postgres();
    }

    @Override
    String expected() {
      return "ANALYZE st_";
    }

    @Override
    boolean coarseAutomatic() {
      return true;
    }
  }

  @Nested
  @RequiresServer(Server.MARIADB)
  class MariaDb extends Dialects {
    @Override
    TestDatabase database() {
      return TestDatabase.mariadb();
    }

    @Override
    String expected() {
      return "ANALYZE TABLE st_";
    }
  }
}
