package dev.talkback.comments.fallback;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.spi.CommentReader;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Asks one database whether it can be the primary. A {@link FallbackCommentStore} calls it in the
 * background, with jitter and under its deadline, on the primary and on every standby, to find a writable
 * primary after an outage (the old one back, or a promoted replica) and to notice a stale one.
 *
 * <p>{@code comments-jdbi} has one per dialect ({@code dev.talkback.comments.jdbi.failover}). Without one,
 * {@link #reachability} only checks that the store answers a read, which cannot tell a replica or a stale
 * primary from the real one.
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
@FunctionalInterface
public interface PrimaryProbe {

  /**
   * Whether the database takes writes, and on which generation. Should take one round trip.
   *
   * @return what the database answered
   * @throws dev.talkback.comments.StoreUnavailableException if the database cannot be reached (any other
   *     exception, or no answer within the probe deadline, counts the same)
   */
  Writability probe();

  /**
   * Where this database, as a primary, has written up to (PostgreSQL: {@code pg_current_wal_lsn()} in
   * bytes), for {@link FallbackCommentStoreBuilder#retainUntilReplicated}.
   *
   * @return the position, or empty if unknown (the default)
   */
  default OptionalLong writePosition() {
    return OptionalLong.empty();
  }

  /**
   * Where this database, as a replica, has replayed up to (PostgreSQL: {@code pg_last_wal_replay_lsn()} in
   * bytes), comparable with {@link #writePosition()} of its primary.
   *
   * @return the position, or empty if unknown (the default)
   */
  default OptionalLong replayPosition() {
    return OptionalLong.empty();
  }

  /**
   * Whether this probe reports {@link #writePosition()} and {@link #replayPosition()}, so that acknowledged
   * comments can be kept until the standbys have them
   * ({@link FallbackCommentStoreBuilder#retainUntilReplicated(boolean)}). A fallback store with standbys keeps
   * them by default when every standby's probe reports positions.
   *
   * @return false by default; true for a probe that overrides both position methods
   */
  default boolean reportsPositions() {
    return false;
  }

  /**
   * A probe that reads one thread's info: writable if the store answers, generation unknown. Good enough
   * for a single database without replicas (there is nothing to be stale against); use a dialect probe
   * otherwise.
   *
   * @param store the database to read from
   * @return a probe that answers writable on generation 0 whenever the read succeeds
   */
  static PrimaryProbe reachability(CommentReader store) {
    Objects.requireNonNull(store, "store");
    ThreadKey probeKey = ThreadKey.of("talkback-probe");
    return () -> {
      store.threadInfo(SiteId.DEFAULT, probeKey);
      return Writability.writable(0, "answers reads");
    };
  }
}
