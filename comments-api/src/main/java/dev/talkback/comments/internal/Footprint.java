package dev.talkback.comments.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNode;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPage;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The heap a cached value holds, in bytes, counted object by object as HotSpot lays them out (64-bit, 8-byte
 * alignment, 12-byte headers with compressed class pointers; 4-byte references below a 32 GiB heap, where
 * compressed oops are on by default, 8 above), strings by their coder (one byte a char when every char is
 * Latin-1, else two).
 *
 * <p>An object reached twice from the same value (an id shared by a comment and its replies, one site for
 * every comment) is counted once. Everything the value reaches is counted as its own: exact for a store
 * that makes new objects on every read (every database store), an overestimate where a value shares the
 * store's objects (the in-memory store). Enums and the shared empty list are not counted. {@code
 * ReadCacheMemoryTest} and the benchmark {@code CacheHeap} check the figures against measured heap.
 */
public final class Footprint {
  /** The size of a reference: 4 with compressed oops (heaps below 32 GiB), else 8. */
  static final int REF = Runtime.getRuntime().maxMemory() < (32L << 30) ? 4 : 8;

  private static final int HEADER = 12;
  private static final int ARRAY_HEADER = 16;
  private static final long STRING = object(refs(1) + 4 + 1 + 1);
  private static final long UUID_SIZE = object(16);
  private static final long COMMENT_ID = object(refs(1));
  private static final long SITE_ID = object(refs(1));
  private static final long THREAD_KEY = object(refs(1));
  private static final long INSTANT = object(8 + 4);
  private static final long AUTHOR = object(refs(4));
  private static final long COMMENT = object(refs(14) + 8 + 4);
  private static final long NODE = object(refs(2) + 4 + 1);
  private static final long PAGE = object(refs(5) + 4 + 1);
  private static final long OPTIONAL = object(refs(1));
  private static final long THREAD_INFO = object(refs(4) + 1);
  private static final long LIST12 = object(refs(2));
  private static final long LIST_N = object(refs(1) + 1);

  /**
   * What one cache entry costs besides its value: Caffeine's node and hash-table slot, the entry record, its
   * key records and the thread's version (a holder mapped weakly: Caffeine's node, its weak reference, the
   * map's node and slot, the holder; shared by a thread's entries, counted with each); the key's strings are
   * counted apart.
   */
  public static final long ENTRY = 40 + 32 + object(refs(3) + 8 + 8 + 8) + 3 * object(refs(2))
      + object(refs(2) + 4) + 120;

  private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
  private long bytes;

  private Footprint() {}

  /**
   * The bytes of a thread page: the page, its info, every node and comment, and all they reference.
   *
   * @param page the page
   * @return its size in bytes
   */
  public static long of(ThreadPage page) {
    Footprint f = new Footprint();
    f.bytes += PAGE;
    f.site(page.site());
    f.key(page.key());
    f.optional(page.info());
    page.info().ifPresent(f::info);
    f.optional(page.nextCursor());
    page.nextCursor().ifPresent(f::text);
    f.nodes(page.comments());
    return f.bytes;
  }

  /**
   * The bytes of a list of comments and all they reference.
   *
   * @param comments the comments
   * @return their size in bytes
   */
  public static long of(List<Comment> comments) {
    Footprint f = new Footprint();
    f.bytes += list(comments.size());
    for (Comment c : comments) {
      f.comment(c);
    }
    return f.bytes;
  }

  /**
   * The bytes of a string, its array included.
   *
   * @param s a string, or null (0 bytes)
   * @return its size in bytes
   */
  public static long string(@Nullable String s) {
    if (s == null) {
      return 0;
    }
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) > 0xFF) {
        return STRING + array(2L * n);
      }
    }
    return STRING + array(n);
  }

  /**
   * The bytes of a byte array.
   *
   * @param b an array, or null (0 bytes)
   * @return its size in bytes
   */
  public static long bytes(byte @Nullable [] b) {
    return b == null ? 0 : array(b.length);
  }

  /**
   * The bytes of an object with some reference fields and some bytes of primitive fields.
   *
   * @param references how many reference fields it has
   * @param primitives the bytes of its primitive fields
   * @return its size in bytes
   */
  public static long object(int references, int primitives) {
    return object(refs(references) + primitives);
  }

  private void nodes(List<CommentNode> nodes) {
    bytes += list(nodes.size());
    for (CommentNode n : nodes) {
      bytes += NODE;
      comment(n.comment());
      nodes(n.replies());
    }
  }

  private void comment(Comment c) {
    if (!first(c)) {
      return;
    }
    bytes += COMMENT;
    id(c.id());
    site(c.site());
    key(c.thread());
    c.parentId().ifPresent(this::id);
    id(c.rootId());
    Author a = c.author();
    if (first(a)) {
      bytes += AUTHOR;
      text(a.name());
      text(a.email());
      text(a.website());
      text(a.userId());
    }
    text(c.source());
    text(c.html());
    instant(c.created());
    c.edited().ifPresent(this::instant);
    c.editTokenHash().ifPresent(this::text);
    c.ipHash().ifPresent(this::text);
  }

  private void info(ThreadInfo info) {
    if (first(info)) {
      bytes += THREAD_INFO;
      site(info.site());
      key(info.key());
      text(info.title());
      text(info.url());
    }
  }

  private void id(CommentId id) {
    if (first(id)) {
      bytes += COMMENT_ID;
      if (first(id.value())) {
        bytes += UUID_SIZE;
      }
    }
  }

  private void site(SiteId site) {
    if (first(site)) {
      bytes += SITE_ID;
      text(site.value());
    }
  }

  private void key(ThreadKey key) {
    if (first(key)) {
      bytes += THREAD_KEY;
      text(key.value());
    }
  }

  private void instant(Instant i) {
    if (first(i)) {
      bytes += INSTANT;
    }
  }

  private void optional(Optional<?> o) {
    if (o.isPresent() && first(o)) {
      bytes += OPTIONAL;
    }
  }

  private void text(@Nullable String s) {
    if (s != null && first(s)) {
      bytes += string(s);
    }
  }

  private boolean first(Object o) {
    return seen.put(o, Boolean.TRUE) == null;
  }

  /** An immutable list of n elements ({@code List.copyOf}); the empty one is shared. */
  private static long list(int n) {
    if (n == 0) {
      return 0;
    }
    return n <= 2 ? LIST12 : LIST_N + array((long) REF * n);
  }

  private static long array(long payload) {
    return align(ARRAY_HEADER + payload);
  }

  private static int refs(int n) {
    return n * REF;
  }

  private static long object(int fields) {
    return align(HEADER + fields);
  }

  private static long align(long n) {
    return (n + 7) & ~7L;
  }
}
