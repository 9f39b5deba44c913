package dev.talkback.comments.spi;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import java.util.Optional;

/**
 * The host's word on a thread: its title, URL and closed flag, for its key. The host is authoritative for
 * thread metadata; readers never are. {@code Comments} asks the resolver when a thread is posted to (a
 * closed answer refuses the post; the answer is stored with the thread, replacing what was stored) and when
 * a thread's info or page is read (the answer is shown instead of what is stored).
 *
 * <p>Answer from memory or the host's own data: the resolver is called on every post and on reads that the
 * cache does not serve. An exception it throws fails the call it was asked for. Answer empty for a key the
 * host does not know; what the store holds (from earlier answers or {@code Comments.saveThread}) is then
 * used, and a thread nobody described has an empty title and no URL.
 *
 * <pre>{@code
 * Comments.builder()
 *     .store(store)
 *     .threadResolver((site, key) -> blog.post(key.value())
 *         .map(p -> new ThreadInfo(site, key, p.title(), p.url(), p.commentsClosed())))
 *     .build();
 * }</pre>
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
@FunctionalInterface
public interface ThreadResolver {

  /**
   * The thread's title, URL and closed flag as the host knows them.
   *
   * @param site the thread's site
   * @param thread the thread's key
   * @return the info, with this site and key; or empty if the host does not know the key
   */
  Optional<ThreadInfo> resolve(SiteId site, ThreadKey thread);

  /**
   * A resolver that knows nothing: threads are described by the host through {@code Comments.saveThread} or
   * {@code NewComment}'s thread title and URL only.
   *
   * @return the resolver that always answers empty
   */
  static ThreadResolver none() {
    return (site, thread) -> Optional.empty();
  }
}
