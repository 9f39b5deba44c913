/**
 * The test kit: {@link dev.talkback.comments.testkit.CommentStoreContract}, the JUnit 5 suite every
 * {@link dev.talkback.comments.spi.CommentStore} must pass, and the tools a host's tests and Talkback's own
 * modules share.
 *
 * <ul>
 *   <li>The contract: one interface per feature group ({@link dev.talkback.comments.testkit.PaginationContract},
 *       ...), composed by {@code CommentStoreContract}; a test class supplies the store as a
 *       {@link dev.talkback.comments.testkit.StoreFixture} and each test receives a
 *       {@link dev.talkback.comments.testkit.ContractContext}.
 *   <li>Stores for tests: {@link dev.talkback.comments.testkit.ForwardingCommentStore}, the base of a
 *       decorator, and {@link dev.talkback.comments.testkit.FaultInjectingStore}, which fails or hangs on
 *       command to rehearse a database outage.
 *   <li>Time: {@link dev.talkback.comments.testkit.MutableClock}, moved by hand, and
 *       {@link dev.talkback.comments.testkit.TickingClock}, which moves on every read;
 *       {@link dev.talkback.comments.testkit.Await}, which waits for a condition with a deadline.
 * </ul>
 *
 * <p>Add {@code dev.talkback:comments-testkit} in test scope; see {@code docs/testkit.md}. It depends on
 * {@code junit-jupiter-api} and {@code junit-jupiter-params} (not on an engine) and on AssertJ.
 */
@NullMarked
package dev.talkback.comments.testkit;

import org.jspecify.annotations.NullMarked;
