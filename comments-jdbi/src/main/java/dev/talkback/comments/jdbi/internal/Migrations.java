package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.jdbi.Dialect;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates and upgrades the store's tables with Flyway, apart from any Flyway the host runs itself: the
 * history lives in {@code <prefix>schema_history}, the migrations in {@code db/talkback/<dialect>} of this
 * jar, and {@code ${prefix}} in them is the table prefix. In a schema that already holds other tables (the
 * host's), the history starts from an empty baseline (version 0), so version 1 still runs.
 */
final class Migrations {
  private Migrations() {}

  /** The name of the store's Flyway history table for {@code prefix}. */
  static String historyTable(String prefix) {
    return prefix + "schema_history";
  }

  /** Applies every pending migration; returns how many ran. */
  static int migrate(DataSource dataSource, Dialect dialect, String prefix) {
    Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:" + dialect.migrationsLocation())
        .table(historyTable(prefix))
        .placeholders(Map.of("prefix", prefix))
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .baselineDescription("Talkback history starts")
        .failOnMissingLocations(true)
        .validateMigrationNaming(true)
        .cleanDisabled(true)
        .load();
    MigrateResult result = flyway.migrate();
    return result.migrationsExecuted;
  }
}
