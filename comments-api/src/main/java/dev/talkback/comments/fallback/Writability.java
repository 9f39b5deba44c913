package dev.talkback.comments.fallback;

import java.util.Objects;

/**
 * What a {@link PrimaryProbe} found: whether a database takes writes, and on which generation of its
 * history.
 *
 * <p>The generation tells a real primary from a stale one. When a replica is promoted it starts a new
 * generation (a new PostgreSQL timeline); the old primary, if it comes back without having been demoted,
 * still takes writes on the old generation. A {@link FallbackCommentStore} remembers the highest generation
 * any probe reported and never takes a writable database on a lower one for the primary. {@code 0} means
 * the probe cannot tell (MariaDB, or a probe that only checks reachability): such a database is never
 * considered stale, so fence it yourself (start a demoted MariaDB with {@code read_only=ON}).
 *
 * @param writable whether it takes writes now (PostgreSQL: not in recovery; MariaDB: not read-only)
 * @param generation the history it is on (PostgreSQL: its timeline), or 0 if unknown
 * @param detail what an operator should see in {@code health()}, such as the host and the timeline
 */
public record Writability(boolean writable, long generation, String detail) {

  /**
   * Checks the arguments.
   *
   * @param writable whether it takes writes now
   * @param generation the history it is on, or 0 if unknown
   * @param detail what an operator should see
   * @throws IllegalArgumentException if {@code generation} is negative
   */
  public Writability {
    if (generation < 0) {
      throw new IllegalArgumentException("generation must not be negative: " + generation);
    }
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * A database that takes writes.
   *
   * @param generation the history it is on, or 0 if unknown
   * @param detail what an operator should see, such as the host
   * @return a writable state
   */
  public static Writability writable(long generation, String detail) {
    return new Writability(true, generation, detail);
  }

  /**
   * A database that is reachable but takes no writes (a replica, a demoted primary).
   *
   * @param generation the history it is on, or 0 if unknown
   * @param detail what an operator should see, such as the host
   * @return a read-only state
   */
  public static Writability readOnly(long generation, String detail) {
    return new Writability(false, generation, detail);
  }
}
