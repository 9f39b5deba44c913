package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPageRequest;
import org.jspecify.annotations.Nullable;

/**
 * The thread reads' query strings ({@code thread=posts/hello&sort=newest}), parsed once: what a raw query
 * string names (site, thread key, page request) is a function of that string alone, so a read whose query was
 * seen before skips decoding and validating it again and allocates nothing for it. Only queries that parsed
 * without a violation are kept, and only short ones; a slot keeps the latest query that hashes to it, so the
 * memo holds at most {@link #SLOTS} queries however many readers send different ones. Nothing here depends on
 * the comments, so nothing needs invalidating. Threadsafe: slots hold immutable records, and a racing write
 * only replaces one parse with another that is as right.
 */
final class ThreadQueries {
  /** How many queries are kept: a blog's busy threads in their usual orders. */
  static final int SLOTS = 256;
  /** The longest query kept; longer ones (a cursor deep into a thread, say) are parsed each time. */
  static final int MAX_KEPT_CHARS = 256;

  /** A query string and what it names. */
  record Parsed(String raw, SiteId site, ThreadKey key, ThreadPageRequest request) {}

  private final @Nullable Parsed[] slots = new Parsed[SLOTS];

  /** What {@code raw} was parsed to before, or {@code null}. */
  @Nullable Parsed get(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    Parsed p = slots[slot(raw)];
    return p != null && p.raw().equals(raw) ? p : null;
  }

  /** Keeps a parse that had no violation, replacing what its slot held. */
  void put(Parsed parsed) {
    if (parsed.raw().length() <= MAX_KEPT_CHARS) {
      slots[slot(parsed.raw())] = parsed;
    }
  }

  private static int slot(String raw) {
    int h = raw.hashCode();
    return (h ^ (h >>> 16)) & (SLOTS - 1);
  }
}
