-- Talkback JDBI comment store, schema version 1, PostgreSQL 12 or newer.
--
-- JdbiCommentStore applies this file with Flyway and records it in a history table of its own
-- (${prefix}schema_history), so it lives beside a host's own Flyway history without touching it.
-- Every table and constraint name starts with the table prefix, ${prefix} here. To apply the file by hand
-- (JdbiCommentStore.builder(...).migrate(false)), replace the prefix placeholder with your prefix and run the
-- file in one transaction; docs/jdbi.md shows the command.
--
-- Conventions:
--   * Timestamps are BIGINT microseconds since 1970-01-01T00:00:00Z (columns ending in _us): exact, free of
--     session time zones, and the same on every database Talkback supports.
--     Read them as timestamps with to_timestamp(created_us / 1000000.0).
--   * Comment ids are native uuid: PostgreSQL compares them byte by byte, which is the order of their
--     canonical lower-case strings and of CommentId.compareTo, so keyset pages agree with the Java model.
--   * Keys (site, thread key, author key, client key) use COLLATE "C": compared byte by byte, exactly.
--   * Statuses and formats are the Java enum names, readable in a SQL console.
--   * No foreign keys: imports insert replies in batches, and a comment's thread row is created in the same
--     transaction anyway. The store keeps the rows consistent.

-- What the store knows of a commented page: created by the first comment, or by saveThread.
CREATE TABLE ${prefix}threads (
    site        varchar(64)  COLLATE "C" NOT NULL,
    thread_key  varchar(255) COLLATE "C" NOT NULL,
    title       text         NOT NULL,
    url         text,
    closed      boolean      NOT NULL,
    CONSTRAINT ${prefix}threads_pk PRIMARY KEY (site, thread_key)
);

-- The number of APPROVED comments per thread, changed in the same transaction as the comment that
-- changes it (an insert, or an update that moves a comment into or out of APPROVED). A thread without a
-- row has no approved comment. See docs/jdbi.md for the query that recomputes it after manual edits.
CREATE TABLE ${prefix}thread_counts (
    site        varchar(64)  COLLATE "C" NOT NULL,
    thread_key  varchar(255) COLLATE "C" NOT NULL,
    approved    integer      NOT NULL,
    CONSTRAINT ${prefix}thread_counts_pk PRIMARY KEY (site, thread_key)
);

-- One row per comment, top-level or reply. root_id is the top-level ancestor (its own id for a top-level
-- comment), so a page's replies are read in one query. author_key is "user:<id>" or "email:<lower-case
-- email>" (see Author.key()), or NULL for an anonymous author without email.
CREATE TABLE ${prefix}comments (
    site            varchar(64)  COLLATE "C" NOT NULL,
    id              uuid         NOT NULL,
    thread_key      varchar(255) COLLATE "C" NOT NULL,
    parent_id       uuid,
    root_id         uuid         NOT NULL,
    author_name     text         NOT NULL,
    author_email    text,
    author_website  text,
    author_user_id  text,
    author_key      varchar(512) COLLATE "C",
    source          text         NOT NULL,
    format          varchar(16)  NOT NULL,
    html            text         NOT NULL,
    status          varchar(16)  NOT NULL,
    created_us      bigint       NOT NULL,
    edited_us       bigint,
    version         bigint       NOT NULL,
    likes           integer      NOT NULL,
    edit_token_hash text,
    ip_hash         text,
    CONSTRAINT ${prefix}comments_pk PRIMARY KEY (site, id),
    CONSTRAINT ${prefix}comments_status_ck CHECK (status IN ('PENDING', 'APPROVED', 'SPAM', 'DELETED')),
    CONSTRAINT ${prefix}comments_format_ck CHECK (format IN ('PLAIN', 'MARKDOWN', 'HTML')),
    CONSTRAINT ${prefix}comments_root_ck CHECK (parent_id IS NOT NULL OR root_id = id),
    CONSTRAINT ${prefix}comments_counters_ck CHECK (likes >= 0 AND version >= 0)
);

-- A page of a thread, oldest or newest first: its top-level comments in (created, id) order.
CREATE INDEX ${prefix}comments_roots_time_ix
    ON ${prefix}comments (site, thread_key, created_us, id) WHERE parent_id IS NULL;

-- A page of a thread, most liked first: likes descending, then (created, id) ascending. The negated
-- likes let one ascending row comparison continue after a keyset.
CREATE INDEX ${prefix}comments_roots_top_ix
    ON ${prefix}comments (site, thread_key, (-likes), created_us, id) WHERE parent_id IS NULL;

-- Every reply below a page's top-level comments, in one query (root_id IN (...)).
CREATE INDEX ${prefix}comments_replies_ix
    ON ${prefix}comments (site, root_id) WHERE parent_id IS NOT NULL;

-- The moderation queue and "recent comments": one status of a site, newest first.
CREATE INDEX ${prefix}comments_status_ix
    ON ${prefix}comments (site, status, created_us, id);

-- One author's comments, newest first, and whether the author has an approved comment.
CREATE INDEX ${prefix}comments_author_ix
    ON ${prefix}comments (site, author_key, created_us, id) WHERE author_key IS NOT NULL;

-- Who liked what: one row per (comment, client), so a client's second like changes nothing.
-- The comment's likes column holds the count.
CREATE TABLE ${prefix}comment_likes (
    site        varchar(64)  COLLATE "C" NOT NULL,
    comment_id  uuid         NOT NULL,
    client_key  varchar(255) COLLATE "C" NOT NULL,
    CONSTRAINT ${prefix}comment_likes_pk PRIMARY KEY (site, comment_id, client_key)
);
