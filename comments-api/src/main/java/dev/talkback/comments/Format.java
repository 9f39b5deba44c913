package dev.talkback.comments;

/** The markup a comment's source text is written in. Whatever the format, the stored HTML is sanitized. */
public enum Format {
  /** Plain text: HTML is escaped, URLs become links, blank lines separate paragraphs. */
  PLAIN,
  /** CommonMark Markdown. Raw HTML inside it is sanitized like {@link #HTML}. */
  MARKDOWN,
  /** A small subset of HTML: paragraphs, emphasis, links, lists, quotes and code. */
  HTML
}
