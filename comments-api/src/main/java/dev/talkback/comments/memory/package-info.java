/**
 * In-memory stores, for a host's unit tests, demos and benchmarks:
 * {@link dev.talkback.comments.memory.InMemoryCommentStore} and
 * {@link dev.talkback.comments.memory.InMemoryBlockStore}. The comment store behaves like the database
 * stores (it passes the same contract suite) and has no test hooks: to rehearse a database outage, put
 * {@code comments-testkit}'s {@code FaultInjectingStore} in front of it.
 */
@NullMarked
package dev.talkback.comments.memory;

import org.jspecify.annotations.NullMarked;
