-- Talkback JDBI store, schema version 2, MariaDB 10.6 or newer: the sites' blocklists.
--
-- Applied by Flyway after V1 (history in ${prefix}schema_history); to apply it by hand, replace the prefix
-- placeholder with your prefix, as for V1 (docs/jdbi.md).
--
-- One row per block: what a moderator blocked on one site. A post or an edit on that site by an author
-- whose email, author key or IP hash has a row here is refused. Rows of one site never match on another:
-- the site leads the key.
--   * kind is the Java enum Block.Kind: EMAIL (stored lower-cased, so emails compare case-insensitively),
--     AUTHOR_KEY ("user:<id>" or "email:<lower-case email>", see Author.key()) or IP_HASH.
--   * block_value is utf8mb4 with utf8mb4_nopad_bin: compared exactly, byte by byte, whatever the database's
--     default collation ('user:Ada', 'user:ada' and 'user:adá' are three authors).
--   * created_us is when the block was added, in microseconds since 1970-01-01T00:00:00Z; read it with
--     FROM_UNIXTIME(created_us / 1000000).
CREATE TABLE ${prefix}blocks (
    site        VARCHAR(64)  CHARACTER SET ascii   COLLATE ascii_bin         NOT NULL,
    kind        VARCHAR(16)  CHARACTER SET ascii   COLLATE ascii_bin         NOT NULL,
    block_value VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    created_us  BIGINT       NOT NULL,
    PRIMARY KEY (site, kind, block_value),
    CONSTRAINT ${prefix}blocks_kind_ck CHECK (kind IN ('EMAIL', 'AUTHOR_KEY', 'IP_HASH'))
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;
