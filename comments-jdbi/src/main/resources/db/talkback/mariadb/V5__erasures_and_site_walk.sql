-- Talkback JDBI store, schema version 5, MariaDB 10.6 or newer: the log of erasures of authors' data, and the index a walk
-- of a whole site in key order uses (exports, an author's own data).
--
-- Applied by Flyway after the earlier versions (history in ${prefix}schema_history); to apply it by hand,
-- replace the prefix placeholder with your prefix first (docs/jdbi.md).
--
-- One row per erasure (CommentStore.eraseAuthor, GDPR article 17): when, by whom, how, and how many
-- comments it removed, blanked or anonymized. It never holds the erased person's email or user id, only
-- whether each was given. Rows are never updated or deleted by the store.
--   * erased_us is microseconds since 1970-01-01T00:00:00Z; mode is the Java enum ErasureMode.
CREATE TABLE ${prefix}erasures (
    site        VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    id          CHAR(36)     CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    erased_us   BIGINT       NOT NULL,
    actor       VARCHAR(255) NOT NULL,
    mode        VARCHAR(16)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    by_email    BOOLEAN      NOT NULL,
    by_user_id  BOOLEAN      NOT NULL,
    deleted     INT          NOT NULL,
    tombstoned  INT          NOT NULL,
    anonymized  INT          NOT NULL,
    PRIMARY KEY (site, id),
    KEY ${prefix}erasures_time_ix (site, erased_us, id),
    CONSTRAINT ${prefix}erasures_mode_ck CHECK (mode IN ('DELETE', 'ANONYMIZE'))
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;

-- A site's comments in (thread key, created, id) order, any status: CommentReader.siteComments.
CREATE INDEX ${prefix}comments_site_walk_ix ON ${prefix}comments (site, thread_key, created_us, id);
