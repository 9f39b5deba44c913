-- Talkback JDBI store, schema version 6, H2 2.x: the rate limits several app nodes on one database share
-- (an H2 server shared by nodes; the embedded default has one node). Cache invalidation between nodes needs
-- PostgreSQL's LISTEN/NOTIFY; see docs/operations.md.
--
-- Applied by Flyway after the earlier versions (history in ${prefix}schema_history); to apply it by hand,
-- replace the prefix placeholder with your prefix first.
--
-- Token buckets of rate limits shared by every node (JdbiCommentStore.rateLimits()). bucket is the SHA-256
-- (hex) of the bucket's name; tokens is what was left at updated_ms (milliseconds since the epoch, the
-- node's clock); full_ms is when the bucket will be full again: after that the row may be deleted.
CREATE TABLE ${prefix}rate_buckets (
    bucket      CHAR(64)         NOT NULL,
    tokens      DOUBLE PRECISION NOT NULL,
    updated_ms  BIGINT           NOT NULL,
    full_ms     BIGINT           NOT NULL,
    CONSTRAINT ${prefix}rate_buckets_pk PRIMARY KEY (bucket)
);

CREATE INDEX ${prefix}rate_buckets_full_ix ON ${prefix}rate_buckets (full_ms);
