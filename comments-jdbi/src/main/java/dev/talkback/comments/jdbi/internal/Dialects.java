package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.jdbi.Dialect;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** Recognises the database behind a connection from its JDBC metadata. */
final class Dialects {
  private Dialects() {}

  /**
   * The dialect of the database {@code meta} describes.
   *
   * @throws IllegalStateException if it is none that the store supports
   */
  static Dialect detect(DatabaseMetaData meta) throws SQLException {
    return detect(meta.getDatabaseProductName(), meta.getDatabaseProductVersion());
  }

  static Dialect detect(String product, String version) {
    String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
    String v = version == null ? "" : version.toLowerCase(Locale.ROOT);
    if (p.contains("postgresql")) {
      return Dialect.POSTGRESQL;
    }
    // MySQL Connector/J calls a MariaDB server "MySQL"; its version string tells.
    if (p.contains("mariadb") || (p.contains("mysql") && v.contains("mariadb"))) {
      return Dialect.MARIADB;
    }
    if (p.contains("mysql")) {
      return Dialect.MYSQL;
    }
    if (p.equals("h2")) {
      return Dialect.H2;
    }
    throw new IllegalStateException("the JDBI comment store supports PostgreSQL, MariaDB, MySQL and H2, not "
        + product + " " + version + "; if this database is compatible with one of them, set it with"
        + " JdbiCommentStore.builder(...).dialect(Dialect.X)");
  }
}
