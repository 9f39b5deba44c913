package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPage;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.servlet.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read side of the JSON API: a thread page, the session, counts, recent comments, one comment. */
final class ReadApi {
  private static final int MAX_COUNT_THREADS = 200;
  private final CommentsAccess access;
  private final Comments comments;
  private final HealthView health;
  private final ThreadResponses threads;
  private final ThreadQueries queries = new ThreadQueries();
  private final Avatars avatars;

  private final PostGate gate;
  private final OptIn optIn;

  ReadApi(CommentsAccess access, HealthView health, PostGate gate, Avatars avatars, OptIn optIn) {
    this.gate = gate;
    this.optIn = optIn;
    this.threads = new ThreadResponses(avatars);
    this.avatars = avatars;
    this.access = access;
    this.comments = access.comments();
    this.health = health;
  }

  /**
   * {@code GET /api/thread?thread=&sort=&cursor=&limit=}: ready bytes (gzipped if asked), ETag and 304. A query
   * string seen before is not parsed again ({@link ThreadQueries}).
   */
  Response thread(Caller caller) {
    Request req = caller.request();
    String raw = req.queryString();
    ThreadQueries.Parsed q = queries.get(raw);
    if (q == null) {
      q = parseThreadQuery(caller, raw == null ? "" : raw); // no query names no thread: refused, never kept
      queries.put(q);
    }
    ThreadPage page = comments.thread(q.site(), q.key(), q.request());
    ThreadResponses.Prepared prepared = threads.prepare(comments, page, q.request(), health.writeState());
    return prepared.respond(req.header("Accept-Encoding"), req.header("If-None-Match"));
  }

  /** The thread read's parameters, parsed from {@code raw}, or a 4xx problem naming each bad one. */
  private static ThreadQueries.Parsed parseThreadQuery(Caller caller, String raw) {
    Params q = caller.query();
    List<Violation> v = new ArrayList<>();
    SiteId site = caller.site();
    ThreadKey key = Fields.threadKey(q.get("thread"), "thread", v);
    CommentSort sort = Fields.sort(q.get("sort"), v);
    int limit = Fields.intParam(q.get("limit"), "limit", 1, ThreadPageRequest.MAX_LIMIT, 50, v);
    String cursor = q.get("cursor");
    if (key == null || !v.isEmpty()) {
      throw HttpProblem.invalid(v);
    }
    ThreadPageRequest request = new ThreadPageRequest(sort, cursor == null || cursor.isEmpty() ? null : cursor, limit);
    return new ThreadQueries.Parsed(raw, site, key, request);
  }

  /** {@code GET /api/session}: who the reader is, the edit window, the write state. */
  Response session(Caller caller) {
    ObjectNode o = Json.object();
    Optional<Identity> id = caller.identity();
    if (id.isPresent()) {
      o.putObject("user").put("name", id.get().name());
    } else {
      o.putNull("user");
    }
    o.put("moderator", caller.moderator());
    o.put("editWindowSeconds", access.editWindow().toSeconds());
    o.put("maxLength", access.maxBodyLength());
    o.put("readOnly", health.writeState());
    o.put("proofOfWork", gate.proofOfWork() && id.isEmpty());
    // the "email me replies" boxes: offered when the server sends mail and the reader can give an address
    o.put("notifications", optIn.enabled() && (id.isEmpty() || id.get().email() != null));
    ObjectNode texts = o.putObject("texts");
    Messages.forRequest(caller).withPrefix("w.").forEach(texts::put);
    return Json.response(200, o);
  }

  /** {@code GET /api/counts?thread=a&thread=b}: approved counts of up to 200 threads. */
  Response counts(Caller caller) {
    List<String> raw = caller.query().all("thread");
    List<Violation> v = new ArrayList<>();
    if (raw.isEmpty()) {
      v.add(new Violation("thread", "give at least one thread key: ?thread=a&thread=b"));
    }
    if (raw.size() > MAX_COUNT_THREADS) {
      v.add(new Violation("thread", "at most " + MAX_COUNT_THREADS + " threads per request (got " + raw.size() + ")"));
    }
    List<ThreadKey> keys = new ArrayList<>();
    for (String s : raw) {
      ThreadKey k = Fields.threadKey(s, "thread", v);
      if (k != null) {
        keys.add(k);
      }
    }
    Fields.check(v);
    Map<ThreadKey, Integer> counts = comments.counts(caller.site(), keys);
    ObjectNode o = Json.object();
    ObjectNode c = o.putObject("counts");
    for (ThreadKey k : keys) {
      c.put(k.value(), counts.getOrDefault(k, 0));
    }
    return Json.response(200, o).header("Cache-Control", "public, max-age=30");
  }

  /** {@code GET /api/recent?limit=}: the site's newest approved comments. */
  Response recent(Caller caller) {
    List<Violation> v = new ArrayList<>();
    int limit = Fields.intParam(caller.query().get("limit"), "limit", 1, 100, 20, v);
    Fields.check(v);
    return Json.response(200, Views.list("comments", comments.recent(caller.site(), limit), false, avatars));
  }

  /** {@code GET /api/comments/{id}}: one approved comment with its source (any status for moderators). */
  Response comment(Caller caller, CommentId id) {
    Comment c = comments.find(caller.site(), id)
        .filter(x -> x.status() == CommentStatus.APPROVED || caller.moderator())
        .orElseThrow(() -> new CommentNotFoundException(id));
    return Json.response(200, Views.comment(c, true, avatars));
  }
}
