package dev.talkback.comments.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.jdbi.Dialect;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;

/**
 * When {@link Statistics} analyzes, counted by the {@code ANALYZE} statements it runs on a real H2 store
 * (the statements of the other dialects are in {@code StatisticsTest}): after the first {@code every}
 * comments, then each time the store created as many again as before the last analysis; and on
 * {@code afterBulkLoad} the tables written since the last one.
 */
class StatisticsScheduleTest {

  @Test
  void created_analyzesWhenTheCommentsCreatedDoubled_afterBulkLoadOnlyAfterWrites() {
    try (TestDatabase db = TestDatabase.h2()) {
      JdbiCommentStore.builder(db.dataSource()).tablePrefix("ss_").build().initialize();
      List<String> statements = new CopyOnWriteArrayList<>();
      Jdbi jdbi = Jdbi.create(db.dataSource());
      jdbi.setSqlLogger(new SqlLogger() {
        @Override
        public void logAfterExecution(StatementContext context) {
          statements.add(context.getRenderedSql());
        }
      });
      Statistics statistics = new Statistics(new Db(jdbi, Duration.ZERO, Duration.ZERO), Dialect.H2,
          new Sql(Dialect.H2, "ss_"), 10);

      assertThat(analysesAfter(statements, () -> statistics.created(9))).as("9 of 10").isZero();
      assertThat(analysesAfter(statements, () -> statistics.created(1))).as("10: the first").isPositive();
      assertThat(analysesAfter(statements, () -> statistics.created(9))).as("19: 9 since, 10 before").isZero();
      assertThat(analysesAfter(statements, () -> statistics.created(1))).as("20: doubled").isPositive();
      assertThat(analysesAfter(statements, () -> statistics.created(19))).as("39: 19 since, 20 before").isZero();
      assertThat(analysesAfter(statements, () -> statistics.created(1))).as("40: doubled").isPositive();

      assertThat(analysesAfter(statements, statistics::afterBulkLoad)).as("nothing written since").isZero();
      statistics.wroteOthers();
      assertThat(analysesAfter(statements, statistics::afterBulkLoad)).as("a like since").isEqualTo(3);
      assertThat(statements).as("a like since").noneMatch(s -> s.contains("ss_comments"));
      statistics.created(1);
      assertThat(analysesAfter(statements, statistics::afterBulkLoad)).as("a comment since").isEqualTo(4);
      assertThat(statements).anyMatch(s -> s.contains("ss_comments"));
      assertThat(analysesAfter(statements, statistics::afterBulkLoad)).as("nothing since").isZero();
      statistics.updated();
      assertThat(analysesAfter(statements, statistics::afterBulkLoad)).as("an update since").isEqualTo(4);

      // afterBulkLoad's analysis counts as one: the next automatic one waits for as many comments again
      assertThat(analysesAfter(statements, () -> statistics.created(40))).as("81: 40 since, 41 before").isZero();
      assertThat(analysesAfter(statements, () -> statistics.created(1))).as("82: doubled").isPositive();
    }
  }

  private static long analysesAfter(List<String> statements, Runnable action) {
    statements.clear();
    action.run();
    return statements.stream().filter(s -> s.toUpperCase(Locale.ROOT).startsWith("ANALYZE")).count();
  }
}
