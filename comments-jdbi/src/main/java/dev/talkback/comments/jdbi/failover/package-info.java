/**
 * What a {@link dev.talkback.comments.fallback.FallbackCommentStore} needs from a real database: a
 * {@link dev.talkback.comments.fallback.PrimaryProbe} per dialect that tells a writable primary from a
 * replica and, for PostgreSQL, a stale old primary from a promoted replica (by timeline), and reports WAL
 * positions for {@code retainUntilReplicated}.
 *
 * <p>A replica reader needs nothing here: a {@code JdbiCommentStore} built on the replica's
 * {@code DataSource} with {@code migrate(false)}, used as a {@code CommentReader}. See
 * {@code docs/fallback.md} for the driver settings that make failures fast.
 */
@NullMarked
package dev.talkback.comments.jdbi.failover;

import org.jspecify.annotations.NullMarked;
