-- Talkback JDBI store, schema version 6, MySQL 8.0.16 or newer: the rate limits several app nodes on one
-- database share. (Cache invalidation between nodes needs PostgreSQL's LISTEN/NOTIFY; see docs/operations.md.)
--
-- Applied by Flyway after the earlier versions (history in ${prefix}schema_history); to apply it by hand,
-- replace the prefix placeholder with your prefix first (docs/jdbi.md).
--
-- Token buckets of rate limits shared by every node (JdbiCommentStore.rateLimits()). bucket is the SHA-256
-- (hex) of the bucket's name (what is limited and for whom), so no client key is stored as given; tokens is
-- what was left at updated_ms (milliseconds since the epoch, the node's clock); full_ms is when the bucket
-- will be full again: after that the row may be deleted (a missing bucket is a full one).
CREATE TABLE ${prefix}rate_buckets (
    bucket      CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    tokens      DOUBLE   NOT NULL,
    updated_ms  BIGINT   NOT NULL,
    full_ms     BIGINT   NOT NULL,
    PRIMARY KEY (bucket),
    INDEX ${prefix}rate_buckets_full_ix (full_ms)
) ENGINE = InnoDB DEFAULT CHARACTER SET = ascii COLLATE = ascii_bin;
