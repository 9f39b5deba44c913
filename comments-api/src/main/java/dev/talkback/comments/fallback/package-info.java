/**
 * The read-only fallback: what keeps comments readable, and new comments safe, while the primary database
 * is down.
 *
 * <p>{@link dev.talkback.comments.fallback.FallbackCommentStore} wraps a primary
 * {@link dev.talkback.comments.spi.CommentStore}, any number of replica
 * {@link dev.talkback.comments.spi.CommentReader}s and a {@link dev.talkback.comments.fallback.WriteSpool}.
 * When the primary fails or stops answering within its deadline it switches to
 * {@link dev.talkback.comments.StoreMode#READ_ONLY}: reads go to a replica, new comments are queued in the
 * spool ({@link dev.talkback.comments.fallback.WritePolicy#SPOOL}) or refused
 * ({@link dev.talkback.comments.fallback.WritePolicy#REJECT}). A background probe finds a writable primary
 * again (the old one, or a promoted replica, never a stale one), replays the spool, and switches back.
 *
 * <p>{@link dev.talkback.comments.fallback.FallbackCommentStoreBuilder} configures it (immutable once built;
 * the call executor and the probe scheduler may be injected, so tests run probe rounds one by one), and a
 * {@link dev.talkback.comments.fallback.FallbackListener} hears mode changes, queued and replayed comments and
 * probe results for metrics. Its health is a typed {@link dev.talkback.comments.spi.StoreHealth}.
 *
 * <p>{@link dev.talkback.comments.fallback.FileWriteSpool} is the durable local journal behind the spool.
 * Probes for real databases are in {@code comments-jdbi} ({@code dev.talkback.comments.jdbi.failover}).
 */
@NullMarked
package dev.talkback.comments.fallback;

import org.jspecify.annotations.NullMarked;
