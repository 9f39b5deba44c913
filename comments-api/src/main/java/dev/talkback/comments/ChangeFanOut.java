package dev.talkback.comments;

import dev.talkback.comments.spi.CommentListener;
import dev.talkback.comments.spi.InvalidationBus;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells everyone who cares that a thread changed: this node's cache, the other nodes (through the
 * {@link InvalidationBus}) and the host's {@link CommentListener}s. A failure of the bus or of a listener is
 * logged and never fails the write that caused it. Thread-safe.
 */
final class ChangeFanOut {
  private static final Logger log = LoggerFactory.getLogger(ChangeFanOut.class);

  private final ThreadReads reads;
  private final InvalidationBus bus;
  private final List<CommentListener> listeners;

  ChangeFanOut(ThreadReads reads, InvalidationBus bus, List<CommentListener> listeners) {
    this.reads = reads;
    this.bus = bus;
    this.listeners = List.copyOf(listeners);
    bus.subscribe(reads::invalidate);
    bus.subscribeToFlushes(reads::invalidateAll);
  }

  /** Outdates the thread of {@code c} here and on the other nodes. */
  void changed(Comment c) {
    changed(c.site(), c.thread());
  }

  /** Outdates a thread here and on the other nodes. */
  void changed(SiteId site, ThreadKey thread) {
    reads.invalidate(site, thread);
    try {
      bus.publish(site, thread);
    } catch (RuntimeException e) {
      log.warn("the invalidation bus failed to publish a change of {}/{}; other nodes may serve it late", site,
          thread, e);
    }
  }

  /** Outdates the thread of {@code c}, then tells every listener. */
  void changed(Comment c, Consumer<CommentListener> event) {
    changed(c);
    for (CommentListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        log.warn("comment listener {} failed; the write it was told about stands", l, e);
      }
    }
  }
}
