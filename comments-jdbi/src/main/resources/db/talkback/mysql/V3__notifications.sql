-- Talkback JDBI store, schema version 3, MySQL 8.0.16 or newer: the notification outbox, subscriptions and single-use link
-- nonces (docs/notifications.md).
--
-- Applied by Flyway after V2 (history in ${prefix}schema_history); to apply it by hand, replace the prefix
-- placeholder with your prefix first (docs/jdbi.md).
--
-- ${prefix}outbox: one row per message: an event (a comment posted, approved, edited, deleted, marked spam),
-- written in the same transaction as the comment change, or a delivery a sender made of one (a mail, a
-- webhook call). Java: dev.talkback.comments.notification.OutboxMessage.
--   * state: P (to send), D (delivered), F (failed for good). Senders claim P rows that are due and not
--     leased: lease_owner/lease_until_us say who holds one until when, so two nodes never send one message
--     at once, and a dead node's messages are claimed again once its lease ends.
--   * dedupe_key is unique: a second message with the same key is never enqueued (one mail per reply and
--     address, one event per comment version).
--   * every *_us column is microseconds since 1970-01-01T00:00:00Z.
-- ${prefix}subscriptions: double opt-in subscriptions; confirmed_us is null until the address is confirmed.
--   comment_id is '' for a thread subscription, so the unique key covers both scopes.
-- ${prefix}link_nonces: the nonces of used single-use links (the moderator's), kept until they expire.
CREATE TABLE ${prefix}outbox (
    id              VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    site            VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    kind            VARCHAR(24) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    comment_id      VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin,
    target          VARCHAR(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin,
    cause           VARCHAR(24) CHARACTER SET ascii COLLATE ascii_bin,
    dedupe_key      VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
    created_us      BIGINT NOT NULL,
    due_us          BIGINT NOT NULL,
    attempts        INT DEFAULT 0 NOT NULL,
    last_error      VARCHAR(1000) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin,
    state           VARCHAR(1) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    lease_owner     VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin,
    lease_until_us  BIGINT,
    done_us         BIGINT,
    PRIMARY KEY (id),
    CONSTRAINT ${prefix}outbox_dedupe_uq UNIQUE (dedupe_key),
    CONSTRAINT ${prefix}outbox_state_ck CHECK (state IN ('P', 'D', 'F'))
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ${prefix}outbox_due_ix ON ${prefix}outbox (state, due_us);

CREATE TABLE ${prefix}subscriptions (
    id              VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    site            VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    email           VARCHAR(254) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
    scope           VARCHAR(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    comment_id      VARCHAR(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    thread_key      VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_bin NOT NULL,
    created_us      BIGINT NOT NULL,
    confirmed_us    BIGINT,
    PRIMARY KEY (id),
    CONSTRAINT ${prefix}subscriptions_uq UNIQUE (site, email, scope, comment_id, thread_key),
    CONSTRAINT ${prefix}subscriptions_scope_ck CHECK (scope IN ('REPLIES', 'THREAD'))
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;
CREATE INDEX ${prefix}subscriptions_thread_ix ON ${prefix}subscriptions (site, thread_key);
CREATE INDEX ${prefix}subscriptions_comment_ix ON ${prefix}subscriptions (site, comment_id);

CREATE TABLE ${prefix}link_nonces (
    nonce           VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    expires_us      BIGINT NOT NULL,
    PRIMARY KEY (nonce)
) ENGINE = InnoDB DEFAULT CHARACTER SET = utf8mb4 COLLATE = utf8mb4_bin;
