-- Talkback JDBI comment store, schema version 1, H2 2.x (the embedded default).
--
-- JdbiCommentStore applies this file with Flyway and records it in a history table of its own
-- (${prefix}schema_history). Every table and index name starts with the table prefix, ${prefix} here; to
-- apply the file by hand (migrate(false)), replace the prefix placeholder with your prefix first.
--
-- Conventions (the same as on PostgreSQL and MariaDB, so a blog can move between them):
--   * Timestamps are BIGINT microseconds since 1970-01-01T00:00:00Z (columns ending in _us).
--   * Comment ids are native UUID: H2 compares them as unsigned numbers, the order of their canonical
--     lower-case strings and of CommentId.compareTo.
--   * VARCHAR without a length holds up to 10^9 characters; H2 compares strings exactly (no padding).

-- What the store knows of a commented page: created by the first comment, or by saveThread.
CREATE TABLE ${prefix}threads (
    site        VARCHAR(64)  NOT NULL,
    thread_key  VARCHAR(255) NOT NULL,
    title       VARCHAR      NOT NULL,
    url         VARCHAR,
    closed      BOOLEAN      NOT NULL,
    CONSTRAINT ${prefix}threads_pk PRIMARY KEY (site, thread_key)
);

-- The number of APPROVED comments per thread, changed in the same transaction as the comment that
-- changes it. A thread without a row has no approved comment.
CREATE TABLE ${prefix}thread_counts (
    site        VARCHAR(64)  NOT NULL,
    thread_key  VARCHAR(255) NOT NULL,
    approved    INTEGER      NOT NULL,
    CONSTRAINT ${prefix}thread_counts_pk PRIMARY KEY (site, thread_key)
);

-- One row per comment, top-level or reply. root_id is the top-level ancestor (its own id for a top-level
-- comment). author_key is "user:<id>" or "email:<lower-case email>", or NULL.
CREATE TABLE ${prefix}comments (
    site            VARCHAR(64)  NOT NULL,
    id              UUID         NOT NULL,
    thread_key      VARCHAR(255) NOT NULL,
    parent_id       UUID,
    root_id         UUID         NOT NULL,
    author_name     VARCHAR      NOT NULL,
    author_email    VARCHAR,
    author_website  VARCHAR,
    author_user_id  VARCHAR,
    author_key      VARCHAR(512),
    source          VARCHAR      NOT NULL,
    format          VARCHAR(16)  NOT NULL,
    html            VARCHAR      NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    created_us      BIGINT       NOT NULL,
    edited_us       BIGINT,
    version         BIGINT       NOT NULL,
    likes           INTEGER      NOT NULL,
    edit_token_hash VARCHAR,
    ip_hash         VARCHAR,
    CONSTRAINT ${prefix}comments_pk PRIMARY KEY (site, id),
    CONSTRAINT ${prefix}comments_status_ck CHECK (status IN ('PENDING', 'APPROVED', 'SPAM', 'DELETED')),
    CONSTRAINT ${prefix}comments_format_ck CHECK (format IN ('PLAIN', 'MARKDOWN', 'HTML')),
    CONSTRAINT ${prefix}comments_root_ck CHECK (parent_id IS NOT NULL OR root_id = id),
    CONSTRAINT ${prefix}comments_counters_ck CHECK (likes >= 0 AND version >= 0)
);

-- A page of a thread, oldest or newest first: top-level comments (parent_id IS NULL) by (created, id).
CREATE INDEX ${prefix}comments_roots_time_ix ON ${prefix}comments (site, thread_key, parent_id, created_us, id);

-- A page of a thread, most liked first: likes descending, then (created, id) ascending.
CREATE INDEX ${prefix}comments_roots_top_ix
    ON ${prefix}comments (site, thread_key, parent_id, likes DESC, created_us, id);

-- Every reply below a page's top-level comments, in one query (root_id IN (...)).
CREATE INDEX ${prefix}comments_replies_ix ON ${prefix}comments (site, root_id);

-- The moderation queue and "recent comments": one status of a site, newest first.
CREATE INDEX ${prefix}comments_status_ix ON ${prefix}comments (site, status, created_us, id);

-- One author's comments, newest first, and whether the author has an approved comment.
CREATE INDEX ${prefix}comments_author_ix ON ${prefix}comments (site, author_key, created_us, id);

-- Who liked what: one row per (comment, client). The comment's likes column holds the count.
CREATE TABLE ${prefix}comment_likes (
    site        VARCHAR(64)  NOT NULL,
    comment_id  UUID         NOT NULL,
    client_key  VARCHAR(255) NOT NULL,
    CONSTRAINT ${prefix}comment_likes_pk PRIMARY KEY (site, comment_id, client_key)
);
