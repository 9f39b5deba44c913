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
 * <p>The default, {@link #local()}, carries nothing: right for a single node. Between nodes, implement it
 * over the messaging you already run (PostgreSQL LISTEN/NOTIFY, Redis pub/sub, ...).
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

  /** {@return a bus for a single node: publishes nowhere} */
  static InvalidationBus local() {
    return LocalInvalidationBus.INSTANCE;
  }
}
