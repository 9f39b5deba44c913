package dev.talkback.comments.jdbi;

/**
 * The SQL database a {@link JdbiCommentStore} talks to. It decides the schema migrations
 * ({@code db/talkback/<name>/V*.sql} in this jar), the column types and the few statements that differ
 * (insert-if-absent, upsert). {@link JdbiCommentStore.Builder#build()} detects it from the connection's
 * metadata unless {@link JdbiCommentStore.Builder#dialect(Dialect)} sets it.
 */
public enum Dialect {
  /** PostgreSQL 12 or newer: the first-class database. */
  POSTGRESQL("postgresql"),
  /** MariaDB 10.6 or newer, with the MariaDB Connector/J (or MySQL Connector/J). */
  MARIADB("mariadb"),
  /**
   * MySQL 8.0.16 or newer. Shares the MariaDB statements; its schema uses MySQL's {@code utf8mb4_0900_bin}
   * collation where MariaDB uses {@code utf8mb4_nopad_bin}.
   */
  MYSQL("mysql"),
  /** H2 2.x, embedded (file or in-memory): the default for a blog without a database server. */
  H2("h2");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /**
   * The classpath folder of this dialect's SQL migrations, such as {@code db/talkback/postgresql}: the files
   * to hand a DBA who applies the schema by hand.
   *
   * @return the folder, without a leading or trailing slash
   */
  public String migrationsLocation() {
    return "db/talkback/" + folder;
  }
}
