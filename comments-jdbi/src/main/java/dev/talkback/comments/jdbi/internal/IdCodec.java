package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.CommentId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How comment ids travel to and from a column: as a native {@code UUID} (PostgreSQL, H2: both compare them
 * as unsigned numbers) or as the canonical lower-case {@code CHAR(36)} string (MariaDB, MySQL). Both orders
 * equal {@link CommentId#compareTo}.
 */
enum IdCodec {
  NATIVE_UUID {
    @Override
    Object param(CommentId id) {
      return id.value();
    }

    @Override
    @Nullable CommentId read(ResultSet rs, String column) throws SQLException {
      UUID value = rs.getObject(column, UUID.class);
      return value == null ? null : new CommentId(value);
    }

    @Override
    int nullType() {
      return Types.OTHER; // pgjdbc then lets the server infer uuid; a typed VARCHAR NULL would not fit
    }
  },
  CHAR36 {
    @Override
    Object param(CommentId id) {
      return id.toString();
    }

    @Override
    @Nullable CommentId read(ResultSet rs, String column) throws SQLException {
      String value = rs.getString(column);
      return value == null ? null : CommentId.parse(value);
    }

    @Override
    int nullType() {
      return Types.VARCHAR;
    }
  };

  /** The value to bind for {@code id}. */
  abstract Object param(CommentId id);

  /** The id in {@code column}, or {@code null} if the column is NULL. */
  abstract @Nullable CommentId read(ResultSet rs, String column) throws SQLException;

  /** The JDBC type to bind a NULL id with. */
  abstract int nullType();
}
