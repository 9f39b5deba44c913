package dev.talkback.comments.jdbi.failover;

import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.fallback.PrimaryProbe;
import dev.talkback.comments.fallback.Writability;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

  private final DataSource dataSource;

  private MariaDbProbe(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * A probe that opens a connection from {@code dataSource} each time.
   *
   * @param dataSource where the probe connects; any user that can log in, see the class comment
   * @return the probe
   */
  public static MariaDbProbe of(DataSource dataSource) {
    return new MariaDbProbe(dataSource);
  }

  @Override
  public Writability probe() {
    try (Connection c = dataSource.getConnection();
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
