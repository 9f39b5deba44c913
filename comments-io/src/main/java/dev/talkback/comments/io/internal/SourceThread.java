package dev.talkback.comments.io.internal;

import dev.talkback.comments.ThreadKey;
import org.jspecify.annotations.Nullable;

/**
 * A thread as a source describes it.
 *
 * @param ref the source's reference comments use for it (a Disqus {@code dsq:id}, a WXR item's ordinal,
 *     a Talkback key)
 * @param key the key it maps to, or null if none could be made (its comments are skipped)
 * @param title the title, possibly empty
 * @param url the page's URL, or null
 * @param closed whether the source closed it to new comments
 * @param deleted whether the source deleted it (its comments are imported as deleted)
 * @param line where it starts in the file
 * @param identity the thread's stable identity in its source, the same in every export of it (a WXR item's
 *     {@code post_id}, else its link); scopes a comment id that the file repeats in another thread
 */
public record SourceThread(String ref, @Nullable ThreadKey key, String title, @Nullable String url,
    boolean closed, boolean deleted, long line, String identity) {

  /**
   * A thread whose ref is stable, and so its identity.
   *
   * @param ref the source's reference comments use for it
   * @param key the key it maps to, or null
   * @param title the title
   * @param url the page's URL, or null
   * @param closed whether the source closed it
   * @param deleted whether the source deleted it
   * @param line where it starts in the file
   */
  public SourceThread(String ref, @Nullable ThreadKey key, String title, @Nullable String url, boolean closed,
      boolean deleted, long line) {
    this(ref, key, title, url, closed, deleted, line, ref);
  }
}
