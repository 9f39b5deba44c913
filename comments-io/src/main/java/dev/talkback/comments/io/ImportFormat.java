package dev.talkback.comments.io;

import java.util.Locale;

/** A file format {@link Importer} reads. */
public enum ImportFormat {
  /** Talkback's own JSON-lines export, as {@link Exporter} writes it with {@link ExportFormat#TALKBACK}. */
  TALKBACK,
  /** A Disqus XML export ({@code <disqus>} with {@code <thread>} and {@code <post>} elements). */
  DISQUS,
  /** A WordPress eXtended RSS file, WXR 1.0, 1.1 or 1.2, with either namespace spelling (http or https). */
  WXR,
  /** A Commento JSON export ({@code {"version":1,"comments":[...],"commenters":[...]}}). */
  COMMENTO,
  /** Isso's generic JSON import format: an array of threads, each with its comments. */
  ISSO,
  /** A Remark42 backup: JSON lines, a header line and then one comment per line. */
  REMARK42;

  /**
   * The lower-case name used on the command line and in derived ids: {@code "talkback"}, ...
   *
   * @return the lower-case name
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
