package dev.talkback.comments;

/**
 * Something a caller derives from a cached {@link ThreadPage} (its JSON bytes, its compressed variants, an
 * HTML fragment) and keeps with it through {@link Comments#rendering}: made once per page, counted in the
 * read cache's weight bound, and dropped with the page.
 *
 * <p>Implementations must be immutable once made, and thread-safe: every reader of the page gets the same
 * instance.
 */
public interface PageRendering {
  /**
   * The heap this rendering holds beyond the page itself, in bytes: its own objects, byte arrays and
   * strings, with their headers (see {@code Footprint} in the internal package for the layout Talkback
   * counts with). An underestimate lets the cache outgrow its bound; count every field.
   *
   * @return bytes of heap, not negative
   */
  long heapBytes();
}
