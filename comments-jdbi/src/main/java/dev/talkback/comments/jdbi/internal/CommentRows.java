package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/** Comments and threads to and from rows of the store's tables ({@link Sql#COLUMNS}). */
final class CommentRows implements RowMapper<Comment> {
  /**
   * The text arrays of {@link Sql#insertChunkIfAbsent}: author name, email, website, user id, key, source,
   * format, html, status, edit-token hash, ip hash.
   */
  private static final int TEXT_COLUMNS = 11;
  private final IdCodec ids;

  CommentRows(IdCodec ids) {
    this.ids = ids;
  }

  @Override
  public Comment map(ResultSet rs, StatementContext ctx) throws SQLException {
    CommentId id = Objects.requireNonNull(ids.read(rs, "id"), "id");
    long edited = rs.getLong("edited_us");
    boolean neverEdited = rs.wasNull();
    return Comment.builder()
        .id(id)
        .site(SiteId.of(rs.getString("site")))
        .thread(ThreadKey.of(rs.getString("thread_key")))
        .parentId(ids.read(rs, "parent_id"))
        .rootId(ids.read(rs, "root_id"))
        .author(new Author(rs.getString("author_name"), rs.getString("author_email"),
            rs.getString("author_website"), rs.getString("author_user_id")))
        .source(rs.getString("source"))
        .format(Format.valueOf(rs.getString("format")))
        .html(rs.getString("html"))
        .status(CommentStatus.valueOf(rs.getString("status")))
        .created(Micros.toInstant(rs.getLong("created_us")))
        .edited(neverEdited ? null : Micros.toInstant(edited))
        .version(rs.getLong("version"))
        .likes(rs.getInt("likes"))
        .editTokenHash(rs.getString("edit_token_hash"))
        .ipHash(rs.getString("ip_hash"))
        .build();
  }

  /** The id in a column of a result, such as generated keys. */
  CommentId readId(ResultSet rs, String column) throws SQLException {
    return Objects.requireNonNull(ids.read(rs, column), column);
  }

  /** Maps a row of the threads table. */
  static ThreadInfo thread(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ThreadInfo(SiteId.of(rs.getString("site")), ThreadKey.of(rs.getString("thread_key")),
        rs.getString("title"), rs.getString("url"), rs.getBoolean("closed"));
  }

  /** Binds every column of {@link Sql#insertComment}. */
  void bindInsert(SqlStatement<?> s, Comment c) {
    Author a = c.author();
    bindId(s, "id", c.id());
    bindId(s, "parent", c.parentId().orElse(null));
    bindId(s, "root", c.rootId());
    s.bind("site", c.site().value())
        .bind("thread", c.thread().value())
        .bind("authorName", a.name())
        .bind("authorEmail", a.email())
        .bind("authorWebsite", a.website())
        .bind("authorUserId", a.userId())
        .bind("authorKey", a.key().orElse(null))
        .bind("source", c.source())
        .bind("format", c.format().name())
        .bind("html", c.html())
        .bind("status", c.status().name())
        .bind("created", Micros.of(c.created()))
        .bind("edited", c.edited().map(Micros::of).orElse(null))
        .bind("version", c.version())
        .bind("likes", c.likes())
        .bind("editTokenHash", c.editTokenHash().orElse(null))
        .bind("ipHash", c.ipHash().orElse(null));
  }

  /**
   * Sets every column of one row of a multi-row insert on a plain JDBC statement, from parameter
   * {@code position} (1-based) in {@link Sql#COLUMNS} order; returns the position after the row. Plain JDBC
   * because Jdbi's positional binding costs more than the database's work at 1,000 parameters a statement.
   */
  int setInsertAt(PreparedStatement ps, int position, Comment c) throws SQLException {
    Author a = c.author();
    int p = position;
    ps.setString(p++, c.site().value());
    setId(ps, p++, c.id());
    ps.setString(p++, c.thread().value());
    setId(ps, p++, c.parentId().orElse(null));
    setId(ps, p++, c.rootId());
    ps.setString(p++, a.name());
    setText(ps, p++, a.email());
    setText(ps, p++, a.website());
    setText(ps, p++, a.userId());
    setText(ps, p++, a.key().orElse(null));
    ps.setString(p++, c.source());
    ps.setString(p++, c.format().name());
    ps.setString(p++, c.html());
    ps.setString(p++, c.status().name());
    ps.setLong(p++, Micros.of(c.created()));
    Optional<Instant> edited = c.edited();
    if (edited.isPresent()) {
      ps.setLong(p++, Micros.of(edited.get()));
    } else {
      ps.setNull(p++, Types.BIGINT);
    }
    ps.setLong(p++, c.version());
    ps.setInt(p++, c.likes());
    setText(ps, p++, c.editTokenHash().orElse(null));
    setText(ps, p++, c.ipHash().orElse(null));
    return p;
  }

  /**
   * Sets the arrays of {@link Sql#insertChunkIfAbsent} ({@link Sql#CHUNK_ARRAYS}, one element per comment)
   * from parameter {@code position} (1-based) of a PostgreSQL statement; returns the position after them.
   * Text arrays go as {@code String[]}, which pgjdbc sends in binary, without escaping.
   */
  int setChunkArrays(PreparedStatement ps, int position, List<Comment> comments) throws SQLException {
    int n = comments.size();
    // ids as text[], which pgjdbc sends in binary; a uuid[] from createArrayOf goes as one array literal,
    // escaped element by element here and parsed by array_in there (cast to uuid[] by the statement)
    @Nullable String[] id = new @Nullable String[n];
    @Nullable String[] parent = new @Nullable String[n];
    @Nullable String[] root = new @Nullable String[n];
    // one column after the other (NullAway cannot follow nullable elements through a two-dimensional array)
    @Nullable String[] texts = new @Nullable String[TEXT_COLUMNS * n];
    @Nullable Long[] created = new @Nullable Long[n];
    @Nullable Long[] edited = new @Nullable Long[n];
    for (int i = 0; i < n; i++) {
      Comment c = comments.get(i);
      Author a = c.author();
      id[i] = c.id().value().toString();
      parent[i] = c.parentId().map(p -> p.value().toString()).orElse(null);
      root[i] = c.rootId().value().toString();
      texts[i] = a.name();
      texts[n + i] = a.email();
      texts[2 * n + i] = a.website();
      texts[3 * n + i] = a.userId();
      texts[4 * n + i] = a.key().orElse(null);
      texts[5 * n + i] = c.source();
      texts[6 * n + i] = c.format().name();
      texts[7 * n + i] = c.html();
      texts[8 * n + i] = c.status().name();
      texts[9 * n + i] = c.editTokenHash().orElse(null);
      texts[10 * n + i] = c.ipHash().orElse(null);
      created[i] = Micros.of(c.created());
      edited[i] = c.edited().map(Micros::of).orElse(null);
    }
    Connection connection = ps.getConnection();
    int p = position;
    ps.setObject(p++, id);
    ps.setObject(p++, parent);
    ps.setObject(p++, root);
    for (int t = 0; t < 9; t++) {
      ps.setObject(p++, Arrays.copyOfRange(texts, t * n, (t + 1) * n));
    }
    ps.setArray(p++, connection.createArrayOf("int8", created));
    ps.setArray(p++, connection.createArrayOf("int8", edited));
    ps.setObject(p++, Arrays.copyOfRange(texts, 9 * n, 10 * n));
    ps.setObject(p++, Arrays.copyOfRange(texts, 10 * n, 11 * n));
    return p;
  }

  private void setId(PreparedStatement ps, int position, @Nullable CommentId id) throws SQLException {
    if (id == null) {
      ps.setNull(position, ids.nullType());
    } else {
      ps.setObject(position, ids.param(id));
    }
  }

  private static void setText(PreparedStatement ps, int position, @Nullable String value) throws SQLException {
    if (value == null) {
      ps.setNull(position, Types.VARCHAR);
    } else {
      ps.setString(position, value);
    }
  }

  /** Binds the mutable columns and the key of {@link Sql#updateComment}. */
  void bindUpdate(SqlStatement<?> s, Comment c) {
    bindId(s, "id", c.id());
    s.bind("site", c.site().value())
        .bind("source", c.source())
        .bind("format", c.format().name())
        .bind("html", c.html())
        .bind("status", c.status().name())
        .bind("edited", c.edited().map(Micros::of).orElse(null))
        .bind("version", c.version())
        .bind("editTokenHash", c.editTokenHash().orElse(null));
  }

  /** Binds a thread's columns for {@link Sql#ensureThread} and {@link Sql#saveThread}. */
  static void bindThread(SqlStatement<?> s, ThreadInfo t) {
    s.bind("site", t.site().value())
        .bind("thread", t.key().value())
        .bind("title", t.title())
        .bind("url", t.url())
        .bind("closed", t.closed());
  }

  /**
   * Binds an id, or a NULL of the id's type. Always through an {@link Argument} of one class: a Jdbi batch
   * prepares its binders from the first row, and a NULL in a later row must not need another one.
   */
  void bindId(SqlStatement<?> s, String name, @Nullable CommentId id) {
    s.bind(name, idArgument(id));
  }

  private Argument idArgument(@Nullable CommentId id) {
    return id == null
        ? (position, statement, ctx) -> statement.setNull(position, ids.nullType())
        : (position, statement, ctx) -> statement.setObject(position, ids.param(id));
  }
}
