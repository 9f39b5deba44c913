package dev.talkback.comments.cli;

import dev.talkback.comments.CommentsException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Turns a failure into one line a person can act on. */
final class Errors {
  private Errors() {}

  static String describe(Throwable e) {
    if (e instanceof UncheckedIOException u) {
      Throwable cause = u.getCause();
      if (cause instanceof NoSuchFileException) {
        return "no such file: " + cause.getMessage();
      }
      return u.getMessage() + ": " + cause;
    }
    if (e instanceof CommentsException c) {
      // The pool retries a refused login until its timeout and then reports the database as unreachable;
      // a person needs to hear what the server said instead: wrong credentials, or no such database.
      SQLException refused = withState(c, "28");
      if (refused != null) {
        return "the database refused the user name or password (" + refused.getMessage() + "); give them with"
            + " --user and --password, or the password in the environment variable TALKBACK_DB_PASSWORD";
      }
      SQLException missing = withState(c, "3D");
      if (missing == null) {
        missing = deepest(c, s -> s.getErrorCode() == 1049); // MariaDB and MySQL: ER_BAD_DB_ERROR, "Unknown database"
      }
      if (missing != null) {
        return "the database named in --jdbc-url does not exist (" + missing.getMessage() + "); create it first,"
            + " Talkback then creates its tables in it";
      }
      Throwable cause = c.getCause();
      String message = String.valueOf(c.getMessage());
      if (cause != null && cause.getMessage() != null && !(cause instanceof CommentsException)
          && "store_unavailable".equals(c.code())) {
        message += " (" + cause.getMessage() + ")";
      }
      return message;
    }
    if (e instanceof IllegalArgumentException) {
      // the commands' own checks, and the library's refusals of a value (a --map rule, a URL): written for people
      return String.valueOf(e.getMessage());
    }
    if (e instanceof IllegalStateException && e.getMessage() != null && deepest(e, s -> true) == null) {
      // the store's refusals of its configuration (no schema or database to create the tables in, a pool too
      // small to migrate with): written for people too; a cause's words are kept (a full disk under a write)
      Throwable cause = e.getCause();
      return cause == null || cause.getMessage() == null ? e.getMessage()
          : e.getMessage() + " (" + cause.getMessage() + ")";
    }
    SQLException sql = deepest(e, s -> true); // the database's own words
    if (sql != null) {
      // a statement the database refused (a missing permission, a full disk): its words, not the SQL around it
      String said = String.valueOf(sql.getMessage()).lines().findFirst().orElse("");
      if (said.endsWith("; SQL statement:")) { // H2 appends the statement on the following lines
        said = said.substring(0, said.length() - "; SQL statement:".length());
      }
      return "the database refused the work: " + said;
    }
    return e.toString();
  }

  /**
   * Whether {@code e} comes of a table that does not exist: SQLSTATE 42P01 (PostgreSQL) or 42S02 (MariaDB,
   * MySQL), MySQL's error 1146, or H2's 42102, 42103 (in an empty database) and 42104 (with candidates).
   */
  static boolean isMissingTable(Throwable e) {
    return deepest(e, s -> "42P01".equals(s.getSQLState()) || "42S02".equals(s.getSQLState())
        || s.getErrorCode() == 1146 || (s.getErrorCode() >= 42102 && s.getErrorCode() <= 42104)) != null;
  }

  /**
   * Whether {@code e} comes of H2 refusing to create a database that {@code IFEXISTS=TRUE} says must exist
   * (error 90146).
   */
  static boolean isMissingH2Database(Throwable e) {
    return deepest(e, s -> s.getErrorCode() == 90146) != null;
  }

  /**
   * The deepest SQL exception among {@code e}'s causes whose SQLSTATE starts with {@code stateClass} (the
   * driver's, whose message is the server's; the pool's own copies the state): "28" is invalid authorization
   * (PostgreSQL's 28P01 and 28000, MariaDB's and H2's 28000), "3D" an invalid catalog name (PostgreSQL's
   * 3D000, a database that does not exist).
   */
  private static @Nullable SQLException withState(Throwable e, String stateClass) {
    return deepest(e, s -> s.getSQLState() != null && s.getSQLState().startsWith(stateClass));
  }

  /** The deepest SQL exception among {@code e}'s causes that {@code which} accepts. */
  private static @Nullable SQLException deepest(Throwable e, Predicate<SQLException> which) {
    SQLException found = null;
    int depth = 0;
    for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof SQLException s && which.test(s)) {
        found = s;
      }
    }
    return found;
  }
}
