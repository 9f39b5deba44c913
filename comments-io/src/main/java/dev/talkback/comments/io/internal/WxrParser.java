package dev.talkback.comments.io.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.CommentKind;
import dev.talkback.comments.io.ImportException;
import dev.talkback.comments.io.ImportProblem;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads a WordPress eXtended RSS file (WXR 1.0, 1.1, 1.2; the {@code wp} namespace spelled
 * {@code http://wordpress.org/export/1.x/} or with https): every {@code <item>} is a thread, its
 * {@code <wp:comment>}s its comments. {@code comment_approved} 1/0/spam/trash/post-trashed gives the status;
 * {@code comment_type} the kind (a WooCommerce order note or log entry is not imported); {@code
 * comment_date_gmt}, else {@code comment_date} (taken as UTC), else the post's date (reported) the time. The
 * content is WordPress text (HTML with paragraphs made from blank lines): blank lines become paragraphs and
 * line breaks {@code <br>} unless it already has {@code <p>}, then it is sanitized as HTML.
 */
public final class WxrParser implements SourceParser {
  private static final Pattern BLANK_LINE = Pattern.compile("\n\\s*\n");
  private static final Pattern WP_NS = Pattern.compile("https?://wordpress\\.org/export/1\\.[0-9]+/?");
  private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  /**
   * Comment types that are not comments on the page but private records WordPress and WooCommerce keep in the
   * comments table: WooCommerce order notes (which hold customers' addresses and payments), webhook delivery
   * logs and Action Scheduler logs, and WordPress's editorial notes on blocks. They are not imported.
   */
  private static final Set<String> PRIVATE_TYPES = Set.of("order_note", "webhook_delivery", "action_log", "note");

  /** What a {@code comment_type} makes of a record. */
  private enum Type {
    COMMENT, PINGBACK, TRACKBACK, PRIVATE, UNKNOWN
  }

  private final SourceContext ctx;

  /**
   * A parser for {@code ctx}.
   *
   * @param ctx the import context
   */
  public WxrParser(SourceContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void parse(InputStream in, RecordSink sink) {
    ControlCharFilter filtered = new ControlCharFilter(in);
    XMLStreamReader r = SafeXml.open(filtered);
    SafeXml.toRoot(r);
    if (!r.getLocalName().equals("rss") || !declaresWp(r)) {
      throw SafeXml.at(r, "not a WordPress export (WXR): the root element must be <rss> declaring the namespace"
          + " http(s)://wordpress.org/export/1.x/ ; it is <" + r.getLocalName() + ">", null);
    }
    int items = 0;
    int depth = 0;
    while (true) {
      int e = SafeXml.next(r);
      if (e == XMLStreamConstants.END_DOCUMENT) {
        if (depth >= 0) {
          throw SafeXml.at(r, "the file ends before </rss>: it is truncated", null);
        }
        SafeXml.reportControlChars(filtered, sink);
        return;
      }
      if (e == XMLStreamConstants.START_ELEMENT) {
        if (isItem(r)) {
          item(r, ++items, sink);
        } else {
          depth++;
        }
      } else if (e == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private static boolean isItem(XMLStreamReader r) {
    String ns = r.getNamespaceURI();
    return r.getLocalName().equals("item") && (ns == null || ns.isEmpty());
  }

  private static boolean declaresWp(XMLStreamReader r) {
    for (int i = 0; i < r.getNamespaceCount(); i++) {
      String uri = r.getNamespaceURI(i);
      if (uri != null && WP_NS.matcher(uri).matches()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWp(XMLStreamReader r) {
    String ns = r.getNamespaceURI();
    return ns != null && WP_NS.matcher(ns).matches();
  }

  private void item(XMLStreamReader r, int ordinal, RecordSink sink) {
    long itemLine = r.getLocation().getLineNumber();
    String ref = "item-" + ordinal;
    Map<String, String> fields = new HashMap<>();
    while (true) {
      int e = SafeXml.next(r);
      if (e == XMLStreamConstants.START_ELEMENT) {
        if (isWp(r) && r.getLocalName().equals("comment")) {
          Location l = r.getLocation();
          comment(SafeXml.flatten(r), fields, l.getLineNumber(), l.getColumnNumber(), ref, sink);
        } else if (isWp(r) && (r.getLocalName().equals("postmeta") || r.getLocalName().equals("commentmeta"))) {
          SafeXml.skip(r);
        } else {
          String name = (isWp(r) ? "wp:" : "") + r.getLocalName();
          String leaf = leafText(r);
          if (!fields.containsKey(name)) {
            fields.put(name, leaf);
          }
        }
      } else if (e == XMLStreamConstants.END_ELEMENT) {
        break; // </item>
      } else if (e == XMLStreamConstants.END_DOCUMENT) {
        throw SafeXml.at(r, "the file ends inside an <item>: it is truncated", null);
      }
    }
    String url = SourceContext.blankToNull(fields.get("link"));
    if (url == null) {
      // an item without a link (written by another tool than WordPress): its guid, when that is a URL, is the
      // post's address (WordPress's guid is http://site/?p=N)
      String guid = SourceContext.blankToNull(fields.get("guid"));
      url = guid != null && (guid.startsWith("http://") || guid.startsWith("https://")) ? guid : null;
    }
    ThreadKey key = url == null ? null : ctx.keys().keyFor(url).orElse(null);
    if (key == null) {
      String fallback = SourceContext.blankToNull(fields.get("wp:post_name"));
      if (fallback == null) {
        fallback = SourceContext.blankToNull(fields.get("wp:post_id"));
      }
      key = fallback == null ? null : ctx.keys().keyForIdentifier(fallback).orElse(null);
    }
    String title = ctx.renderer().normalize(HtmlText.unescape(fields.getOrDefault("title", ""))).strip();
    boolean closed = "closed".equals(SourceContext.blankToNull(fields.get("wp:comment_status")));
    String postId = SourceContext.blankToNull(fields.get("wp:post_id"));
    String identity = postId != null ? "post_id:" + postId : url != null ? "link:" + url : ref;
    sink.thread(new SourceThread(ref, key, title, url, closed, false, itemLine, identity));
  }

  /** The text of a leaf element (of any element: nested markup is flattened to its text). */
  private static String leafText(XMLStreamReader r) {
    Map<String, String> v = SafeXml.flatten(r);
    // flatten keeps child leaves under their paths; a leaf's own text is the one under ""
    String own = v.get("");
    return own == null ? "" : own;
  }

  private void comment(Map<String, String> v, Map<String, String> item, long line, long column, String threadRef,
      RecordSink sink) {
    String id = SourceContext.blankToNull(v.get("comment_id"));
    if (id == null) {
      throw new ImportException(line, column, "a <wp:comment> without <wp:comment_id>", null);
    }
    String typeName = v.getOrDefault("comment_type", "").strip().toLowerCase(Locale.ROOT);
    Type type = type(typeName);
    if (type == Type.PRIVATE) {
      sink.skipped(new ImportProblem(line, column, id, "comment_type '" + typeName + "' is a private record of"
          + " WordPress or WooCommerce (an order note, a log entry, an editorial note), not a comment on the page:"
          + " not imported"));
      return;
    }
    String parent = SourceContext.blankToNull(v.get("comment_parent"));
    if (parent != null && parent.equals("0")) {
      parent = null;
    }
    CommentKind kind = switch (type) {
      case PINGBACK -> CommentKind.PINGBACK;
      case TRACKBACK -> CommentKind.TRACKBACK;
      default -> CommentKind.COMMENT;
    };
    String approved = SourceContext.blankToNull(v.get("comment_approved"));
    CommentStatus status = status(approved == null ? "1" : approved, line, column, id, sink);
    if (kind != CommentKind.COMMENT && status != CommentStatus.SPAM) {
      status = CommentStatus.DELETED; // kept, never shown as a comment: see CommentKind
    }
    if (type == Type.UNKNOWN) {
      boolean held = status == CommentStatus.APPROVED;
      if (held) {
        status = CommentStatus.PENDING;
      }
      sink.problem(new ImportProblem(line, column, id, "unknown comment_type '" + typeName + "' (a plugin's): imported"
          + " as a comment, " + (held ? "pending, for a moderator to approve" : "with its status")));
    }
    String content = v.getOrDefault("comment_content", "").strip();
    String text = autop(content); // rendered and sanitized in the second pass
    String userId = SourceContext.blankToNull(v.get("comment_user_id"));
    if ("0".equals(userId)) {
      userId = null;
    }
    // WordPress stores names HTML-escaped (_wp_specialchars): read them as text
    Author author = ctx.author(HtmlText.unescape(v.getOrDefault("comment_author", "")),
        v.get("comment_author_email"), v.get("comment_author_url"), userId == null ? null : "wordpress:" + userId);
    author = kind.mark(author);
    sink.comment(new ImportRecord(line, column, id, threadRef, Ids.derive(ctx.site(), ctx.source(), id),
        parent == null ? null : Ids.derive(ctx.site(), ctx.source(), parent), author, text, Format.HTML,
        null, status, time(v, item, line, column, id, sink), null, 0, null, null));
  }

  /**
   * The kind of record a {@code comment_type} names. Comments: empty (WordPress before 5.5), {@code comment}
   * (5.5 on) and WooCommerce's {@code review} (a product review, shown like a comment). Pingbacks:
   * {@code pingback}, and {@code pings}, WordPress's name for pingbacks and trackbacks together, which a few
   * tools write. Trackbacks: {@code trackback}. Private records ({@link #PRIVATE_TYPES}) are not imported; any
   * other type is a plugin's and is imported as a comment held for moderation.
   */
  private static Type type(String t) {
    return switch (t) {
      case "", "comment", "review" -> Type.COMMENT;
      case "pingback", "pings" -> Type.PINGBACK;
      case "trackback" -> Type.TRACKBACK;
      default -> PRIVATE_TYPES.contains(t) ? Type.PRIVATE : Type.UNKNOWN;
    };
  }

  private static CommentStatus status(String approved, long line, long column, String id, RecordSink sink) {
    return switch (approved.toLowerCase(Locale.ROOT)) {
      case "1", "approve", "approved" -> CommentStatus.APPROVED;
      case "0", "hold" -> CommentStatus.PENDING;
      case "spam" -> CommentStatus.SPAM;
      case "trash", "post-trashed" -> CommentStatus.DELETED;
      default -> {
        sink.problem(new ImportProblem(line, column, id,
            "unknown comment_approved '" + approved + "': imported as pending"));
        yield CommentStatus.PENDING;
      }
    };
  }

  /**
   * {@code comment_date_gmt}, else {@code comment_date} taken as UTC. WordPress writes a zero date
   * ({@code 0000-00-00 00:00:00}) for some comments (drafts, comments imported from elsewhere); when both are
   * zero or missing, the post's date is taken (else the epoch), and that is reported. A date that is neither
   * zero nor WordPress's format is an error.
   */
  private static Instant time(Map<String, String> v, Map<String, String> item, long line, long column, String id,
      RecordSink sink) {
    String gmt = usable(v.get("comment_date_gmt"));
    if (gmt != null) {
      return parse(gmt, line, column, id);
    }
    String local = usable(v.get("comment_date"));
    if (local != null) {
      return parse(local, line, column, id);
    }
    for (String field : new String[] {"wp:post_date_gmt", "wp:post_date"}) {
      String postDate = usable(item.get(field));
      if (postDate != null) {
        try {
          Instant t = LocalDateTime.parse(postDate, WP_DATE).toInstant(ZoneOffset.UTC);
          sink.problem(new ImportProblem(line, column, id, "comment " + id + " has no date (comment_date_gmt and"
              + " comment_date are zero or missing): given its post's date, " + t));
          return t;
        } catch (DateTimeParseException e) {
          // try the next one
        }
      }
    }
    sink.problem(new ImportProblem(line, column, id, "comment " + id + " has no date (comment_date_gmt and"
        + " comment_date are zero or missing), nor has its post: given " + Instant.EPOCH));
    return Instant.EPOCH;
  }

  /** The date, or null if it is missing, blank or WordPress's zero date. */
  private static @Nullable String usable(@Nullable String date) {
    String d = SourceContext.blankToNull(date);
    return d == null || d.startsWith("0000-00-00") ? null : d;
  }

  private static Instant parse(String s, long line, long column, String id) {
    try {
      return LocalDateTime.parse(s, WP_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new ImportException(line, column,
          "comment " + id + " has a date that is not 'yyyy-MM-dd HH:mm:ss': '" + s + "'", e);
    }
  }

  /** WordPress's paragraphs: blank lines end one, single line breaks become {@code <br>}. */
  static String autop(String content) {
    if (content.isEmpty() || content.contains("<p>") || content.contains("<p ")) {
      return content;
    }
    String normalized = content.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder sb = new StringBuilder();
    Matcher m = BLANK_LINE.matcher(normalized);
    int start = 0;
    while (start <= normalized.length()) {
      int end = m.find(start) ? m.start() : normalized.length();
      String p = normalized.substring(start, end).strip();
      if (!p.isEmpty()) {
        sb.append("<p>").append(p.replace("\n", "<br>\n")).append("</p>\n");
      }
      start = end == normalized.length() ? end + 1 : m.end();
    }
    return sb.toString().strip();
  }
}
