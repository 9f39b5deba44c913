-- Talkback JDBI store, schema version 6, PostgreSQL 12 or newer: what several app nodes on one database
-- share besides the comments: cache invalidations (NOTIFY on every change of a thread) and rate limits.
--
-- Applied by Flyway after the earlier versions (history in ${prefix}schema_history); to apply it by hand,
-- replace the prefix placeholder with your prefix first (docs/jdbi.md).

-- Every statement that inserts, changes or deletes comments or threads tells the nodes listening on channel
-- ${prefix}changes which threads it touched (PostgresInvalidationBus in comments-jdbi listens). The
-- notification is part of the transaction: sent when it commits, never when it rolls back, and the same
-- whoever wrote (a node, a spool replay, an import, the CLI, an erasure, a manual UPDATE). PostgreSQL sends
-- one notification per distinct payload per transaction. Payload: the table's schema, a line feed, the site,
-- a line feed, the thread key (keys hold no control characters); a statement that touches more than 1,000
-- threads sends the schema alone, which means "everything in this schema may have changed". A listener
-- ignores other schemas' notifications, so two Talkback schemas with one prefix in one database do not mix.
-- With nobody listening a notification costs a queue entry that is dropped at once.
CREATE FUNCTION ${prefix}notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched integer;
BEGIN
    SELECT count(*) INTO touched FROM (SELECT DISTINCT site, thread_key FROM changed) t;
    IF touched > 1000 THEN
        PERFORM pg_notify('${prefix}changes', TG_TABLE_SCHEMA);
    ELSIF touched > 0 THEN
        PERFORM pg_notify('${prefix}changes', TG_TABLE_SCHEMA || chr(10) || t.site || chr(10) || t.thread_key)
            FROM (SELECT DISTINCT site, thread_key FROM changed) t;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ${prefix}comments_inserted AFTER INSERT ON ${prefix}comments
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}notify_changes();
CREATE TRIGGER ${prefix}comments_updated AFTER UPDATE ON ${prefix}comments
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}notify_changes();
CREATE TRIGGER ${prefix}comments_deleted AFTER DELETE ON ${prefix}comments
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}notify_changes();
CREATE TRIGGER ${prefix}threads_inserted AFTER INSERT ON ${prefix}threads
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}notify_changes();
CREATE TRIGGER ${prefix}threads_updated AFTER UPDATE ON ${prefix}threads
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}notify_changes();
CREATE TRIGGER ${prefix}threads_deleted AFTER DELETE ON ${prefix}threads
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}notify_changes();

-- Token buckets of rate limits shared by every node (JdbiCommentStore.rateLimits()). bucket is the SHA-256
-- (hex) of the bucket's name (what is limited and for whom: a client's hashed address, a thread), so no
-- client key is stored as given; tokens is what was left at updated_ms (milliseconds since the epoch, the
-- node's clock); full_ms is when the bucket will be full again: after that the row may be deleted (a
-- missing bucket is a full one), which the store does now and then.
CREATE TABLE ${prefix}rate_buckets (
    bucket      char(64)         COLLATE "C" NOT NULL,
    tokens      double precision NOT NULL,
    updated_ms  bigint           NOT NULL,
    full_ms     bigint           NOT NULL,
    CONSTRAINT ${prefix}rate_buckets_pk PRIMARY KEY (bucket)
);

CREATE INDEX ${prefix}rate_buckets_full_ix ON ${prefix}rate_buckets (full_ms);
