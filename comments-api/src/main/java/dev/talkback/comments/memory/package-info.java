/**
 * An in-memory {@link dev.talkback.comments.spi.CommentStore}, for a host's unit tests, demos and
 * benchmarks: {@link dev.talkback.comments.memory.InMemoryCommentStore}. It behaves like the database
 * stores (it passes the same contract suite) and can be told to fail or hang, so a host can test how its
 * pages behave when the database is down.
 */
@NullMarked
package dev.talkback.comments.memory;

import org.jspecify.annotations.NullMarked;
