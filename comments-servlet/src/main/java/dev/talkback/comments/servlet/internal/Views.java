package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentNode;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.ThreadPage;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shapes of the model. The only place comments become JSON, so the rule is enforced here: never
 * an email, an edit token hash or an IP hash; only the sanitized HTML, never unsanitized markup.
 */
final class Views {
  private Views() {}

  /** A comment as readers see it; {@code withSource} adds the source text (for the author's edit form). */
  static ObjectNode comment(Comment c, boolean withSource, Avatars avatars) {
    ObjectNode o = Json.object();
    o.put("id", c.id().toString());
    o.put("thread", c.thread().value());
    o.put("parentId", c.parentId().map(Object::toString).orElse(null));
    o.set("author", author(c, avatars));
    o.put("html", c.html());
    if (withSource) {
      o.put("source", c.source());
      o.put("format", c.format().name().toLowerCase(Locale.ROOT));
    }
    o.put("status", c.status().name().toLowerCase(Locale.ROOT));
    o.put("created", c.created().toString());
    o.put("edited", c.edited().map(Object::toString).orElse(null));
    o.put("likes", c.likes());
    return o;
  }

  /** A comment for moderators: adds the thread, the author key's kind and status; still no email or IP. */
  static ObjectNode moderated(Comment c, Avatars avatars) {
    ObjectNode o = comment(c, true, avatars);
    o.put("authorKnown", c.author().key().isPresent());
    return o;
  }

  private static ObjectNode author(Comment c, Avatars avatars) {
    Author a = c.author();
    ObjectNode o = Json.object();
    o.put("name", a.name());
    String w = a.website();
    o.put("website", w != null && Html.isHttpUrl(w) ? w : null);
    o.put("member", a.userId() != null);
    o.put("avatar", avatars.url(c.site(), a));
    return o;
  }

  /** A node of an assembled thread; a tombstone keeps only its id, place and replies. */
  static ObjectNode node(CommentNode n, Avatars avatars) {
    ObjectNode o;
    if (n.tombstone()) {
      o = Json.object();
      o.put("id", n.comment().id().toString());
      o.put("parentId", n.comment().parentId().map(Object::toString).orElse(null));
      o.put("tombstone", true);
      o.put("created", n.comment().created().toString());
    } else {
      o = comment(n.comment(), false, avatars);
    }
    o.put("depth", n.depth());
    ArrayNode replies = o.putArray("replies");
    for (CommentNode r : n.replies()) {
      replies.add(node(r, avatars));
    }
    return o;
  }

  /** A page of a thread, with the store's write state ({@code null}, "queued" or "paused"). */
  static ObjectNode thread(ThreadPage page, @Nullable String readOnly, Avatars avatars) {
    ObjectNode o = Json.object();
    o.put("site", page.site().value());
    o.put("thread", page.key().value());
    o.put("title", page.info().map(i -> i.title()).orElse(null));
    o.put("url", page.info().map(i -> i.url()).orElse(null));
    o.put("closed", page.closed());
    o.put("totalCount", page.totalCount());
    o.put("nextCursor", page.nextCursorOrNull());
    o.put("stale", page.stale());
    o.put("readOnly", readOnly);
    ArrayNode list = o.putArray("comments");
    for (CommentNode n : page.comments()) {
      list.add(node(n, avatars));
    }
    return o;
  }

  /** What a post did: the comment, the outcome and, once only, the edit token. */
  static ObjectNode posted(PostResult r, Avatars avatars) {
    ObjectNode o = Json.object();
    o.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
    o.set("comment", comment(r.comment(), true, avatars));
    o.put("editToken", r.editToken().orElse(null));
    o.put("moderationReason", r.moderationReason().orElse(null));
    return o;
  }

  /** A list of comments. */
  static ObjectNode list(String field, List<Comment> comments, boolean moderator, Avatars avatars) {
    ObjectNode o = Json.object();
    ArrayNode a = o.putArray(field);
    for (Comment c : comments) {
      a.add(moderator ? moderated(c, avatars) : comment(c, false, avatars));
    }
    return o;
  }
}
