package dev.talkback.comments.jdbi.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an H2 file database durable on commit, as every acknowledged comment must be.
 *
 * <p>H2 (2.x, MVStore) writes a commit to its file only after {@code WRITE_DELAY} milliseconds (500 by
 * default): a process killed in between loses every transaction it had already committed. With
 * {@code WRITE_DELAY} 0 each commit is written to the file before it returns, so it survives the process
 * dying (kill -9, a JVM crash), but H2 still does not force it to the device: only {@code CHECKPOINT SYNC}
 * does ({@code fsync}), which is what survives a power loss.
 *
 * <p>On start, for a database on disk: a non-zero {@code WRITE_DELAY} is set to 0 (a persistent setting; an
 * admin user may do it); if the user may not, the store refuses to start and says how to fix it. After each
 * write that must be durable, {@link #sync} runs {@code CHECKPOINT SYNC} when the user is allowed to (an
 * admin); otherwise a WARN at start says that commits survive a crash of the process but not of the machine.
 * An in-memory database ({@code jdbc:h2:mem:}) keeps nothing anyway: nothing is checked or forced.
 */
final class H2Durability {
  private static final Logger log = LoggerFactory.getLogger(H2Durability.class);
  /** H2's ErrorCode.ADMIN_RIGHTS_1: the statement needs an admin user. */
  private static final int ADMIN_RIGHTS = 90040;

  /** For dialects whose commits are durable when they return: does nothing. */
  static final H2Durability NONE = new H2Durability(false);

  private final boolean forceOnWrite;

  private H2Durability(boolean forceOnWrite) {
    this.forceOnWrite = forceOnWrite;
  }

  /**
   * Checks, and where needed fixes, the database's commit durability.
   *
   * @throws IllegalStateException if commits are delayed and the user may not change that
   */
  static H2Durability ensure(Db db) {
    return db.read(H2Durability::ensure);
  }

  private static H2Durability ensure(Handle h) {
    Optional<String> path = h.createQuery("SELECT DATABASE_PATH()").mapTo(String.class).findOne();
    if (path.isEmpty()) {
      return NONE; // an in-memory database: nothing reaches a disk, so nothing to make durable
    }
    // One row per source: the value kept in the database by SET WRITE_DELAY (it wins), and H2's default.
    List<Integer> delays = h.createQuery(
            "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")
        .mapTo(String.class).list().stream().map(v -> Integer.parseInt(v.trim())).toList();
    boolean keptZero = delays.contains(0);
    if (!delays.stream().allMatch(d -> d == 0)) {
      try {
        h.execute("SET WRITE_DELAY 0"); // idempotent, and kept in the database
      } catch (StatementException e) {
        if (!needsAdmin(e)) {
          throw e;
        }
        if (!keptZero) {
          throw new IllegalStateException("the H2 database " + path.get() + " writes commits to disk only after "
              + delays + " ms (WRITE_DELAY), so a comment answered as stored could be lost if the process dies;"
              + " Talkback cannot change that as a user without admin rights. Open the database once as its"
              + " admin with ;WRITE_DELAY=0 in the JDBC URL (the setting is kept in the database), or give this"
              + " user admin rights", e);
        }
      }
      if (!keptZero) {
        log.warn("H2 database {} delayed writing commits by {} ms (WRITE_DELAY); Talkback set WRITE_DELAY to 0"
            + " (kept in the database) so that every acknowledged comment is on disk. Put ;WRITE_DELAY=0 in the"
            + " JDBC URL to say so yourself.", path.get(), delays);
      }
    }
    try {
      h.execute("CHECKPOINT SYNC");
      return new H2Durability(true);
    } catch (StatementException e) {
      if (!needsAdmin(e)) {
        throw e;
      }
      log.warn("H2 database {}: the user has no admin rights, so Talkback cannot force commits to the device"
          + " (CHECKPOINT SYNC). A stored comment survives the process dying, but not a power loss or an"
          + " operating system crash; connect as the database's admin for that.", path.get());
      return NONE;
    }
  }

  /** After a write that must be durable: forces what H2 wrote to the device, when the user may. */
  void sync(Db db) {
    if (forceOnWrite) {
      db.read(h -> h.execute("CHECKPOINT SYNC"));
    }
  }

  private static boolean needsAdmin(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getErrorCode() == ADMIN_RIGHTS) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
