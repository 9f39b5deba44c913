-- Talkback JDBI store, schema version 3, PostgreSQL 12 or newer: the notification outbox, subscriptions and single-use link
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
    id              varchar(36) COLLATE "C" NOT NULL,
    site            varchar(64) COLLATE "C" NOT NULL,
    kind            varchar(24) COLLATE "C" NOT NULL,
    comment_id      varchar(36) COLLATE "C",
    target          varchar(500) COLLATE "C",
    cause           varchar(24) COLLATE "C",
    dedupe_key      varchar(200) COLLATE "C" NOT NULL,
    created_us      bigint NOT NULL,
    due_us          bigint NOT NULL,
    attempts        integer DEFAULT 0 NOT NULL,
    last_error      varchar(1000) COLLATE "C",
    state           varchar(1) COLLATE "C" NOT NULL,
    lease_owner     varchar(100) COLLATE "C",
    lease_until_us  bigint,
    done_us         bigint,
    CONSTRAINT ${prefix}outbox_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}outbox_dedupe_uq UNIQUE (dedupe_key),
    CONSTRAINT ${prefix}outbox_state_ck CHECK (state IN ('P', 'D', 'F'))
);
CREATE INDEX ${prefix}outbox_due_ix ON ${prefix}outbox (state, due_us);

CREATE TABLE ${prefix}subscriptions (
    id              varchar(36) COLLATE "C" NOT NULL,
    site            varchar(64) COLLATE "C" NOT NULL,
    email           varchar(254) COLLATE "C" NOT NULL,
    scope           varchar(8) COLLATE "C" NOT NULL,
    comment_id      varchar(36) COLLATE "C" NOT NULL,
    thread_key      varchar(255) COLLATE "C" NOT NULL,
    created_us      bigint NOT NULL,
    confirmed_us    bigint,
    CONSTRAINT ${prefix}subscriptions_pk PRIMARY KEY (id),
    CONSTRAINT ${prefix}subscriptions_uq UNIQUE (site, email, scope, comment_id, thread_key),
    CONSTRAINT ${prefix}subscriptions_scope_ck CHECK (scope IN ('REPLIES', 'THREAD'))
);
CREATE INDEX ${prefix}subscriptions_thread_ix ON ${prefix}subscriptions (site, thread_key);
CREATE INDEX ${prefix}subscriptions_comment_ix ON ${prefix}subscriptions (site, comment_id);

CREATE TABLE ${prefix}link_nonces (
    nonce           varchar(64) COLLATE "C" NOT NULL,
    expires_us      bigint NOT NULL,
    CONSTRAINT ${prefix}link_nonces_pk PRIMARY KEY (nonce)
);
