package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentNode;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPage;
import dev.talkback.comments.ThreadPageRequest;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * Atom feeds (RFC 4287) of approved comments: the newest of a site, and those of one thread. Written with
 * the JDK's StAX writer, which escapes every text and attribute value; characters XML cannot carry are
 * dropped first. Atom's own dates are RFC 3339; an entry's HTML starts with its relative time like the
 * pages (in the language of {@code ?lang=}, else {@code Accept-Language}).
 */
final class Feeds {
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final int ENTRIES = 50;
  private static final XMLOutputFactory XML = XMLOutputFactory.newDefaultFactory();
  private final CommentsAccess access;
  private final @Nullable String siteName;
  private final SiteId namedSite;

  Feeds(CommentsAccess access) {
    this(access, null, SiteId.DEFAULT);
  }

  /** Feeds whose site feed of {@code namedSite} is titled with {@code siteName} (the blog's name). */
  Feeds(CommentsAccess access, @Nullable String siteName, SiteId namedSite) {
    this.access = access;
    this.siteName = siteName;
    this.namedSite = namedSite;
  }

  /** {@code GET /feed.atom} */
  Response site(Caller caller) {
    SiteId site = caller.site();
    List<Comment> recent = access.comments().recent(site, ENTRIES);
    Map<ThreadKey, Optional<ThreadInfo>> infos = new HashMap<>();
    for (Comment c : recent) {
      infos.computeIfAbsent(c.thread(), k -> access.comments().threadInfo(site, k));
    }
    String self = caller.request().mountPath() + "/feed.atom";
    String name = siteName != null && site.equals(namedSite) ? siteName : site.value();
    return atom("Comments on " + name, "urn:talkback:" + site.value(), self, recent, infos, Messages.forRequest(caller));
  }

  /** {@code GET /feed/thread.atom?thread=} */
  Response thread(Caller caller) {
    SiteId site = caller.site();
    ThreadKey key = Fields.requiredThread(caller.query().get("thread"));
    ThreadPage page = access.comments().thread(site, key, ThreadPageRequest.first(CommentSort.NEWEST, ENTRIES));
    List<Comment> all = new ArrayList<>();
    for (CommentNode n : page.comments()) {
      flatten(n, all);
    }
    all.sort(Comparator.comparing(Comment::created).reversed());
    List<Comment> entries = all.subList(0, Math.min(ENTRIES, all.size()));
    Map<ThreadKey, Optional<ThreadInfo>> infos = Map.of(key, page.info());
    String title = page.info().map(ThreadInfo::title).filter(t -> !t.isBlank()).orElse(key.value());
    String self = caller.request().mountPath() + "/feed/thread.atom?thread="
        + URLEncoder.encode(key.value(), StandardCharsets.UTF_8);
    return atom("Comments on " + title, "urn:talkback:" + site.value() + ":" + key.value(), self, entries, infos,
        Messages.forRequest(caller));
  }

  private static void flatten(CommentNode n, List<Comment> out) {
    if (!n.tombstone() && n.comment().status() == CommentStatus.APPROVED) {
      out.add(n.comment());
    }
    for (CommentNode r : n.replies()) {
      flatten(r, out);
    }
  }

  private Response atom(String title, String id, String self, List<Comment> entries,
      Map<ThreadKey, Optional<ThreadInfo>> infos, Messages msg) {
    Instant now = access.clock().instant();
    Instant updated = entries.stream().map(c -> c.edited().orElse(c.created())).max(Comparator.naturalOrder())
        .orElse(Instant.EPOCH);
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      XMLStreamWriter x = XML.createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("utf-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("feed");
      x.writeDefaultNamespace(ATOM);
      x.writeCharacters("\n");
      text(x, "title", title);
      text(x, "id", id);
      link(x, "self", self);
      text(x, "updated", updated.toString());
      for (Comment c : entries) {
        if (c.status() == CommentStatus.APPROVED) {
          entry(x, c, infos.getOrDefault(c.thread(), Optional.empty()), msg, now);
        }
      }
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing XML to memory cannot fail", e);
    }
    return Response.of(200, "application/atom+xml;charset=utf-8", out.toByteArray())
        .header("Cache-Control", "public, max-age=60");
  }

  private void entry(XMLStreamWriter x, Comment c, Optional<ThreadInfo> info, Messages msg, Instant now)
      throws XMLStreamException {
    String threadTitle = info.map(ThreadInfo::title).filter(t -> !t.isBlank()).orElse(c.thread().value());
    String name = c.author().name().isBlank() ? "Anonymous" : c.author().name();
    x.writeStartElement("entry");
    x.writeCharacters("\n");
    text(x, "id", "urn:uuid:" + c.id());
    text(x, "title", name + " on " + threadTitle);
    x.writeStartElement("author");
    x.writeStartElement("name");
    x.writeCharacters(xml(name));
    x.writeEndElement();
    x.writeEndElement();
    x.writeCharacters("\n");
    Optional<String> url = info.map(ThreadInfo::url).filter(Html::isHttpUrl);
    if (url.isPresent()) {
      link(x, "alternate", url.get() + "#comment-" + c.id());
    }
    text(x, "published", c.created().toString());
    text(x, "updated", c.edited().orElse(c.created()).toString());
    text(x, "summary", access.excerpt(c));
    x.writeStartElement("content");
    x.writeAttribute("type", "html");
    x.writeCharacters(xml(content(c, msg, now)));
    x.writeEndElement();
    x.writeCharacters("\n");
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  /**
   * An entry's HTML: when it was written, as the widget and the pages show it ("3 hours ago" in a
   * {@code <time datetime>} with the absolute date as tooltip, in the reader's language), then the body.
   * Feed readers show the Atom dates in their own format as well.
   */
  static String content(Comment c, Messages msg, Instant now) {
    HtmlWriter w = new HtmlWriter(c.html().length() + 160);
    w.tag("p").attr("class", "tb-meta");
    Times.time(w, c.created(), now, msg).end();
    return w.sanitizedBody(c).html();
  }

  private static void text(XMLStreamWriter x, String element, String value) throws XMLStreamException {
    x.writeStartElement(element);
    x.writeCharacters(xml(value));
    x.writeEndElement();
    x.writeCharacters("\n");
  }

  private static void link(XMLStreamWriter x, String rel, String href) throws XMLStreamException {
    x.writeEmptyElement("link");
    x.writeAttribute("rel", rel);
    x.writeAttribute("href", xml(href));
    x.writeCharacters("\n");
  }

  /** Drops what XML 1.0 cannot carry: control characters other than tab and line ends, U+FFFE, U+FFFF, lone surrogates. */
  static String xml(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (ok) {
          if (b != null) {
            b.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        ok = !Character.isLowSurrogate(c) && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && c != 0xFFFE
            && c != 0xFFFF;
      }
      if (!ok && b == null) {
        b = new StringBuilder(s.length()).append(s, 0, i);
      } else if (ok && b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }
}
