package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.jdbi.Dialect;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the database's planner statistics fresh after bulk loads. A table that grew from nothing to a
 * million rows in one import is planned as if it were empty until autovacuum (PostgreSQL) or InnoDB's
 * automatic recalculation (MariaDB, MySQL) gets to it, and H2 never refreshes them by itself; the first
 * page reads after an import then scan. So the store analyzes its tables once every
 * {@link #ANALYZE_EVERY} comments created by {@code insertAll}, and whenever {@code afterBulkLoad} is called
 * (the importer calls it after an import).
 */
final class Statistics {
  /** Comments created by {@code insertAll} between two automatic analyses. */
  static final long ANALYZE_EVERY = 50_000;

  private final Db db;
  private final Dialect dialect;
  private final List<String> tables;
  private final AtomicLong sinceLast = new AtomicLong();

  Statistics(Db db, Dialect dialect, Sql sql) {
    this.db = db;
    this.dialect = dialect;
    this.tables = List.of(sql.comments, sql.threads, sql.counts, sql.likes);
  }

  /** Counts created comments; analyzes when {@link #ANALYZE_EVERY} have been created since the last time. */
  void created(long n) {
    if (n <= 0) {
      return;
    }
    long now = sinceLast.addAndGet(n);
    if (now >= ANALYZE_EVERY && sinceLast.compareAndSet(now, 0)) {
      analyze();
    }
  }

  /** Refreshes the statistics of the store's tables now, outside any transaction. */
  void analyze() {
    sinceLast.set(0);
    db.read(h -> {
      switch (dialect) {
        case POSTGRESQL -> {
          for (String t : tables) {
            h.createUpdate("ANALYZE " + t).execute();
          }
        }
        // ANALYZE TABLE answers with a result set (one status row per table)
        case MARIADB, MYSQL -> h.createQuery("ANALYZE TABLE " + String.join(", ", tables)).mapToMap().list();
        case H2 -> {
          for (String t : tables) {
            h.createUpdate("ANALYZE TABLE " + t).execute();
          }
        }
        default -> throw new IllegalStateException("unknown dialect " + dialect);
      }
      return null;
    });
  }
}
