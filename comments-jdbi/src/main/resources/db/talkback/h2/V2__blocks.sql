-- Talkback JDBI store, schema version 2, H2 2.x: the sites' blocklists.
--
-- Applied by Flyway after V1 (history in ${prefix}schema_history); to apply it by hand, replace the prefix
-- placeholder with your prefix first.
--
-- One row per block: what a moderator blocked on one site. A post or an edit on that site by an author
-- whose email, author key or IP hash has a row here is refused. Rows of one site never match on another:
-- the site leads the key.
--   * kind is the Java enum Block.Kind: EMAIL (stored lower-cased, so emails compare case-insensitively),
--     AUTHOR_KEY ("user:<id>" or "email:<lower-case email>", see Author.key()) or IP_HASH.
--   * block_value compares exactly, as every H2 string does.
--   * created_us is when the block was added, in microseconds since 1970-01-01T00:00:00Z.
CREATE TABLE ${prefix}blocks (
    site        VARCHAR(64)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    block_value VARCHAR(320) NOT NULL,
    created_us  BIGINT       NOT NULL,
    CONSTRAINT ${prefix}blocks_pk PRIMARY KEY (site, kind, block_value),
    CONSTRAINT ${prefix}blocks_kind_ck CHECK (kind IN ('EMAIL', 'AUTHOR_KEY', 'IP_HASH'))
);
