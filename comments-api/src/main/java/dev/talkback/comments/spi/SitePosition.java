package dev.talkback.comments.spi;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.ThreadKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A place in a site's comments walked in site order: thread key, then created, then id (see
 * {@link CommentReader#siteComments}). A walk continues after the last comment it read.
 *
 * @param thread the thread key
 * @param created the comment's created instant
 * @param id the comment's id
 */
public record SitePosition(ThreadKey thread, Instant created, CommentId id) {
  /** Site order: thread key ({@link #compareKeys}), then created, then id. */
  public static final Comparator<Comment> SITE_ORDER = (x, y) -> {
    int k = compareKeys(x.thread().value(), y.thread().value());
    if (k != 0) {
      return k;
    }
    int t = x.created().compareTo(y.created());
    return t != 0 ? t : x.id().compareTo(y.id());
  };

  /**
   * Checks the components.
   *
   * @param thread the thread key
   * @param created the comment's created instant
   * @param id the comment's id
   */
  public SitePosition {
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(id, "id");
  }

  /**
   * The position of a comment, to continue after it.
   *
   * @param c the last comment read
   * @return its position
   */
  public static SitePosition of(Comment c) {
    return new SitePosition(c.thread(), c.created(), c.id());
  }

  /**
   * Compares thread keys the way every store orders them: by Unicode code point, which is the byte order
   * of their UTF-8 (PostgreSQL's {@code COLLATE "C"}, MariaDB's {@code utf8mb4_nopad_bin}).
   *
   * @param a a key
   * @param b another key
   * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
   */
  public static int compareKeys(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /**
   * Whether a comment comes after this position in site order.
   *
   * @param c a comment of the same site
   * @return whether {@code c} sorts after this position
   */
  public boolean isBefore(Comment c) {
    int k = compareKeys(thread.value(), c.thread().value());
    if (k != 0) {
      return k < 0;
    }
    int t = created.compareTo(c.created());
    return t != 0 ? t < 0 : id.compareTo(c.id()) < 0;
  }
}
