-- Talkback JDBI store, schema version 2, PostgreSQL 12 or newer: the sites' blocklists.
--
-- Applied by Flyway after V1 (history in ${prefix}schema_history); to apply it by hand, replace the prefix
-- placeholder with your prefix, as for V1 (docs/jdbi.md).
--
-- One row per block: what a moderator blocked on one site. A post or an edit on that site by an author
-- whose email, author key or IP hash has a row here is refused. Rows of one site never match on another:
-- the site leads the key.
--   * kind is the Java enum Block.Kind: EMAIL (stored lower-cased, so emails compare case-insensitively),
--     AUTHOR_KEY ("user:<id>" or "email:<lower-case email>", see Author.key()) or IP_HASH.
--   * block_value compares exactly (COLLATE "C"): 'user:Ada' and 'user:ada' are two authors.
--   * created_us is when the block was added, in microseconds since 1970-01-01T00:00:00Z; read it with
--     to_timestamp(created_us / 1000000.0).
CREATE TABLE ${prefix}blocks (
    site        varchar(64)  COLLATE "C" NOT NULL,
    kind        varchar(16)  COLLATE "C" NOT NULL,
    block_value varchar(320) COLLATE "C" NOT NULL,
    created_us  bigint       NOT NULL,
    CONSTRAINT ${prefix}blocks_pk PRIMARY KEY (site, kind, block_value),
    CONSTRAINT ${prefix}blocks_kind_ck CHECK (kind IN ('EMAIL', 'AUTHOR_KEY', 'IP_HASH'))
);
