package dev.talkback.comments.io;

import java.util.Locale;

/** A file format {@link Importer} reads. */
public enum ImportFormat {
  /** Talkback's own JSON-lines export, as {@link Exporter} writes it with {@link ExportFormat#TALKBACK}. */
  TALKBACK,
  /** A Disqus XML export ({@code <disqus>} with {@code <thread>} and {@code <post>} elements). */
  DISQUS,
  /** A WordPress eXtended RSS file, WXR 1.0, 1.1 or 1.2, with either namespace spelling (http or https). */
  WXR;

  /**
   * The lower-case name used on the command line and in derived ids: {@code "talkback"}, ...
   *
   * @return the lower-case name
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
