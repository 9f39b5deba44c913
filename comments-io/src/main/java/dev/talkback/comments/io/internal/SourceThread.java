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
 */
public record SourceThread(String ref, @Nullable ThreadKey key, String title, @Nullable String url,
    boolean closed, boolean deleted, long line) {}
