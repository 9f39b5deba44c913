package dev.talkback.comments.spi;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import java.util.function.BiConsumer;

/**
 * Carries cache invalidations between the nodes that serve one blog, so a comment posted on one node shows
 * on the others at once. {@code Comments} invalidates its own cache, then {@link #publish}es; it
 * {@link #subscribe}s once, when it is built, and invalidates whatever arrives. Delivering a node's own
 * message back to it is harmless.
 *
 * <p>The default, {@link #local()}, carries nothing: right for a single node. Between nodes on PostgreSQL,
 * {@code comments-jdbi} has one over LISTEN/NOTIFY ({@code PostgresInvalidationBus}); otherwise implement it
 * over the messaging you already run (Redis pub/sub, ...).
 *
 * <p>A bus that can lose messages (a lost connection) must say so through {@link #subscribeToFlushes}: the
 * node then outdates its whole cache, since it cannot know which threads it missed.
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
public interface InvalidationBus {

  /**
   * Tells the other nodes that a thread changed. Must not block for long, and must not throw.
   *
   * @param site the site
   * @param thread the thread
   */
  void publish(SiteId site, ThreadKey thread);

  /**
   * Registers the one receiver of other nodes' invalidations.
   *
   * @param receiver called with the site and thread another node changed; must be thread-safe
   */
  void subscribe(BiConsumer<SiteId, ThreadKey> receiver);

  /**
   * Registers the one receiver of "anything may have changed": a bus that may have missed invalidations
   * (its connection was lost and is back) calls it, and the node outdates every cached page, count and
   * recent list. Outdated entries are reloaded on their next read; while the store cannot be read they are
   * still served, marked stale, so a flush never costs a reader a page. {@code Comments} calls this once,
   * when it is built, right after {@link #subscribe}. The default ignores the receiver: right for a bus that
   * never loses a message.
   *
   * @param flushAll outdates the node's whole cache; thread-safe, cheap (no store call)
   */
  default void subscribeToFlushes(Runnable flushAll) {}

  /** {@return a bus for a single node: publishes nowhere} */
  static InvalidationBus local() {
    return LocalInvalidationBus.INSTANCE;
  }
}
