package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.Comments;
import dev.talkback.comments.Format;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.Preview;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.CommentSort;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPage;
import dev.talkback.comments.servlet.Identity;
import dev.talkback.comments.spi.StoreHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The transport-neutral heart of the servlet: routes a {@link Request} to the JSON API, the widget assets,
 * the no-JS fragment and form, the feeds, the moderation page and health, and never lets an exception
 * escape: every failure becomes a problem response.
 */
public final class CommentsHandler {
  private final Settings settings;
  private final Comments comments;
  private final Guard guard;
  private final Secrets secrets;
  private final RateLimiter postsByClient;
  private final RateLimiter postsByThread;
  private final RateLimiter actionsByClient;
  private final ThreadResponses threads = new ThreadResponses();
  private final Assets assets;
  private final Fragments fragments;
  private final Feeds feeds;
  private final AdminPage admin;
  private volatile long writeStateCheckedAt = Long.MIN_VALUE;
  private volatile @Nullable String writeState;

  public CommentsHandler(Settings settings) {
    this.settings = settings;
    this.comments = settings.comments();
    this.guard = new Guard(settings.allowedOrigins());
    this.secrets = new Secrets(settings.secret());
    this.postsByClient = new RateLimiter(settings.postsPerClient(), settings.clock(), "comments from your address", 100_000);
    this.postsByThread = new RateLimiter(settings.postsPerThread(), settings.clock(), "comments on this page", 100_000);
    this.actionsByClient = new RateLimiter(settings.actionsPerClient(), settings.clock(), "requests from your address", 100_000);
    this.assets = new Assets();
    this.fragments = new Fragments(this, assets);
    this.feeds = new Feeds(comments);
    this.admin = new AdminPage(this, assets);
  }

  /** The versioned path of a widget asset below the mount point. */
  public String assetPath(String name) {
    return assets.path(name);
  }

  /** The gzipped size of a widget asset, in bytes. */
  public int gzippedAssetSize(String name) {
    return assets.gzippedSize(name);
  }

  Settings settings() {
    return settings;
  }

  Guard guard() {
    return guard;
  }

  Secrets secrets() {
    return secrets;
  }

  /** Handles one request; never throws. */
  public Response handle(Request req) {
    Response r;
    try {
      r = route(req);
    } catch (RuntimeException e) {
      r = Problems.of(e);
    }
    guard.decorate(req, r);
    return r;
  }

  private Response route(Request req) {
    String m = req.method();
    String p = req.path();
    if (m.equals("OPTIONS")) {
      return guard.preflight(req);
    }
    if (p.startsWith("/api/")) {
      return api(req, m, p.substring(4));
    }
    if (p.startsWith("/assets/") || p.equals("/embed.js") || p.equals("/embed.css")) {
      requireMethod(m, "GET", "HEAD");
      return assets.serve(req, p);
    }
    switch (p) {
      case "/health":
        requireMethod(m, "GET", "HEAD");
        return health();
      case "/fragment":
        requireMethod(m, "GET", "HEAD");
        return fragments.thread(req);
      case "/form":
        requireMethod(m, "POST");
        return fragments.post(req);
      case "/feed.atom":
        requireMethod(m, "GET", "HEAD");
        return feeds.site(req, site(req));
      case "/feed/thread.atom":
        requireMethod(m, "GET", "HEAD");
        return feeds.thread(req, site(req), threadParam(req.query().get("thread")));
      case "/admin":
      case "/admin/":
        return admin.handle(req, site(req));
      default:
        throw HttpProblem.notFound("nothing at '" + p + "' under the comments mount point; see docs/servlet.md for the routes");
    }
  }

  private Response api(Request req, String m, String p) {
    boolean unsafe = !(m.equals("GET") || m.equals("HEAD"));
    if (unsafe) {
      guard.checkOrigin(req);
    }
    String[] seg = p.substring(1).split("/", -1);
    switch (seg[0]) {
      case "thread":
        requireMethod(m, "GET", "HEAD");
        return thread(req);
      case "session":
        requireMethod(m, "GET");
        return session(req);
      case "counts":
        requireMethod(m, "GET");
        return counts(req);
      case "recent":
        requireMethod(m, "GET");
        return recent(req);
      case "preview":
        requireMethod(m, "POST");
        return preview(req);
      case "comments":
        return commentRoutes(req, m, seg);
      case "moderation":
        return Moderation.handle(this, req, m, seg);
      default:
        throw HttpProblem.notFound("no API endpoint '/api" + p + "'; see docs/servlet.md");
    }
  }

  private Response commentRoutes(Request req, String m, String[] seg) {
    if (seg.length == 1 || seg.length == 2 && seg[1].isEmpty()) {
      requireMethod(m, "POST");
      return post(req);
    }
    CommentId id = pathId(seg[1]);
    if (seg.length == 2) {
      switch (m) {
        case "GET":
          return getComment(req, id);
        case "PUT":
          return edit(req, id);
        case "DELETE":
          return delete(req, id);
        default:
          throw methodNotAllowed("GET, PUT, DELETE");
      }
    }
    if (seg.length == 3 && seg[2].equals("like")) {
      requireMethod(m, "POST");
      return like(req, id);
    }
    throw HttpProblem.notFound("no API endpoint '" + req.path() + "'; see docs/servlet.md");
  }

  // ---- reads

  private Response thread(Request req) {
    Params q = req.query();
    List<Violation> v = new ArrayList<>();
    SiteId site = site(req);
    ThreadKey key = threadKey(q.get("thread"), "thread", v);
    CommentSort sort = sort(q.get("sort"), v);
    int limit = intParam(q.get("limit"), "limit", 1, ThreadPageRequest.MAX_LIMIT, 50, v);
    String cursor = q.get("cursor");
    if (!v.isEmpty()) {
      throw HttpProblem.invalid(v);
    }
    ThreadPage page = comments.thread(site, key, new ThreadPageRequest(sort, cursor == null || cursor.isEmpty() ? null : cursor, limit));
    ThreadResponses.Prepared prepared = threads.prepare(page, writeState());
    if (ThreadResponses.matches(req.header("If-None-Match"), prepared.etag())) {
      return Response.status(304).header("ETag", prepared.etag()).header("Cache-Control", "no-cache");
    }
    return Response.of(200, "application/json", prepared.json())
        .header("ETag", prepared.etag())
        .header("Cache-Control", "no-cache");
  }

  private Response session(Request req) {
    ObjectNode o = Json.object();
    Optional<Identity> id = safeIdentity(req);
    if (id.isPresent()) {
      o.putObject("user").put("name", id.get().name());
    } else {
      o.putNull("user");
    }
    SiteId site = site(req);
    o.put("moderator", req.mayModerate(site));
    o.put("editWindowSeconds", comments.settings().editWindow().toSeconds());
    o.put("maxLength", comments.settings().contentPolicy().maxBodyLength());
    o.put("readOnly", writeState());
    return Json.response(200, o);
  }

  private Response counts(Request req) {
    List<String> raw = req.query().all("thread");
    List<Violation> v = new ArrayList<>();
    if (raw.isEmpty()) {
      v.add(new Violation("thread", "give at least one thread key: ?thread=a&thread=b"));
    }
    if (raw.size() > 200) {
      v.add(new Violation("thread", "at most 200 threads per request (got " + raw.size() + ")"));
    }
    List<ThreadKey> keys = new ArrayList<>();
    for (String s : raw) {
      ThreadKey k = threadKey(s, "thread", v);
      if (k != null) {
        keys.add(k);
      }
    }
    if (!v.isEmpty()) {
      throw HttpProblem.invalid(v);
    }
    Map<ThreadKey, Integer> counts = comments.counts(site(req), keys);
    ObjectNode o = Json.object();
    ObjectNode c = o.putObject("counts");
    for (ThreadKey k : keys) {
      c.put(k.value(), counts.getOrDefault(k, 0));
    }
    return Json.response(200, o).header("Cache-Control", "public, max-age=30");
  }

  private Response recent(Request req) {
    List<Violation> v = new ArrayList<>();
    int limit = intParam(req.query().get("limit"), "limit", 1, 100, 20, v);
    if (!v.isEmpty()) {
      throw HttpProblem.invalid(v);
    }
    return Json.response(200, Views.list("comments", comments.recent(site(req), limit), false));
  }

  private Response getComment(Request req, CommentId id) {
    SiteId site = site(req);
    Comment c = comments.find(site, id)
        .filter(x -> x.status() == dev.talkback.comments.CommentStatus.APPROVED || req.mayModerate(site))
        .orElseThrow(() -> new dev.talkback.comments.CommentNotFoundException(id));
    return Json.response(200, Views.comment(c, true));
  }

  // ---- writes

  private Response post(Request req) {
    ObjectNode body = Json.readObject(req, settings.maxBodyBytes());
    List<Violation> v = new ArrayList<>();
    SiteId site = site(req);
    ThreadKey key = threadKey(str(body, "thread", v), "thread", v);
    String text = str(body, "text", v);
    if (text == null && v.stream().noneMatch(x -> x.field().equals("text"))) {
      v.add(new Violation("text", "is required: the comment itself"));
    }
    Format format = format(str(body, "format", v), v);
    CommentId parent = optionalId(str(body, "parentId", v), "parentId", v);
    CommentId id = optionalId(str(body, "id", v), "id", v);
    String title = str(body, "threadTitle", v);
    String url = str(body, "threadUrl", v);
    if (url != null && !url.isEmpty() && !Html.isHttpUrl(url)) {
      v.add(new Violation("threadUrl", "must be an http(s) URL"));
    }
    Author author = safeIdentity(req).map(Identity::toAuthor).orElseGet(() -> new Author(
        orEmpty(str(body, "name", v)), blankToNull(str(body, "email", v)), blankToNull(str(body, "website", v)), null));
    if (!v.isEmpty()) {
      throw HttpProblem.invalid(v);
    }
    String ipHash = ipHash(req);
    postsByClient.acquire(ipHash);
    postsByThread.acquire(site.value() + "|" + key.value());
    NewComment nc = NewComment.builder(key).site(site).threadTitle(orEmpty(title)).threadUrl(blankToNull(url))
        .replyTo(parent).id(id).author(author).text(text).format(format).ipHash(ipHash).build();
    PostResult result = comments.post(nc);
    int status = result.outcome() == PostResult.Outcome.QUEUED ? 202 : 201;
    return Json.response(status, Views.posted(result))
        .header("Location", req.mountPath() + "/api/comments/" + result.comment().id());
  }

  private Response preview(Request req) {
    ObjectNode body = Json.readObject(req, settings.maxBodyBytes());
    List<Violation> v = new ArrayList<>();
    String text = str(body, "text", v);
    Format format = format(str(body, "format", v), v);
    if (text == null) {
      v.add(new Violation("text", "is required"));
    }
    if (!v.isEmpty()) {
      throw HttpProblem.invalid(v);
    }
    actionsByClient.acquire(ipHash(req));
    Preview p = comments.preview(text, format);
    ObjectNode o = Json.object();
    o.put("html", p.html());
    o.put("linkCount", p.linkCount());
    return Json.response(200, o);
  }

  private Response edit(Request req, CommentId id) {
    ObjectNode body = Json.readObject(req, settings.maxBodyBytes());
    List<Violation> v = new ArrayList<>();
    String token = str(body, "editToken", v);
    String text = str(body, "text", v);
    if (token == null || token.isEmpty()) {
      v.add(new Violation("editToken", "is required: the token returned when the comment was posted"));
    }
    if (text == null) {
      v.add(new Violation("text", "is required: the new text"));
    }
    if (!v.isEmpty()) {
      throw HttpProblem.invalid(v);
    }
    actionsByClient.acquire(ipHash(req));
    return Json.response(200, Views.comment(comments.edit(site(req), id, token, text), true));
  }

  private Response delete(Request req, CommentId id) {
    Json.readObject(req, settings.maxBodyBytes());
    String token = req.header("X-Edit-Token");
    if (token == null || token.isBlank()) {
      throw HttpProblem.invalid(List.of(new Violation("X-Edit-Token",
          "header is required: the edit token returned when the comment was posted")));
    }
    actionsByClient.acquire(ipHash(req));
    Comment c = comments.delete(site(req), id, token.trim());
    ObjectNode o = Json.object();
    o.put("id", c.id().toString());
    o.put("status", c.status().name().toLowerCase(Locale.ROOT));
    return Json.response(200, o);
  }

  /**
   * Likes are counted once per logged-in user, else once per client address (its keyed hash): a cookie
   * would not survive third-party cookie blocking when the widget runs cross-origin.
   */
  private Response like(Request req, CommentId id) {
    Json.readObject(req, settings.maxBodyBytes());
    String ipHash = ipHash(req);
    actionsByClient.acquire(ipHash);
    String clientKey = safeIdentity(req).map(i -> "user:" + i.userId()).orElse("ip:" + ipHash);
    int likes = comments.like(site(req), id, clientKey);
    ObjectNode o = Json.object();
    o.put("id", id.toString());
    o.put("likes", likes);
    return Json.response(200, o);
  }

  private Response health() {
    dev.talkback.comments.CommentsHealth h = comments.health();
    ObjectNode o = Json.object();
    StoreHealth store = h.store();
    o.put("status", store.mode() == StoreMode.READ_WRITE ? "ok" : "degraded");
    o.set("store", Views.store(store));
    o.set("cache", Json.MAPPER.valueToTree(h.cache()));
    return Json.response(200, o);
  }

  // ---- shared helpers

  /** The write state the widget shows: {@code null} when writable, else "queued" or "paused". Checked at most once a second. */
  @Nullable String writeState() {
    long now = settings.clock().millis();
    long checked = writeStateCheckedAt;
    if (checked != Long.MIN_VALUE && now >= checked && now - checked < 1000) {
      return writeState;
    }
    String s;
    try {
      StoreHealth h = comments.health().store();
      if (h.mode() == StoreMode.READ_WRITE) {
        s = null;
      } else {
        String policy = h.details().getOrDefault("writePolicy", "");
        s = policy.equalsIgnoreCase("REJECT") ? "paused" : policy.equalsIgnoreCase("SPOOL") ? "queued" : settings.readOnlyWrites();
      }
    } catch (RuntimeException e) {
      s = "paused";
    }
    writeState = s;
    writeStateCheckedAt = now;
    return s;
  }

  /** The identity, or empty when the resolver fails. */
  Optional<Identity> safeIdentity(Request req) {
    try {
      return req.identity();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(CommentsHandler.class).warn("IdentityResolver failed; treating reader as anonymous", e);
      return Optional.empty();
    }
  }

  String ipHash(Request req) {
    return secrets.ipHash(req.remoteAddress());
  }

  RateLimiter postsByClient() {
    return postsByClient;
  }

  RateLimiter postsByThread() {
    return postsByThread;
  }

  SiteId site(Request req) {
    String s = req.query().get("site");
    if (s == null || s.isEmpty()) {
      return settings.defaultSite();
    }
    try {
      return SiteId.of(s);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.invalid(List.of(new Violation("site", "must be 1 to 64 letters, digits, '.', '_' or '-'")));
    }
  }

  ThreadKey threadParam(@Nullable String raw) {
    List<Violation> v = new ArrayList<>();
    ThreadKey k = threadKey(raw, "thread", v);
    if (k == null) {
      throw HttpProblem.invalid(v);
    }
    return k;
  }

  static @Nullable ThreadKey threadKey(@Nullable String raw, String field, List<Violation> v) {
    if (raw == null || raw.isEmpty()) {
      v.add(new Violation(field, "is required: the page's stable key, such as 'posts/hello-world'"));
      return null;
    }
    try {
      return ThreadKey.of(raw);
    } catch (IllegalArgumentException e) {
      v.add(new Violation(field, e.getMessage()));
      return null;
    }
  }

  static CommentSort sort(@Nullable String raw, List<Violation> v) {
    if (raw == null || raw.isEmpty()) {
      return CommentSort.OLDEST;
    }
    try {
      return CommentSort.valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      v.add(new Violation("sort", "must be oldest, newest or top (got '" + raw + "')"));
      return CommentSort.OLDEST;
    }
  }

  static Format format(@Nullable String raw, List<Violation> v) {
    if (raw == null || raw.isEmpty()) {
      return Format.PLAIN;
    }
    try {
      return Format.valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      v.add(new Violation("format", "must be plain, markdown or html (got '" + raw + "')"));
      return Format.PLAIN;
    }
  }

  static int intParam(@Nullable String raw, String field, int min, int max, int dflt, List<Violation> v) {
    if (raw == null || raw.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(raw.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    v.add(new Violation(field, "must be a whole number from " + min + " to " + max + " (got '" + raw + "')"));
    return dflt;
  }

  static @Nullable CommentId optionalId(@Nullable String raw, String field, List<Violation> v) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return new CommentId(UUID.fromString(raw));
    } catch (IllegalArgumentException e) {
      v.add(new Violation(field, "must be a comment id (a UUID such as 0190f3b2-7c1e-7a4b-9f00-1c2d3e4f5a6b)"));
      return null;
    }
  }

  static CommentId pathId(String raw) {
    try {
      if (raw.length() == 36) {
        return new CommentId(UUID.fromString(raw));
      }
    } catch (IllegalArgumentException e) {
      // below
    }
    throw HttpProblem.notFound("no comment with id '" + raw + "': comment ids are UUIDs");
  }

  /** A string field; a non-string value is a violation. */
  static @Nullable String str(JsonNode body, String field, List<Violation> v) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      v.add(new Violation(field, "must be a string (got " + n.getNodeType().name().toLowerCase(Locale.ROOT) + ")"));
      return null;
    }
    return n.textValue();
  }

  static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  static void requireMethod(String m, String... allowed) {
    for (String a : allowed) {
      if (a.equals(m)) {
        return;
      }
    }
    throw methodNotAllowed(String.join(", ", allowed));
  }

  static HttpProblem methodNotAllowed(String allowed) {
    return new HttpProblem(405, "method_not_allowed", "Method not allowed", "use " + allowed + " here");
  }
}
