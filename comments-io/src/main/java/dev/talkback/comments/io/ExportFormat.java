package dev.talkback.comments.io;

import java.util.Locale;

/** A file format {@link Exporter} writes. */
public enum ExportFormat {
  /** Talkback's JSON lines: lossless, the format to move between Talkback stores and to keep as a backup. */
  TALKBACK,
  /** WordPress eXtended RSS 1.2: for WordPress, or Disqus, which imports WXR. */
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
