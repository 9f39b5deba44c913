/**
 * The service provider interfaces: where a host plugs storage, spam checks, notifications, shared rate
 * limits ({@link dev.talkback.comments.spi.RateLimitStore}) and cache
 * invalidation into Talkback.
 *
 * <p>Storage is {@link dev.talkback.comments.spi.CommentReader} (reads; a replica) and
 * {@link dev.talkback.comments.spi.CommentStore} (reads and writes; a primary). An implementation proves
 * itself by extending {@code dev.talkback.comments.testkit.CommentStoreContract} from the
 * {@code comments-testkit} artifact, the suite the in-memory and JDBI stores pass.
 *
 * <p>Interfaces here grow only by {@code default} methods. Every implementation must be threadsafe.
 */
@NullMarked
package dev.talkback.comments.spi;

import org.jspecify.annotations.NullMarked;
