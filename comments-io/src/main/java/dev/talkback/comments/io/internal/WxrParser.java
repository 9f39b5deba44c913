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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads a WordPress eXtended RSS file (WXR 1.0, 1.1, 1.2; the {@code wp} namespace spelled
 * {@code http://wordpress.org/export/1.x/} or with https): every {@code <item>} is a thread, its
 * {@code <wp:comment>}s its comments. {@code comment_approved} 1/0/spam/trash gives the status;
 * {@code comment_type} pingback/trackback the kind; {@code comment_date_gmt} (else {@code comment_date},
 * taken as UTC) the time. The content is WordPress text (HTML with paragraphs made from blank lines): blank
 * lines become paragraphs and line breaks {@code <br>} unless it already has {@code <p>}, then it is
 * sanitized as HTML.
 */
public final class WxrParser implements SourceParser {
  private static final Pattern BLANK_LINE = Pattern.compile("\n\\s*\n");
  private static final Pattern WP_NS = Pattern.compile("https?://wordpress\\.org/export/1\\.[0-9]+/?");
  private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

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
    XMLStreamReader r = SafeXml.open(in);
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
          comment(SafeXml.flatten(r), l.getLineNumber(), l.getColumnNumber(), ref, sink);
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
    ThreadKey key = url == null ? null : ctx.keys().keyFor(url).orElse(null);
    if (key == null) {
      String fallback = SourceContext.blankToNull(fields.get("wp:post_name"));
      if (fallback == null) {
        fallback = SourceContext.blankToNull(fields.get("wp:post_id"));
      }
      key = fallback == null ? null : ctx.keys().keyForIdentifier(fallback).orElse(null);
    }
    String title = ctx.renderer().normalize(fields.getOrDefault("title", "")).strip();
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

  private void comment(Map<String, String> v, long line, long column, String threadRef, RecordSink sink) {
    String id = SourceContext.blankToNull(v.get("comment_id"));
    if (id == null) {
      throw new ImportException(line, column, "a <wp:comment> without <wp:comment_id>", null);
    }
    String parent = SourceContext.blankToNull(v.get("comment_parent"));
    if (parent != null && parent.equals("0")) {
      parent = null;
    }
    CommentKind kind = kind(v.get("comment_type"));
    String approved = SourceContext.blankToNull(v.get("comment_approved"));
    CommentStatus status = status(approved == null ? "1" : approved, line, column, id, sink);
    if (kind != CommentKind.COMMENT && status != CommentStatus.SPAM) {
      status = CommentStatus.DELETED; // kept, never shown as a comment: see CommentKind
    }
    String content = v.getOrDefault("comment_content", "").strip();
    String text = autop(content); // rendered and sanitized in the second pass
    String userId = SourceContext.blankToNull(v.get("comment_user_id"));
    if ("0".equals(userId)) {
      userId = null;
    }
    Author author = ctx.author(v.get("comment_author"), v.get("comment_author_email"),
        v.get("comment_author_url"), userId == null ? null : "wordpress:" + userId);
    author = kind.mark(author);
    sink.comment(new ImportRecord(line, column, id, threadRef, Ids.derive(ctx.site(), ctx.source(), id),
        parent == null ? null : Ids.derive(ctx.site(), ctx.source(), parent), author, text, Format.HTML,
        null, status, time(v, line, column, id), null, 0, null, null));
  }

  private static CommentKind kind(@Nullable String type) {
    String t = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "pingback" -> CommentKind.PINGBACK;
      case "trackback" -> CommentKind.TRACKBACK;
      default -> CommentKind.COMMENT;
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

  private static Instant time(Map<String, String> v, long line, long column, String id) {
    String gmt = SourceContext.blankToNull(v.get("comment_date_gmt"));
    if (gmt != null && !gmt.startsWith("0000")) {
      return parse(gmt, line, column, id);
    }
    String local = SourceContext.blankToNull(v.get("comment_date"));
    if (local != null && !local.startsWith("0000")) {
      return parse(local, line, column, id);
    }
    throw new ImportException(line, column, "comment " + id + " has neither comment_date_gmt nor comment_date", null);
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
