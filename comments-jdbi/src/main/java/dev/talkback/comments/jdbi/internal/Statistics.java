package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.jdbi.Dialect;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the database's planner statistics fresh after bulk loads. A table that grew from nothing to a
 * million rows in one import is planned as if it were empty until autovacuum (PostgreSQL) or InnoDB's
 * automatic recalculation (MariaDB, MySQL) gets to it, and H2 never refreshes them by itself; the first
 * page reads after an import then scan. So the store analyzes its tables when {@code insertAll} has created
 * {@link #ANALYZE_EVERY} comments, and again each time it has created as many more as it had created by
 * the previous analysis (50,000, 100,000, 200,000, 400,000...: the table at least doubled in between, as
 * PostgreSQL's autovacuum analyzes after a fixed fraction of change), and whenever {@code afterBulkLoad} is
 * called (the importer calls it after an import): then each table written through the store since the last
 * analysis (the comments table only if comments were created or updated; a like changes the likes table and
 * one counter). An analysis costs about as much whatever the table's size (PostgreSQL reads a sample of
 * 30,000 rows: about 0.35 s of the server's CPU on the 100,000-comment import benchmark), so a fixed
 * interval would charge every imported comment the same few microseconds however large the import. On
 * PostgreSQL the automatic analyses are coarse ({@link #COARSE_TARGET}) and {@code afterBulkLoad} after one
 * analyzes with the database's own target.
 */
final class Statistics {
  /** Comments created by {@code insertAll} before the first automatic analysis. */
  static final long ANALYZE_EVERY = 50_000;

  /**
   * PostgreSQL's statistics target of the automatic analyses during a load: a sample of 3,000 rows instead
   * of 30,000, a tenth of the cost (0.02 s against 0.30 s of the server's CPU on the benchmark's 100,000
   * comments), enough to plan for a table of this size rather than an empty one. {@code afterBulkLoad} then
   * analyzes with the database's own target.
   */
  static final int COARSE_TARGET = 10;

  private final Db db;
  private final Dialect dialect;
  private final long every;
  private final List<String> tables;
  private final List<String> others;
  /** Comments created by {@code insertAll} through this store. */
  private final AtomicLong created = new AtomicLong();
  /** {@link #created} at the last analysis. */
  private final AtomicLong atLast = new AtomicLong();
  /** Whether comments were created or updated since the last analysis (or ever, before the first). */
  private final AtomicBoolean commentsWritten = new AtomicBoolean(true);
  /** Whether the other tables (threads, counts, likes) were written since the last analysis. */
  private final AtomicBoolean othersWritten = new AtomicBoolean(true);
  /** Whether the last analysis was an automatic one with {@link #COARSE_TARGET} (PostgreSQL). */
  private final AtomicBoolean coarse = new AtomicBoolean();

  Statistics(Db db, Dialect dialect, Sql sql) {
    this(db, dialect, sql, ANALYZE_EVERY);
  }

  /** With the first automatic analysis after {@code every} comments instead of {@link #ANALYZE_EVERY}. */
  Statistics(Db db, Dialect dialect, Sql sql, long every) {
    this.db = db;
    this.dialect = dialect;
    this.every = every;
    this.others = List.of(sql.threads, sql.counts, sql.likes);
    this.tables = List.of(sql.comments, sql.threads, sql.counts, sql.likes);
  }

  /**
   * Counts created comments; analyzes when as many were created since the last automatic analysis as before
   * it, and at least {@link #ANALYZE_EVERY}.
   */
  void created(long n) {
    if (n <= 0) {
      return;
    }
    commentsWritten.set(true);
    othersWritten.set(true);
    long now = created.addAndGet(n);
    long last = atLast.get();
    if (now - last >= Math.max(every, last) && atLast.compareAndSet(last, now)) {
      // one of the writers that passed the mark; coarse on PostgreSQL, afterBulkLoad refines it
      analyze(dialect == Dialect.POSTGRESQL);
    }
  }

  /** Notes an update of a comment (its text or status: the comments and the counts). */
  void updated() {
    commentsWritten.set(true);
    othersWritten.set(true);
  }

  /** Notes a write to the other tables: a like, a thread saved. */
  void wroteOthers() {
    othersWritten.set(true);
  }

  /**
   * Refreshes the statistics of the tables written since the last analysis. An import whose last comments
   * were followed by an automatic analysis, and then gave likes, analyzes the small tables again but not
   * the comments (the largest: on PostgreSQL about 0.35 s of the server's CPU for a 30,000-row sample).
   */
  void afterBulkLoad() {
    if (commentsWritten.get() || coarse.get()) {
      analyze(false);
    } else if (othersWritten.get()) {
      othersWritten.set(false);
      analyze(others, false);
    }
  }

  /**
   * Refreshes the statistics of the store's tables now, outside any transaction.
   *
   * @param coarsely with {@link #COARSE_TARGET} (PostgreSQL only)
   */
  void analyze(boolean coarsely) {
    // before the analysis, so a write that runs while it does is not forgotten
    commentsWritten.set(false);
    othersWritten.set(false);
    coarse.set(coarsely);
    atLast.set(created.get());
    analyze(tables, coarsely);
  }

  private void analyze(List<String> tables, boolean coarsely) {
    db.read(h -> {
      switch (dialect) {
        case POSTGRESQL -> {
          if (coarsely) {
            // SET LOCAL ends with the transaction: the pooled connection keeps the database's target
            h.begin();
            h.createUpdate("SET LOCAL default_statistics_target = " + COARSE_TARGET).execute();
          }
          for (String t : tables) {
            h.createUpdate("ANALYZE " + t).execute();
          }
          if (coarsely) {
            h.commit();
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
