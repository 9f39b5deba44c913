package dev.talkback.comments.jdbi.internal;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Sorts database failures into the two kinds the storage SPI tells apart: the database could not be
 * reached or did not answer in time (the fallback store switches to read-only mode), and everything else
 * (a constraint, a SQL error, a bug: thrown as it is).
 *
 * <p>Unreachable means, anywhere in the cause chain (including {@link SQLException#getNextException()}):
 * <ul>
 *   <li>a JDBC connection or timeout exception ({@link SQLNonTransientConnectionException},
 *       {@link SQLTransientConnectionException} such as a pool's "no connection within the timeout",
 *       {@link SQLTimeoutException});
 *   <li>SQLState class {@code 08} (connection exception), class {@code 57} (operator intervention: admin or
 *       crash shutdown 57P01/57P02, cannot connect now 57P03, statement timeout or cancel 57014), class
 *       {@code 53} (insufficient resources: too many connections, disk full), {@code 25006} (read-only
 *       transaction: a demoted primary or a hot standby), {@code 70100} (MariaDB: query interrupted);
 *   <li>MariaDB/MySQL error 1290 ({@code ER_OPTION_PREVENTS_STATEMENT}, how {@code read_only} refuses a
 *       write), 1836 ({@code ER_READ_ONLY_MODE}), 1792 (write in a read-only transaction), 1927 (connection
 *       killed), 1969 ({@code max_statement_time} exceeded), 3024 (MySQL query timeout), 1203/1226
 *       (connection limits);
 *   <li>an I/O failure of the socket: {@link ConnectException}, {@link SocketException},
 *       {@link InterruptedIOException} (socket and connect timeouts), {@link EOFException},
 *       {@link UnknownHostException}, {@link NoRouteToHostException};
 *   <li>an {@link InterruptedException}: the call was interrupted before the database answered (a pool's
 *       "interrupted during connection acquisition" carries no SQLState), so it says nothing against the
 *       database, and a reader is better sent to the next node than failed.
 * </ul>
 */
public final class Failures {
  private static final Set<Integer> MYSQL_UNAVAILABLE_CODES = Set.of(1290, 1836, 1792, 1927, 1969, 3024, 1203, 1226);
  /** MySQL/MariaDB duplicate key 1062 and deadlock 1213; H2 concurrent update 90131. */
  private static final Set<Integer> CONFLICT_CODES = Set.of(1062, 1213, 90131);

  private Failures() {}

  /**
   * Whether {@code failure} says the database could not be reached or did not answer in time.
   *
   * @param failure what a database call threw
   * @return whether it means the database is unavailable
   */
  public static boolean isUnavailable(Throwable failure) {
    for (Throwable t : chain(failure)) {
      if (t instanceof SQLNonTransientConnectionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLTimeoutException) {
        return true;
      }
      if (t instanceof SQLException sql && isUnavailable(sql)) {
        return true;
      }
      if (t instanceof ConnectException
          || t instanceof SocketException
          || t instanceof InterruptedIOException
          || t instanceof EOFException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUnavailable(SQLException e) {
    String state = e.getSQLState();
    if (state != null) {
      if (state.startsWith("08") || state.startsWith("57") || state.startsWith("53")
          || state.equals("25006") || state.equals("70100")) {
        return true;
      }
    }
    // Vendor codes: pgjdbc reports none (0) and H2's codes do not collide with these MariaDB/MySQL ones.
    return MYSQL_UNAVAILABLE_CODES.contains(e.getErrorCode());
  }

  /**
   * Whether {@code failure} is a conflict between concurrent transactions that a retry of the whole
   * transaction resolves: a duplicate key (another transaction stored the same id between our check and
   * our insert), a deadlock or a serialization failure. A lock wait timeout is not retried: whatever holds
   * the lock that long would only make the caller wait again.
   *
   * @param failure what a write transaction threw
   * @return whether running the transaction again may succeed
   */
  public static boolean isRetryableConflict(Throwable failure) {
    if (isUnavailable(failure)) {
      return false;
    }
    for (Throwable t : chain(failure)) {
      if (!(t instanceof SQLException e)) {
        continue;
      }
      String state = e.getSQLState();
      if (state != null && (state.equals("23505") || state.equals("40001") || state.equals("40P01"))) {
        return true;
      }
      if (CONFLICT_CODES.contains(e.getErrorCode())) {
        return true;
      }
    }
    return false;
  }

  /** The failure, its causes, and the next exceptions of every SQLException among them; each once. */
  static Iterable<Throwable> chain(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Throwable> todo = new ArrayDeque<>();
    List<Throwable> out = new ArrayList<>();
    todo.add(failure);
    while (!todo.isEmpty() && out.size() < 64) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      out.add(t);
      @Nullable Throwable cause = t.getCause();
      if (cause != null) {
        todo.add(cause);
      }
      if (t instanceof SQLException sql) {
        @Nullable SQLException next = sql.getNextException();
        if (next != null) {
          todo.add(next);
        }
      }
    }
    return out;
  }
}
