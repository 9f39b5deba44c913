/**
 * The test kit for storage implementations: {@link dev.talkback.comments.testkit.CommentStoreContract},
 * the JUnit 5 suite every {@link dev.talkback.comments.spi.CommentStore} must pass, and
 * {@link dev.talkback.comments.testkit.TickingClock}, a clock for tests.
 *
 * <p>Add {@code dev.talkback:comments-testkit} in test scope, extend the contract and return your store
 * from {@code createStore()}; see {@code docs/testkit.md}. The in-memory store and the JDBI store prove
 * themselves the same way.
 */
@NullMarked
package dev.talkback.comments.testkit;

import org.jspecify.annotations.NullMarked;
