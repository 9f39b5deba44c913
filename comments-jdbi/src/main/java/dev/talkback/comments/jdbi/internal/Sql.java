package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.CommentSort;
import dev.talkback.comments.jdbi.Dialect;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every statement the store runs, for one dialect and table prefix. Parameters are named
 * ({@code :name}); lists are expanded by {@link #params(String, int)}. The few statements that differ by
 * dialect are the insert-if-absent and upsert forms and the keyset conditions (PostgreSQL compares rows,
 * which its indexes serve directly; MariaDB and H2 get the equivalent expanded comparison).
 */
final class Sql {
  static final String COLUMNS = "site, id, thread_key, parent_id, root_id, author_name, author_email,"
      + " author_website, author_user_id, author_key, source, format, html, status, created_us, edited_us,"
      + " version, likes, edit_token_hash, ip_hash";

  private final Dialect dialect;
  final String comments;
  final String threads;
  final String counts;
  final String likes;
  final String erasures;

  final String insertComment;
  /**
   * The most new comments whose outbox events go into {@link #insertChunkIfAbsent}'s own statement (11
   * parameters each; a post or a replay run); a larger chunk (an import) writes them in a batch of their own.
   */
  static final int ROWS_PER_INSERT = 50;
  private final String insertChunkIfAbsent;
  final String findComment;
  final String lockComment;
  final String updateComment;
  final String byStatus;
  final String byAuthor;
  final String hasApproved;
  final String threadInfo;
  final String ensureThread;
  final String saveThread;
  final String likeExists;
  final String insertLike;
  final String incrementLikes;
  final String likeKeys;
  final String addLikes;

  Sql(Dialect dialect, String prefix) {
    this.dialect = dialect;
    comments = prefix + "comments";
    threads = prefix + "threads";
    counts = prefix + "thread_counts";
    likes = prefix + "comment_likes";
    erasures = prefix + "erasures";

    insertComment = "INSERT INTO " + comments + " (" + COLUMNS + ") VALUES (:site, :id, :thread, :parent, :root,"
        + " :authorName, :authorEmail, :authorWebsite, :authorUserId, :authorKey, :source, :format, :html,"
        + " :status, :created, :edited, :version, :likes, :editTokenHash, :ipHash)";
    insertChunkIfAbsent = dialect == Dialect.POSTGRESQL ? insertChunk() : "";
    findComment = "SELECT " + COLUMNS + " FROM " + comments + " WHERE site = :site AND id = :id";
    lockComment = findComment + " FOR UPDATE";
    updateComment = "UPDATE " + comments + " SET source = :source, format = :format, html = :html,"
        + " status = :status, edited_us = :edited, version = :version, edit_token_hash = :editTokenHash"
        + " WHERE site = :site AND id = :id";
    byStatus = "SELECT " + COLUMNS + " FROM " + comments + " WHERE site = :site AND status = :status"
        + " ORDER BY created_us DESC, id DESC LIMIT :limit";
    byAuthor = "SELECT " + COLUMNS + " FROM " + comments + " WHERE site = :site AND author_key = :authorKey"
        + " ORDER BY created_us DESC, id DESC LIMIT :limit";
    hasApproved = "SELECT 1 FROM " + comments + " WHERE site = :site AND author_key = :authorKey"
        + " AND status = 'APPROVED' LIMIT 1";
    threadInfo = "SELECT site, thread_key, title, url, closed FROM " + threads
        + " WHERE site = :site AND thread_key = :thread";
    String threadValues = "(site, thread_key, title, url, closed) VALUES (:site, :thread, :title, :url, :closed)";
    switch (dialect) {
      case POSTGRESQL -> {
        ensureThread = "INSERT INTO " + threads + " " + threadValues
            + " ON CONFLICT (site, thread_key) DO NOTHING";
        saveThread = "INSERT INTO " + threads + " " + threadValues + " ON CONFLICT (site, thread_key)"
            + " DO UPDATE SET title = EXCLUDED.title, url = EXCLUDED.url, closed = EXCLUDED.closed";
      }
      case MARIADB, MYSQL -> {
        // A no-op update rather than INSERT IGNORE, which would also turn errors (a too long value) into
        // warnings.
        ensureThread = "INSERT INTO " + threads + " " + threadValues
            + " ON DUPLICATE KEY UPDATE thread_key = thread_key";
        saveThread = "INSERT INTO " + threads + " " + threadValues
            + " ON DUPLICATE KEY UPDATE title = VALUES(title), url = VALUES(url), closed = VALUES(closed)";
      }
      case H2 -> {
        ensureThread = "INSERT INTO " + threads + " (site, thread_key, title, url, closed)"
            + " SELECT :site, :thread, :title, :url, :closed FROM (VALUES (1)) one"
            + " WHERE NOT EXISTS (SELECT 1 FROM " + threads + " WHERE site = :site AND thread_key = :thread)";
        saveThread = "MERGE INTO " + threads + " (site, thread_key, title, url, closed) KEY (site, thread_key)"
            + " VALUES (:site, :thread, :title, :url, :closed)";
      }
      default -> throw new IllegalArgumentException("unknown dialect " + dialect);
    }
    likeExists = "SELECT 1 FROM " + likes + " WHERE site = :site AND comment_id = :id AND client_key = :client";
    insertLike = "INSERT INTO " + likes + " (site, comment_id, client_key) VALUES (:site, :id, :client)";
    incrementLikes = "UPDATE " + comments + " SET likes = likes + 1 WHERE site = :site AND id = :id";
    likeKeys = "SELECT client_key FROM " + likes + " WHERE site = :site AND comment_id = :id";
    addLikes = "UPDATE " + comments + " SET likes = likes + :n WHERE site = :site AND id = :id";
  }

  /**
   * Adds {@code :delta} to a thread's approved count, creating its row if needed. On H2 this is
   * {@link #updateApproved} and, when that changed no row, {@link #insertApproved}.
   */
  String upsertApproved() {
    return switch (dialect) {
      case POSTGRESQL -> "INSERT INTO " + counts + " (site, thread_key, approved) VALUES (:site, :thread, :delta)"
          + " ON CONFLICT (site, thread_key) DO UPDATE SET approved = " + counts + ".approved + EXCLUDED.approved";
      case MARIADB, MYSQL -> "INSERT INTO " + counts + " (site, thread_key, approved) VALUES (:site, :thread, :delta)"
          + " ON DUPLICATE KEY UPDATE approved = approved + VALUES(approved)";
      default -> throw new IllegalStateException(dialect + " has no single-statement upsert of counts");
    };
  }

  /**
   * PostgreSQL: one statement that stores a chunk of one thread's new comments and returns the ids it
   * created. It makes sure the thread row exists (an existing one is kept), inserts the comments from one
   * array per column ({@code unnest}), skipping ids already stored ({@code ON CONFLICT DO NOTHING}), adds
   * the approved ones it created to the thread's count, and returns their ids. One round trip and one
   * parameter per column instead of one per value: the statement is the same whatever the chunk's size, so
   * it is parsed and planned once per connection. Parameters, in order: site, thread key, title, URL,
   * closed; site and thread key again for the comments; the arrays {@link #CHUNK_ARRAYS}; site and thread key
   * for the count. Version
   * and likes are 0 (only new comments are inserted).
   */
  String insertChunkIfAbsent() {
    if (dialect != Dialect.POSTGRESQL) {
      throw new IllegalStateException(dialect + " looks ids up before inserting");
    }
    return insertChunkIfAbsent;
  }

  /**
   * {@link #insertChunkIfAbsent} with one more data-modifying CTE, {@code cte}, which may read the CTE
   * {@code created} (the ids and statuses inserted); its parameters come after the count's.
   */
  String insertChunkIfAbsent(String cte) {
    String chunk = insertChunkIfAbsent();
    return chunk.substring(0, chunk.length() - CHUNK_RESULT.length()) + ", " + cte + CHUNK_RESULT;
  }

  private static final String CHUNK_RESULT = " SELECT id FROM created";

  /** The arrays of {@link #insertChunkIfAbsent}, in order, with their SQL types. */
  static final List<String> CHUNK_ARRAYS = List.of("id uuid", "parent_id uuid", "root_id uuid", "author_name text",
      "author_email text", "author_website text", "author_user_id text", "author_key text", "source text",
      "format text", "html text", "status text", "created_us bigint", "edited_us bigint", "edit_token_hash text",
      "ip_hash text");

  private String insertChunk() {
    StringBuilder arrays = new StringBuilder();
    StringBuilder names = new StringBuilder();
    for (String a : CHUNK_ARRAYS) {
      int space = a.indexOf(' ');
      arrays.append(arrays.length() == 0 ? "" : ", ").append("?::").append(a, space + 1, a.length()).append("[]");
      names.append(names.length() == 0 ? "" : ", ").append(a, 0, space);
    }
    return "WITH thread AS (INSERT INTO " + threads + " (site, thread_key, title, url, closed) VALUES (?, ?, ?, ?, ?)"
        + " ON CONFLICT (site, thread_key) DO NOTHING),"
        + " created AS (INSERT INTO " + comments + " (" + COLUMNS + ")"
        + " SELECT ?, u.id, ?, u.parent_id, u.root_id, u.author_name, u.author_email, u.author_website,"
        + " u.author_user_id, u.author_key, u.source, u.format, u.html, u.status, u.created_us, u.edited_us, 0, 0,"
        + " u.edit_token_hash, u.ip_hash"
        + " FROM unnest(" + arrays + ") WITH ORDINALITY AS u(" + names + ", n) ORDER BY u.n"
        + " ON CONFLICT (site, id) DO NOTHING RETURNING id, status),"
        + " counted AS (INSERT INTO " + counts + " (site, thread_key, approved)"
        + " SELECT ?, ?, COUNT(*) FROM created WHERE status = 'APPROVED' HAVING COUNT(*) > 0"
        + " ON CONFLICT (site, thread_key) DO UPDATE SET approved = " + counts + ".approved + EXCLUDED.approved)"
        + CHUNK_RESULT;
  }

  /**
   * Whether inserts skip stored ids and report the ids they created ({@link #insertChunkIfAbsent}, which
   * also makes sure the thread exists and counts what it created): PostgreSQL. The other dialects look the ids up first.
   */
  boolean insertsIfAbsent() {
    return dialect == Dialect.POSTGRESQL;
  }

  /** Whether {@link #upsertApproved()} exists for this dialect. */
  boolean hasCountUpsert() {
    return dialect != Dialect.H2;
  }

  String updateApproved() {
    return "UPDATE " + counts + " SET approved = approved + :delta WHERE site = :site AND thread_key = :thread";
  }

  String insertApproved() {
    return "INSERT INTO " + counts + " (site, thread_key, approved) VALUES (:site, :thread, :delta)";
  }

  /** The comments of a site with the given ids ({@code :id0, :id1, ...}). */
  String findComments(int ids) {
    return "SELECT " + COLUMNS + " FROM " + comments + " WHERE " + siteAnd("id", "id", ids);
  }

  /** The approved counts of the given threads; threads without a row are missing from the result. */
  String counts(int threads) {
    return "SELECT thread_key, approved FROM " + counts + " WHERE " + siteAnd("thread_key", "thread", threads);
  }

  /**
   * {@code site = :site AND column IN (:param0, ...)}: a lookup of {@code n} keys of an index that starts
   * with (site, column). H2 uses an IN list only on an index's first column and would scan the whole site,
   * so on H2 it is the equivalent row comparison {@code (site, column) IN ((:site, :param0), ...)}, which
   * it looks up key by key.
   */
  String siteAnd(String column, String param, int n) {
    if (dialect != Dialect.H2) {
      return "site = :site AND " + column + " IN (" + params(param, n) + ")";
    }
    StringBuilder b = new StringBuilder(n * 20 + 40).append("(site, ").append(column).append(") IN (");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append("(:site, :").append(param).append(i).append(')');
    }
    return b.append(')').toString();
  }

  /**
   * Up to {@code :limit} top-level comments of a thread with one of {@code statuses} statuses, in
   * {@code sort} order, after the keyset {@code (:score, :created, :id)} if {@code after}.
   */
  String roots(CommentSort sort, boolean after, int statuses) {
    StringBuilder sql = new StringBuilder(700).append("SELECT ").append(COLUMNS).append(" FROM ").append(comments)
        .append(" WHERE site = :site AND thread_key = :thread AND parent_id IS NULL AND status IN (")
        .append(params("status", statuses)).append(')');
    boolean rows = dialect == Dialect.POSTGRESQL;
    switch (sort) {
      case OLDEST -> {
        if (after) {
          sql.append(rows ? " AND (created_us, id) > (:created, :id)"
              : " AND (created_us > :created OR (created_us = :created AND id > :id))");
        }
        sql.append(" ORDER BY created_us, id");
      }
      case NEWEST -> {
        if (after) {
          sql.append(rows ? " AND (created_us, id) < (:created, :id)"
              : " AND (created_us < :created OR (created_us = :created AND id < :id))");
        }
        sql.append(" ORDER BY created_us DESC, id DESC");
      }
      case TOP -> {
        if (rows) {
          // Matches the index on (site, thread_key, (-likes), created_us, id): one ascending row order.
          if (after) {
            sql.append(" AND (-likes, created_us, id) > (:negScore, :created, :id)");
          }
          sql.append(" ORDER BY -likes, created_us, id");
        } else {
          if (after) {
            sql.append(" AND (likes < :score OR (likes = :score AND (created_us > :created")
                .append(" OR (created_us = :created AND id > :id))))");
          }
          sql.append(" ORDER BY likes DESC, created_us, id");
        }
      }
      default -> throw new IllegalArgumentException("unknown sort " + sort);
    }
    return sql.append(" LIMIT :limit").toString();
  }

  /** Every reply with one of {@code statuses} statuses below the given top-level comments. */
  String replies(int roots, int statuses) {
    return "SELECT " + COLUMNS + " FROM " + comments + " WHERE " + siteAnd("root_id", "root", roots)
        + " AND parent_id IS NOT NULL AND status IN (" + params("status", statuses) + ") ORDER BY created_us, id";
  }

  /**
   * Up to {@code :limit} comments of a site in site order (thread key, created, id), after the position
   * {@code (:thread, :created, :id)} if {@code after}, matching {@code condition} if not empty.
   */
  String siteWalk(boolean after, String condition) {
    StringBuilder b = new StringBuilder(600).append("SELECT ").append(COLUMNS).append(" FROM ").append(comments)
        .append(" WHERE site = :site");
    if (!condition.isEmpty()) {
      b.append(" AND (").append(condition).append(')');
    }
    if (after) {
      b.append(dialect == Dialect.POSTGRESQL ? " AND (thread_key, created_us, id) > (:thread, :created, :id)"
          : " AND (thread_key > :thread OR (thread_key = :thread AND (created_us > :created"
              + " OR (created_us = :created AND id > :id))))");
    }
    return b.append(" ORDER BY thread_key, created_us, id LIMIT :limit").toString();
  }

  /**
   * The condition of an author's comments: by host user id, or by email ignoring case. Java lower-cases the
   * email ({@link dev.talkback.comments.AuthorMatch#matches}, the definition, checked again on every row) and
   * databases lower-case differently (PostgreSQL under the C locale only ASCII; Greek final sigma, dotted
   * capital I), so the database is asked for a superset: the author key the store wrote with Java's lower
   * case ({@code email:<lower-cased email>}, every comment without a user id), or the stored email whose
   * database lower case equals Java's lower case or whose database upper case equals Java's upper case.
   */
  static final String AUTHOR_MATCH = "author_user_id = :userId OR author_key = :emailKey"
      + " OR LOWER(author_email) = :email OR UPPER(author_email) = :emailUpper";

  /**
   * {@link #AUTHOR_MATCH} where the database's case mapping can be trusted for this email, else every comment
   * with an email, for Java to check: an email with a character beyond ASCII (a database under the C locale
   * maps only ASCII, so a mixed-case {@code Émilie} on a comment with a user id escapes both LOWER and UPPER),
   * and H2, whose LOWER and UPPER use the JVM's default locale (a Turkish one maps {@code I} to {@code ı}).
   * Such a walk reads every comment of the site that has an email; a rare request (an author's data, an
   * erasure) can afford it.
   *
   * @param normalizedEmail the email lower-cased as Java does, or {@code null}
   * @return the condition
   */
  String authorMatch(@Nullable String normalizedEmail) {
    boolean ascii = normalizedEmail == null || normalizedEmail.chars().allMatch(c -> c < 0x80);
    // the broad form keeps AUTHOR_MATCH's terms, which it implies, since every named parameter must be used
    return ascii && dialect != Dialect.H2 ? AUTHOR_MATCH
        : AUTHOR_MATCH + " OR (author_email IS NOT NULL AND :email IS NOT NULL)";
  }

  /** The erasure log's columns. */
  static final String ERASURE_COLUMNS = "site, id, erased_us, actor, mode, by_email, by_user_id, deleted,"
      + " tombstoned, anonymized";

  /** A probe that the store's tables exist: selects nothing. */
  String probe() {
    return "SELECT 1 FROM " + comments + " WHERE 1 = 0";
  }

  /** {@code :name0, :name1, ...}: {@code n} named parameters. */
  static String params(String name, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a list needs at least one element");
    }
    StringBuilder b = new StringBuilder(n * (name.length() + 5));
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(':').append(name).append(i);
    }
    return b.toString();
  }
}
