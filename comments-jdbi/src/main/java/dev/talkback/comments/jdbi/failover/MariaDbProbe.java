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
import javax.sql.DataSource;

/**
 * A {@link PrimaryProbe} for MariaDB and MySQL: writable unless {@code @@global.read_only} is on.
 *
 * <p>MariaDB has no equivalent of a PostgreSQL timeline that a probe could compare, so the generation is
 * unknown (0) and a stale old primary is <em>not</em> recognised by this probe. Fence it instead: start a
 * database that may have been replaced with {@code read_only=ON} (in {@code my.cnf}), and turn it off only
 * on the one primary. It reports no replication positions, so
 * {@link dev.talkback.comments.fallback.FallbackCommentStoreBuilder#retainUntilReplicated} is for
 * PostgreSQL only. Threadsafe.
 */
public final class MariaDbProbe implements PrimaryProbe {
  static final String PROBE_SQL = "SELECT @@global.read_only, @@hostname, @@port";

  /** How long a probe waits on its connection's socket by default. */
  static final Duration DEFAULT_NETWORK_TIMEOUT = Duration.ofSeconds(5);

  private final DataSource dataSource;
  private final int networkTimeoutMillis;

  private MariaDbProbe(DataSource dataSource, Duration networkTimeout) {
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
  public static MariaDbProbe of(DataSource dataSource, Duration networkTimeout) {
    return new MariaDbProbe(dataSource, networkTimeout);
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
  public static MariaDbProbe of(DataSource dataSource) {
    return new MariaDbProbe(dataSource, DEFAULT_NETWORK_TIMEOUT);
  }

  @Override
  public Writability probe() {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(PROBE_SQL)) {
      rs.next();
      boolean readOnly = rs.getInt(1) != 0;
      String detail = rs.getString(2) + ":" + rs.getInt(3);
      return readOnly ? Writability.readOnly(0, detail + ", read_only=ON") : Writability.writable(0, detail);
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "MariaDB probe failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
    }
  }

  @Override
  public String toString() {
    return "MariaDbProbe";
  }
}
