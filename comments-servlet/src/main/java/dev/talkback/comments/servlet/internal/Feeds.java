package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentNode;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Atom feeds (RFC 4287) of approved comments: the newest of a site, and those of one thread. */
final class Feeds {
  private static final int ENTRIES = 50;
  private final Comments comments;

  Feeds(Comments comments) {
    this.comments = comments;
  }

  Response site(Request req, SiteId site) {
    List<Comment> recent = comments.recent(site, ENTRIES);
    Map<ThreadKey, Optional<ThreadInfo>> infos = new HashMap<>();
    for (Comment c : recent) {
      infos.computeIfAbsent(c.thread(), k -> comments.threadInfo(site, k));
    }
    String self = req.mountPath() + "/feed.atom";
    return atom("Comments on " + site.value(), "urn:talkback:" + site.value(), self, recent, infos);
  }

  Response thread(Request req, SiteId site, ThreadKey key) {
    ThreadPage page = comments.thread(site, key, ThreadPageRequest.first(CommentSort.NEWEST, ENTRIES));
    List<Comment> all = new ArrayList<>();
    for (CommentNode n : page.comments()) {
      flatten(n, all);
    }
    all.sort(Comparator.comparing(Comment::created).reversed());
    List<Comment> entries = all.subList(0, Math.min(ENTRIES, all.size()));
    Map<ThreadKey, Optional<ThreadInfo>> infos = Map.of(key, page.info());
    String title = page.info().map(ThreadInfo::title).filter(t -> !t.isBlank()).orElse(key.value());
    String self = req.mountPath() + "/feed/thread.atom?thread=" + java.net.URLEncoder.encode(key.value(), java.nio.charset.StandardCharsets.UTF_8);
    return atom("Comments on " + title, "urn:talkback:" + site.value() + ":" + key.value(), self, entries, infos);
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
      Map<ThreadKey, Optional<ThreadInfo>> infos) {
    Instant updated = entries.stream().map(c -> c.edited().orElse(c.created())).max(Comparator.naturalOrder())
        .orElse(Instant.EPOCH);
    StringBuilder b = new StringBuilder(8192);
    b.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    b.append("<title>").append(Html.escape(title)).append("</title>\n");
    b.append("<id>").append(Html.escape(id)).append("</id>\n");
    b.append("<link rel=\"self\" href=\"").append(Html.escape(self)).append("\"/>\n");
    b.append("<updated>").append(updated).append("</updated>\n");
    for (Comment c : entries) {
      if (c.status() != CommentStatus.APPROVED) {
        continue;
      }
      Optional<ThreadInfo> info = infos.getOrDefault(c.thread(), Optional.empty());
      String threadTitle = info.map(ThreadInfo::title).filter(t -> !t.isBlank()).orElse(c.thread().value());
      String name = c.author().name().isBlank() ? "Anonymous" : c.author().name();
      b.append("<entry>\n<id>urn:uuid:").append(c.id()).append("</id>\n");
      b.append("<title>").append(Html.escape(name + " on " + threadTitle)).append("</title>\n");
      b.append("<author><name>").append(Html.escape(name)).append("</name></author>\n");
      info.map(ThreadInfo::url).filter(u -> u != null && Html.isHttpUrl(u)).ifPresent(u ->
          b.append("<link rel=\"alternate\" href=\"").append(Html.escape(u + "#comment-" + c.id())).append("\"/>\n"));
      b.append("<published>").append(c.created()).append("</published>\n");
      b.append("<updated>").append(c.edited().orElse(c.created())).append("</updated>\n");
      b.append("<summary>").append(Html.escape(comments.settings().contentPolicy().excerpt(c))).append("</summary>\n");
      b.append("<content type=\"html\">").append(Html.escape(c.html())).append("</content>\n</entry>\n");
    }
    b.append("</feed>\n");
    return Response.text(200, "application/atom+xml", b.toString()).header("Cache-Control", "public, max-age=60");
  }
}
