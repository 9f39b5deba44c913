package dev.talkback.comments.io.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.io.CommentKind;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Writes WXR 1.2: one {@code <item>} per thread, its comments as {@code <wp:comment>}s numbered from 1 in
 * export order, parents by those numbers. The content is the comment's sanitized HTML.
 *
 * <p>Texts are CDATA sections where WordPress's export writes them so (its {@code wxr_cdata}): the importer's
 * fallback parser reads the file line by line with regular expressions and takes a text that is not CDATA as
 * it stands, entities and all. A {@code ]]>} in a text is split between two sections as WordPress splits it,
 * which that parser joins back. Numbers, the link and {@code wp:wxr_version} (which that parser wants as
 * digits) are escaped text. Every element is on a line of its own.
 *
 * <p>An item has every element of Disqus's custom XML import format (help.disqus.com, "Custom XML Import
 * Format", whose fields are all required): {@code title}, {@code link}, {@code content:encoded} (empty: there
 * is no post body), {@code dsq:thread_identifier} (the thread key), {@code wp:post_date_gmt} and
 * {@code wp:comment_status}. It has no {@code wp:post_date}: WordPress's importer matches an existing post by
 * title and, when given one, that date, which is never the first comment's.
 */
public final class WxrWriter implements AutoCloseable {
  static final String WP = "http://wordpress.org/export/1.2/";
  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  private static final String DSQ = "http://www.disqus.com/";
  /** What a URL path holds as it is (RFC 3986: unreserved, sub-delims, ":", "@" and "/"). */
  private static final String PATH_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/";
  private static final String HEX = "0123456789ABCDEF";
  private static final DateTimeFormatter WP_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final XMLStreamWriter w;
  private long nextCommentId = 1;
  private long nextPostId = 1;
  private final Map<CommentId, Long> numbers = new HashMap<>();
  private final boolean parentsMayBeMissing;
  private final @Nullable String linkBase;
  /** The link base's scheme, host and port, before a key that starts with a slash; null without a base. */
  private final @Nullable String linkOrigin;

  /**
   * A writer on {@code out} (UTF-8), which {@link #close()} finishes and flushes but does not close.
   *
   * @param out where to write
   * @param site the site
   * @param exportedAt when the export was made
   * @param parentsMayBeMissing whether a comment's parent may be left out of the file (an author's export):
   *     then a comment's {@code comment_parent} is its parent's number only when the parent was written before
   *     it, else 0. WordPress's importer keeps a parent number it did not import as it stands, which would
   *     attach the reply to whatever comment has that id on the blog. Otherwise a reply met before its parent
   *     gives the parent its number at once.
   * @param linkBase the site's address without a trailing slash, from which the link of a thread without a
   *     saved URL is made from the key percent-encoded as a path: under the base ({@code linkBase + "/" + key}),
   *     or from the base's scheme, host and port when the key starts with a slash; or null: such a link is
   *     then the key
   */
  public WxrWriter(OutputStream out, SiteId site, Instant exportedAt, boolean parentsMayBeMissing,
      @Nullable String linkBase) {
    this.parentsMayBeMissing = parentsMayBeMissing;
    this.linkBase = linkBase;
    URI base = linkBase == null ? null : URI.create(linkBase);
    this.linkOrigin = base == null ? null : base.getScheme() + "://" + base.getRawAuthority();
    try {
      // the JDK's writer, whatever StAX implementation the class path offers (Woodstox is on it for reading):
      // the export's bytes do not depend on the host's libraries
      this.w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("rss");
      w.writeAttribute("version", "2.0");
      w.writeNamespace("excerpt", "http://wordpress.org/export/1.2/excerpt/");
      w.writeNamespace("content", CONTENT);
      w.writeNamespace("dc", DC);
      w.writeNamespace("dsq", DSQ);
      w.writeNamespace("wp", WP);
      w.writeCharacters("\n");
      w.writeStartElement("channel");
      w.writeCharacters("\n");
      leaf("title", "Talkback export of site " + site.value());
      leaf("pubDate", DateTimeFormatter.RFC_1123_DATE_TIME.format(exportedAt.atOffset(ZoneOffset.UTC)));
      wp("wxr_version", "1.2");
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write WXR", e);
    }
  }

  /**
   * Opens a thread's {@code <item>}; its comments follow ({@link #comment}), then {@link #endThread()}.
   *
   * @param info the thread
   * @param earliest when the thread's earliest comment in the export was made: the item's
   *     {@code wp:post_date_gmt}, which Disqus requires as the thread's creation date
   */
  public void startThread(ThreadInfo info, Instant earliest) {
    numbers.clear();
    try {
      w.writeStartElement("item");
      w.writeCharacters("\n");
      // the title as it is, as WordPress 5.7 and later export it (the_title_export): its importer matches an
      // existing post by the exact title, and Disqus takes the text as it stands
      cdata("", "title", "", info.title().isEmpty() ? info.key().value() : info.title());
      leaf("link", link(info));
      cdata(CONTENT, "encoded", "content", "");
      cdata(DSQ, "thread_identifier", "dsq", info.key().value());
      wp("post_id", Long.toString(nextPostId++));
      wpCdata("post_date_gmt", WP_DATE.format(earliest));
      wpCdata("post_name", info.key().value());
      wpCdata("comment_status", info.closed() ? "closed" : "open");
      wpCdata("status", "publish");
      wpCdata("post_type", "post");
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write WXR", e);
    }
  }

  /**
   * A comment of the open thread. Numbers are given in the order comments (or, for a reply written before
   * its parent, parents) are met; only the open thread's numbers are kept.
   *
   * @param c the comment
   */
  public void comment(Comment c) {
    try {
      writeComment(c);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write WXR", e);
    }
  }

  /** Closes the open thread's {@code <item>}. */
  public void endThread() {
    try {
      w.writeEndElement();
      w.writeCharacters("\n");
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write WXR", e);
    }
  }

  private String link(ThreadInfo info) {
    String url = info.url();
    if (url != null) {
      return url;
    }
    String key = info.key().value();
    if (linkBase == null || linkOrigin == null) {
      return key;
    }
    String path = asPath(key);
    // a key that starts with a slash is a path from the site's root; any other is put under the base
    return path.startsWith("/") ? linkOrigin + path : linkBase + "/" + path;
  }

  /**
   * The key as a URL path: what a path cannot hold (a space, a non-ASCII letter, a {@code ?} or {@code #}) is
   * percent-encoded as UTF-8, and an escape already there ({@code %20}: keys made from URLs are encoded as a
   * browser encodes them) is kept, not encoded twice; a {@code %} that starts none is encoded.
   */
  static String asPath(String key) {
    StringBuilder b = new StringBuilder(key.length() + 16);
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xFF;
      boolean escape = c == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2]);
      if (escape || (c < 0x80 && PATH_CHARS.indexOf(c) >= 0)) {
        b.append((char) c);
      } else {
        b.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
      }
    }
    return b.toString();
  }

  private static boolean hex(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
  }

  private long number(CommentId id) {
    return numbers.computeIfAbsent(id, k -> nextCommentId++);
  }

  private void writeComment(Comment c) throws XMLStreamException {
    CommentKind kind = CommentKind.of(c);
    w.writeStartElement("wp", "comment", WP);
    w.writeCharacters("\n");
    // the parent's number first, so that a parent met after its reply still gets the lower number: WordPress's
    // importer inserts comments in number order and keeps a parent number it has not inserted yet as it stands,
    // which would attach the reply to whatever comment has that id on the blog. A parent that would still come
    // later (a chain of replies met before their parents) is left out: the reply becomes top-level.
    CommentId parentId = c.parentId().orElse(null);
    Long parent = parentId == null ? null : parentsMayBeMissing ? numbers.get(parentId) : Long.valueOf(number(parentId));
    long own = number(c.id());
    if (parent != null && parent > own) {
      parent = null;
    }
    wp("comment_id", String.valueOf(own));
    wpCdata("comment_author", HtmlText.escape(c.author().name())); // as WordPress stores names
    wpCdata("comment_author_email", c.author().email() == null ? "" : c.author().email());
    wpCdata("comment_author_url", c.author().website() == null ? "" : c.author().website());
    wpCdata("comment_author_IP", "");
    wpCdata("comment_date", WP_DATE.format(c.created()));
    wpCdata("comment_date_gmt", WP_DATE.format(c.created()));
    wpCdata("comment_content", c.html());
    wpCdata("comment_approved", approved(c, kind));
    wpCdata("comment_type", kind == CommentKind.COMMENT ? "comment" : kind.name().toLowerCase(Locale.ROOT));
    wp("comment_parent", parent == null ? "0" : parent.toString());
    wp("comment_user_id", "0");
    w.writeEndElement();
    w.writeCharacters("\n");
  }

  private static String approved(Comment c, CommentKind kind) {
    return switch (c.status()) {
      case APPROVED -> "1";
      case PENDING -> "0";
      case SPAM -> "spam";
      // a pingback or trackback is stored deleted only to keep it off the page: WordPress shows them apart
      case DELETED -> kind == CommentKind.COMMENT ? "trash" : "1";
    };
  }

  private void leaf(String name, String text) throws XMLStreamException {
    w.writeStartElement(name);
    w.writeCharacters(xml(text));
    w.writeEndElement();
    w.writeCharacters("\n");
  }

  private void wp(String name, String text) throws XMLStreamException {
    w.writeStartElement("wp", name, WP);
    w.writeCharacters(xml(text));
    w.writeEndElement();
    w.writeCharacters("\n");
  }

  private void wpCdata(String name, String text) throws XMLStreamException {
    cdata(WP, name, "wp", text);
  }

  /** An element whose text is CDATA: {@code ]]>} is split as {@code ]]} + {@code >}, one in each section. */
  private void cdata(String namespace, String name, String prefix, String text) throws XMLStreamException {
    if (namespace.isEmpty()) {
      w.writeStartElement(name);
    } else {
      w.writeStartElement(prefix, name, namespace);
    }
    text = xml(text);
    int from = 0;
    for (int end = text.indexOf("]]>"); end >= 0; end = text.indexOf("]]>", from)) {
      w.writeCData(text.substring(from, end + 2));
      from = end + 2;
    }
    w.writeCData(text.substring(from));
    w.writeEndElement();
    w.writeCharacters("\n");
  }

  /**
   * The text without the characters XML 1.0 cannot hold (U+FFFE, U+FFFF, a lone surrogate; control characters
   * other than tab and line breaks), which a thread key, a title or a name may contain: the JDK's writer writes
   * them as they are, and one of them would make the whole file unreadable.
   */
  static String xml(String text) {
    int i = 0;
    while (i < text.length() && allowed(text, i)) {
      i += Character.charCount(text.codePointAt(i));
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length()).append(text, 0, i);
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (allowed(text, i)) {
        b.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  private static boolean allowed(String text, int i) {
    int cp = text.codePointAt(i);
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
        || cp >= 0x10000;
  }

  @Override
  public void close() {
    try {
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndDocument();
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write WXR", e);
    }
  }
}
