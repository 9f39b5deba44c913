-- Talkback JDBI store, schema version 7, MariaDB 10.6 or newer: the outbox's staging table, where a comment change writes its
-- events (docs/notifications.md, "The outbox").
--
-- Applied by Flyway after the earlier versions (history in ${prefix}schema_history); to apply it by hand,
-- replace the prefix placeholder with your prefix first (docs/jdbi.md).
--
-- ${prefix}outbox_new: the events of comment changes (Java: dev.talkback.comments.notification.ChangeEvents),
-- written in the change's own transaction, as ${prefix}outbox's rows were before. The table has only its
-- sequence as key and no other index, so the post pays for one short index (H2's commit copies every B-tree
-- page a transaction touched; the outbox's four B-trees cost a post about 20 % of its CPU on H2). A sender's
-- claim first moves staged rows into ${prefix}outbox in a transaction of its own (FOR UPDATE SKIP LOCKED,
-- so two nodes move each row once; a row whose dedupe key or id the outbox already holds is dropped, as an
-- enqueue of it would be), then claims there. The same columns as ${prefix}outbox, without the delivery
-- state: a staged event is pending, not leased, with no attempts made.
CREATE TABLE ${prefix}outbox_new (
    seq             BIGINT NOT NULL AUTO_INCREMENT,
    id              VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    site            VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kind            VARCHAR(24) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    comment_id      VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    target          VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    cause           VARCHAR(24) CHARACTER SET ascii COLLATE ascii_bin,
    dedupe_key      VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    created_us      BIGINT NOT NULL,
    due_us          BIGINT NOT NULL,
    attempts        INT DEFAULT 0 NOT NULL,
    last_error      VARCHAR(1000) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,
    PRIMARY KEY (seq)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;
