package dev.talkback.comments.jdbi.failover;

import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.fallback.PrimaryProbe;
import dev.talkback.comments.fallback.Writability;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * A {@link PrimaryProbe} for PostgreSQL (10 or newer). One round trip asks:
 *
 * <ul>
 *   <li>{@code pg_is_in_recovery()}: a replica (or a demoted primary following a new one) is in recovery
 *       and takes no writes;
 *   <li>the timeline, as the generation: on a primary, from the name of the WAL file it writes
 *       ({@code pg_walfile_name(pg_current_wal_lsn())}, which changes the moment a replica is promoted);
 *       on a replica, {@code timeline_id} from {@code pg_control_checkpoint()}. A promoted replica moves to
 *       a new timeline; an old primary that comes back without being rebuilt stays on the old one and is
 *       recognised as stale.
 * </ul>
 *
 * <p>{@link #writePosition()} is {@code pg_current_wal_lsn()} and {@link #replayPosition()}
 * {@code pg_last_wal_replay_lsn()}, in bytes, for
 * {@link dev.talkback.comments.fallback.FallbackCommentStoreBuilder#retainUntilReplicated}.
 *
 * <p>The user needs no write privilege. {@code pg_control_checkpoint()} is for superusers and members of
 * {@code pg_monitor} only: {@code GRANT pg_monitor TO talkback}. Give the {@code DataSource} short
 * connect, login and socket timeouts (see {@code docs/fallback.md}); the fallback store also runs the probe
 * under its own deadline. Threadsafe.
 */
public final class PostgresProbe implements PrimaryProbe {
  static final String PROBE_SQL =
      "SELECT pg_is_in_recovery(),"
          + " CASE WHEN pg_is_in_recovery() THEN (SELECT timeline_id FROM pg_control_checkpoint())::bigint"
          + " ELSE ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::bigint END,"
          + " coalesce(host(inet_server_addr()), 'local') || ':' || current_setting('port')";

  /** How long a probe waits on its connection's socket by default. */
  static final Duration DEFAULT_NETWORK_TIMEOUT = Duration.ofSeconds(5);

  private final DataSource dataSource;
  private final int networkTimeoutMillis;

  private PostgresProbe(DataSource dataSource, Duration networkTimeout) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(networkTimeout, "networkTimeout");
    if (networkTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("networkTimeout must be at least 1 ms: " + networkTimeout);
    }
    this.networkTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, networkTimeout.toMillis());
  }

  /**
   * A probe that opens a connection from {@code dataSource} each time and waits at most
   * {@code networkTimeout} on its socket (set with
   * {@link Connection#setNetworkTimeout(java.util.concurrent.Executor, int)} on the connection it borrows),
   * so that a pooled connection the network left half-open fails the probe, is closed by the driver and
   * replaced by the pool, instead of hanging every later probe: the store recovers on its own even when the
   * driver has no socket timeout.
   *
   * @param dataSource where the probe connects; any user that can log in, see the class comment
   * @param networkTimeout at least 1 ms; {@link #of(DataSource)} uses 5 s
   * @return the probe
   */
  public static PostgresProbe of(DataSource dataSource, Duration networkTimeout) {
    return new PostgresProbe(dataSource, networkTimeout);
  }

  /** The connection the probe uses, with its socket wait bounded. */
  private Connection connect() throws SQLException {
    Connection c = dataSource.getConnection();
    try {
      c.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
    } catch (SQLFeatureNotSupportedException e) {
      // a driver without sockets to bound: nothing can be left half-open
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /**
   * A probe that opens a connection from {@code dataSource} each time and waits at most 5 s on its socket.
   *
   * @param dataSource where the probe connects; any user that can log in, see the class comment
   * @return the probe
   */
  public static PostgresProbe of(DataSource dataSource) {
    return new PostgresProbe(dataSource, DEFAULT_NETWORK_TIMEOUT);
  }

  @Override
  public Writability probe() {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(PROBE_SQL)) {
      rs.next();
      boolean inRecovery = rs.getBoolean(1);
      long timeline = rs.getLong(2);
      String detail = rs.getString(3) + " timeline " + timeline;
      return inRecovery
          ? Writability.readOnly(timeline, detail + ", in recovery")
          : Writability.writable(timeline, detail);
    } catch (SQLException e) {
      throw unavailable("probe", e);
    }
  }

  /** {@inheritDoc} PostgreSQL reports its WAL positions: true. */
  @Override
  public boolean reportsPositions() {
    return true;
  }

  @Override
  public OptionalLong writePosition() {
    return lsn("SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn() - '0/0'::pg_lsn END");
  }

  @Override
  public OptionalLong replayPosition() {
    return lsn("SELECT pg_last_wal_replay_lsn() - '0/0'::pg_lsn");
  }

  private OptionalLong lsn(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      java.math.BigDecimal bytes = rs.getBigDecimal(1);
      return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes.longValueExact());
    } catch (SQLException e) {
      throw unavailable("position query", e);
    }
  }

  static StoreUnavailableException unavailable(String what, SQLException e) {
    return new StoreUnavailableException(
        "PostgreSQL " + what + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
  }

  @Override
  public String toString() {
    return "PostgresProbe";
  }
}
