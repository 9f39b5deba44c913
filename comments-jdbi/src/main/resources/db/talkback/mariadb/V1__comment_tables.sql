-- Talkback JDBI comment store, schema version 1, MariaDB 10.6 or newer (descending indexes need 10.8;
-- older versions accept them as ascending, which still works).
--
-- JdbiCommentStore applies this file with Flyway and records it in a history table of its own
-- (${prefix}schema_history), so it lives beside a host's own Flyway history without touching it.
-- Every table name starts with the table prefix, ${prefix} here. To apply the file by hand
-- (JdbiCommentStore.builder(...).migrate(false)), replace the prefix placeholder with your prefix and run
-- the file; docs/jdbi.md shows the command. MariaDB commits DDL at once: if a statement fails, drop what
-- was created before running the file again.
--
-- Conventions:
--   * Character set utf8mb4 everywhere (4-byte UTF-8: emoji and the rest round-trip), set on every table so
--     the database's default does not matter.
--   * Keys compare exactly: ids, sites and statuses are ASCII with ascii_bin; thread, author and client keys
--     use utf8mb4_nopad_bin (byte order, and 'a' differs from 'a '). Free text uses utf8mb4_bin.
--   * Comment ids are CHAR(36), the canonical lower-case UUID: MariaDB's own UUID type sorts its bytes in a
--     different order, while these strings sort the way CommentId.compareTo does, which keyset pages need.
--   * Timestamps are BIGINT microseconds since 1970-01-01T00:00:00Z (columns ending in _us): exact and free
--     of session time zones and of TIMESTAMP's year-2038 limit.
--     Read them with FROM_UNIXTIME(created_us / 1000000) (shown in the session time zone).
--   * No foreign keys: imports insert replies in batches; the store keeps the rows consistent.

-- What the store knows of a commented page: created by the first comment, or by saveThread.
CREATE TABLE ${prefix}threads (
    site        VARCHAR(64)  CHARACTER SET ascii   COLLATE ascii_bin         NOT NULL,
    thread_key  VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    title       TEXT         NOT NULL,
    url         TEXT,
    closed      BOOLEAN      NOT NULL,
    PRIMARY KEY (site, thread_key)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- The number of APPROVED comments per thread, changed in the same transaction as the comment that
-- changes it. A thread without a row has no approved comment.
CREATE TABLE ${prefix}thread_counts (
    site        VARCHAR(64)  CHARACTER SET ascii   COLLATE ascii_bin         NOT NULL,
    thread_key  VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    approved    INT          NOT NULL,
    PRIMARY KEY (site, thread_key)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per comment, top-level or reply. root_id is the top-level ancestor (its own id for a top-level
-- comment), so a page's replies are read in one query. author_key is "user:<id>" or "email:<lower-case
-- email>" (see Author.key()), or NULL for an anonymous author without email.
CREATE TABLE ${prefix}comments (
    site            VARCHAR(64)  CHARACTER SET ascii   COLLATE ascii_bin         NOT NULL,
    id              CHAR(36)     CHARACTER SET ascii   COLLATE ascii_bin         NOT NULL,
    thread_key      VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    parent_id       CHAR(36)     CHARACTER SET ascii   COLLATE ascii_bin,
    root_id         CHAR(36)     CHARACTER SET ascii   COLLATE ascii_bin         NOT NULL,
    author_name     TEXT         NOT NULL,
    author_email    TEXT,
    author_website  TEXT,
    author_user_id  TEXT,
    author_key      VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    source          MEDIUMTEXT   NOT NULL,
    format          VARCHAR(16)  CHARACTER SET ascii   COLLATE ascii_bin         NOT NULL,
    html            MEDIUMTEXT   NOT NULL,
    status          VARCHAR(16)  CHARACTER SET ascii   COLLATE ascii_bin         NOT NULL,
    created_us      BIGINT       NOT NULL,
    edited_us       BIGINT,
    version         BIGINT       NOT NULL,
    likes           INT          NOT NULL,
    edit_token_hash TEXT,
    ip_hash         TEXT,
    PRIMARY KEY (site, id),
    -- A page of a thread, oldest or newest first: top-level comments (parent_id IS NULL) by (created, id).
    KEY ${prefix}comments_roots_time_ix (site, thread_key, parent_id, created_us, id),
    -- A page of a thread, most liked first: likes descending, then (created, id) ascending.
    KEY ${prefix}comments_roots_top_ix (site, thread_key, parent_id, likes DESC, created_us, id),
    -- Every reply below a page's top-level comments, in one query (root_id IN (...)).
    KEY ${prefix}comments_replies_ix (site, root_id),
    -- The moderation queue and "recent comments": one status of a site, newest first.
    KEY ${prefix}comments_status_ix (site, status, created_us, id),
    -- One author's comments, newest first, and whether the author has an approved comment.
    KEY ${prefix}comments_author_ix (site, author_key, created_us, id),
    CONSTRAINT ${prefix}comments_status_ck CHECK (status IN ('PENDING', 'APPROVED', 'SPAM', 'DELETED')),
    CONSTRAINT ${prefix}comments_format_ck CHECK (format IN ('PLAIN', 'MARKDOWN', 'HTML')),
    CONSTRAINT ${prefix}comments_root_ck CHECK (parent_id IS NOT NULL OR root_id = id),
    CONSTRAINT ${prefix}comments_counters_ck CHECK (likes >= 0 AND version >= 0)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- Who liked what: one row per (comment, client), so a client's second like changes nothing.
-- The comment's likes column holds the count.
CREATE TABLE ${prefix}comment_likes (
    site        VARCHAR(64)  CHARACTER SET ascii   COLLATE ascii_bin         NOT NULL,
    comment_id  CHAR(36)     CHARACTER SET ascii   COLLATE ascii_bin         NOT NULL,
    client_key  VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    PRIMARY KEY (site, comment_id, client_key)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;
