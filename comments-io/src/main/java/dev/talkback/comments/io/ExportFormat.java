package dev.talkback.comments.io;

import java.util.Locale;

/** A file format {@link Exporter} writes. */
public enum ExportFormat {
  /** Talkback's JSON lines: lossless, the format to move between Talkback stores and to keep as a backup. */
  TALKBACK,
  /**
   * WordPress eXtended RSS 1.2, as WordPress's importer and Disqus's custom XML import format read it: an
   * {@code <item>} per thread with every element Disqus requires ({@code dsq:thread_identifier} is the thread
   * key, {@code wp:post_date_gmt} the time of its earliest comment), texts in CDATA as WordPress writes them.
   * WordPress adds the comments to an existing post whose title is the thread's, else creates a post. See
   * docs/import-export.md, "WXR export", for what each consumer needs.
   */
  WXR;

  /**
   * The lower-case name used on the command line.
   *
   * @return the lower-case name
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
