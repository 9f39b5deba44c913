package dev.talkback.comments.io;

import dev.talkback.comments.io.internal.Gzip;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

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
   * Guesses a file's format from its first bytes: the root element of an XML file ({@code <disqus>}, or an
   * {@code <rss>} with WordPress's export namespace), the first JSON value of a JSON file (a Talkback
   * header line, a Commento object, a Remark42 header line, an Isso array). A gzip-compressed file is
   * guessed by what its head decompresses to.
   *
   * @param head the file's first bytes (64 KiB are plenty)
   * @return the format, or empty when the bytes fit none
   */
  public static Optional<ImportFormat> detect(byte[] head) {
    return Gzip.isGzip(head) ? detectPlain(Gzip.decompressedHead(head, 1 << 16)) : detectPlain(head);
  }

  private static Optional<ImportFormat> detectPlain(byte[] head) {
    String s = new String(head, StandardCharsets.UTF_8);
    int i = s.startsWith("\uFEFF") ? 1 : 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i >= s.length()) {
      return Optional.empty();
    }
    char first = s.charAt(i);
    if (first == '<') {
      String root = rootElement(s, i);
      if (root.equals("disqus")) {
        return Optional.of(DISQUS);
      }
      if (root.equals("rss") && s.contains("wordpress.org/export/")) {
        return Optional.of(WXR);
      }
      return Optional.empty();
    }
    if (first == '[') {
      return Optional.of(ISSO);
    }
    if (first != '{') {
      return Optional.empty();
    }
    int nl = s.indexOf('\n', i);
    String line = nl < 0 ? s.substring(i) : s.substring(i, nl);
    if (line.matches("\\{\\s*\"talkback\"\\s*:\\s*\"comments\"[\\s\\S]*")) {
      return Optional.of(TALKBACK);
    }
    if (s.contains("\"commentHex\"") || s.contains("\"commenters\"")) {
      return Optional.of(COMMENTO);
    }
    if (line.contains("\"version\"") && (line.contains("\"users\"") || line.contains("\"posts\""))) {
      return Optional.of(REMARK42);
    }
    return Optional.empty();
  }

  /** The local name of the first element after {@code from}, past the XML declaration and comments. */
  private static String rootElement(String s, int from) {
    int i = from;
    while (true) {
      int lt = s.indexOf('<', i);
      if (lt < 0 || lt + 1 >= s.length()) {
        return "";
      }
      char c = s.charAt(lt + 1);
      if (c == '?' || c == '!') {
        int gt = s.indexOf('>', lt);
        if (gt < 0) {
          return "";
        }
        i = gt + 1;
        continue;
      }
      int end = lt + 1;
      while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '>'
          && s.charAt(end) != '/') {
        end++;
      }
      String name = s.substring(lt + 1, end);
      int colon = name.indexOf(':');
      return colon < 0 ? name : name.substring(colon + 1);
    }
  }

  /**
   * The lower-case name used on the command line and in derived ids: {@code "talkback"}, ...
   *
   * @return the lower-case name
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
