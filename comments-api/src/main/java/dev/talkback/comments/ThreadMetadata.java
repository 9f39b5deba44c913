package dev.talkback.comments;

import dev.talkback.comments.spi.ThreadResolver;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks the host's {@link ThreadResolver} and checks its answer: the host is authoritative for a thread's
 * title, URL and closed flag. Thread-safe.
 */
final class ThreadMetadata {
  private final ThreadResolver resolver;

  ThreadMetadata(ThreadResolver resolver) {
    this.resolver = resolver;
  }

  /** The host's info on the thread, or empty if it does not know the key. */
  Optional<ThreadInfo> resolve(SiteId site, ThreadKey key) {
    Optional<ThreadInfo> info = Objects.requireNonNull(resolver.resolve(site, key), "a thread resolver returned null");
    if (info.isPresent()) { // not ifPresent with a lambda: that would capture site and key on every read
      ThreadInfo i = info.get();
      if (!i.site().equals(site) || !i.key().equals(key)) {
        throw new IllegalStateException("the thread resolver answered for " + i.site() + "/" + i.key()
            + " when asked for " + site + "/" + key);
      }
    }
    return info;
  }

  /** The page with the host's info on its thread, if the host knows it. */
  ThreadPage overlay(ThreadPage page) {
    Optional<ThreadInfo> info = resolve(page.site(), page.key());
    return info.isEmpty() || info.equals(page.info()) ? page
        : new ThreadPage(page.site(), page.key(), info, page.comments(), page.nextCursor(), page.totalCount(),
            page.stale());
  }
}
