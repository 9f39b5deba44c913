package dev.talkback.comments;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the store knows of a commented page. A thread is created the first time somebody comments on it,
 * with the title and URL the host gives; its key never changes, its title, URL and closed flag may.
 *
 * @param site the site it belongs to
 * @param key the host's stable key of the page
 * @param title the page's title, for feeds and the moderation page; may be empty
 * @param url the page's current URL, or {@code null}
 * @param closed whether new comments are refused
 */
public record ThreadInfo(SiteId site, ThreadKey key, String title, @Nullable String url, boolean closed) {
  /**
   * Checks the components; see the record's description.
   *
   * @param site the site it belongs to
   * @param key the host's stable key of the page
   * @param title the page's title, for feeds and the moderation page; may be empty
   * @param url the page's current URL, or {@code null}
   * @param closed whether new comments are refused
   */
  public ThreadInfo {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(title, "title");
  }

  /**
   * An open thread with a title and no URL.
   *
   * @param site the site
   * @param key the thread
   * @param title the title shown in feeds and the admin pages
   * @return an open thread with a title and no URL
   */
  public static ThreadInfo of(SiteId site, ThreadKey key, String title) {
    return new ThreadInfo(site, key, title, null, false);
  }

  /**
   * Returns this thread closed or reopened.
   *
   * @param closed whether the thread refuses new comments
   * @return a copy with this flag
   */
  public ThreadInfo withClosed(boolean closed) {
    return new ThreadInfo(site, key, title, url, closed);
  }

  /**
   * Returns this thread with another title and URL.
   *
   * @param title the new title
   * @param url the page's address, or null for none
   * @return a copy with these
   */
  public ThreadInfo withTitleAndUrl(String title, @Nullable String url) {
    return new ThreadInfo(site, key, title, url, closed);
  }
}
