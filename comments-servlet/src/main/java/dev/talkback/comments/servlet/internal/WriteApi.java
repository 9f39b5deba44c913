package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.Comments;
import dev.talkback.comments.Format;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.Preview;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.servlet.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The write side of the JSON API: post, preview, edit, delete, like. Every body is capped JSON. */
final class WriteApi {
  private final Comments comments;
  private final Limits limits;
  private final PostGate gate;
  private final int maxBodyBytes;
  private final Avatars avatars;
  private final OptIn optIn;

  WriteApi(CommentsAccess access, Limits limits, PostGate gate, int maxBodyBytes, Avatars avatars, OptIn optIn) {
    this.avatars = avatars;
    this.optIn = optIn;
    this.comments = access.comments();
    this.limits = limits;
    this.gate = gate;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * {@code POST /api/comments}: 201 published or pending, 202 queued. The thread's title and URL count only
   * with the host's {@code threadSignature}; {@code altcha} carries the proof of work when it is on. With
   * notifications on, {@code notifyReplies} and {@code notifyThread} (booleans, false by default) subscribe
   * the author's address after the post (or, for a comment queued while the store is read-only, when it is
   * replayed); the answer's {@code subscription} then says {@code requested} or {@code not_recorded}.
   */
  Response post(Caller caller) {
    ObjectNode body = Json.readObject(caller.request(), maxBodyBytes);
    List<Violation> v = new ArrayList<>();
    SiteId site = caller.site();
    ThreadKey key = Fields.threadKey(Fields.str(body, "thread", v), "thread", v);
    String text = Fields.str(body, "text", v);
    if (text == null && v.stream().noneMatch(x -> x.field().equals("text"))) {
      v.add(new Violation("text", "is required: the comment itself"));
    }
    Format format = Fields.format(Fields.str(body, "format", v), v);
    CommentId parent = Fields.optionalId(Fields.str(body, "parentId", v), "parentId", v);
    CommentId id = Fields.optionalId(Fields.str(body, "id", v), "id", v);
    String title = Fields.threadTitle(Fields.str(body, "threadTitle", v), v);
    String url = Fields.threadUrl(Fields.str(body, "threadUrl", v), v);
    String signature = Fields.str(body, "threadSignature", v);
    String proof = Fields.str(body, "altcha", v);
    Author author = caller.identity().map(Identity::toAuthor).orElseGet(() -> new Author(
        Fields.orEmpty(Fields.str(body, "name", v)), Fields.blankToNull(Fields.str(body, "email", v)),
        Fields.blankToNull(Fields.str(body, "website", v)), null));
    OptIn.Wish wish = new OptIn.Wish(Fields.bool(body, "notifyReplies", v), Fields.bool(body, "notifyThread", v));
    if (key == null || text == null || !v.isEmpty()) {
      throw HttpProblem.invalid(v);
    }
    optIn.check(wish, author.email());
    NewComment.Builder nc = NewComment.builder(key).site(site).replyTo(parent).id(id).author(author).text(text)
        .format(format).ipHash(caller.clientKey()).subscribe(wish.request());
    gate.admit(nc, caller, site, key, PostGate.Channel.WIDGET,
        new PostGate.ThreadAttributes(Fields.orEmpty(title), Fields.blankToNull(url), signature), proof, null);
    PostResult result = comments.post(nc.build());
    int status = result.outcome() == PostResult.Outcome.QUEUED ? 202 : 201;
    ObjectNode answer = Views.posted(result, avatars);
    OptIn.Outcome subscribed = optIn.subscribe(wish, result);
    if (subscribed != null) {
      answer.put("subscription", subscribed.json());
    }
    return Json.response(status, answer)
        .header("Location", caller.request().mountPath() + "/api/comments/" + result.comment().id());
  }

  /** {@code POST /api/preview}: the sanitized HTML, nothing stored. */
  Response preview(Caller caller) {
    ObjectNode body = Json.readObject(caller.request(), maxBodyBytes);
    List<Violation> v = new ArrayList<>();
    String text = Fields.str(body, "text", v);
    Format format = Fields.format(Fields.str(body, "format", v), v);
    if (text == null) {
      v.add(new Violation("text", "is required"));
    }
    if (text == null || !v.isEmpty()) {
      throw HttpProblem.invalid(v);
    }
    limits.action(caller);
    Preview p = comments.preview(text, format);
    ObjectNode o = Json.object();
    o.put("html", p.html());
    o.put("linkCount", p.linkCount());
    return Json.response(200, o);
  }

  /** {@code PUT /api/comments/{id}} with the edit token. */
  Response edit(Caller caller, CommentId id) {
    ObjectNode body = Json.readObject(caller.request(), maxBodyBytes);
    List<Violation> v = new ArrayList<>();
    String token = Fields.str(body, "editToken", v);
    String text = Fields.str(body, "text", v);
    if (token == null || token.isEmpty()) {
      v.add(new Violation("editToken", "is required: the token returned when the comment was posted"));
    }
    if (text == null) {
      v.add(new Violation("text", "is required: the new text"));
    }
    if (token == null || text == null || !v.isEmpty()) {
      throw HttpProblem.invalid(v);
    }
    limits.action(caller);
    return Json.response(200, Views.comment(comments.edit(caller.site(), id, token, text), true, avatars));
  }

  /** {@code DELETE /api/comments/{id}} with the edit token in {@code X-Edit-Token}. */
  Response delete(Caller caller, CommentId id) {
    Json.readObject(caller.request(), maxBodyBytes);
    String token = caller.request().header("X-Edit-Token");
    if (token == null || token.isBlank()) {
      throw HttpProblem.invalid(List.of(new Violation("X-Edit-Token",
          "header is required: the edit token returned when the comment was posted")));
    }
    limits.action(caller);
    Comment c = comments.delete(caller.site(), id, token.trim());
    ObjectNode o = Json.object();
    o.put("id", c.id().toString());
    o.put("status", c.status().name().toLowerCase(Locale.ROOT));
    return Json.response(200, o);
  }

  /**
   * {@code POST /api/comments/{id}/like}. Likes are counted once per logged-in user, else once per client
   * address (its keyed hash): a cookie would not survive third-party cookie blocking when the widget runs
   * cross-origin.
   */
  Response like(Caller caller, CommentId id) {
    Json.readObject(caller.request(), maxBodyBytes);
    limits.action(caller);
    int likes = comments.like(caller.site(), id, caller.likeKey());
    ObjectNode o = Json.object();
    o.put("id", id.toString());
    o.put("likes", likes);
    return Json.response(200, o);
  }
}
