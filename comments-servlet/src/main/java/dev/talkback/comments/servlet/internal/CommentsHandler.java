package dev.talkback.comments.servlet.internal;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The transport-neutral heart of the servlet: a {@link Request} goes in, a {@link Response} with ready bytes
 * comes out. Works out who is calling ({@link Caller}), routes by the route table ({@link Routes}) to the
 * read API, the write API, the moderation API, the widget assets, the no-JS fragment and form, the feeds,
 * the moderation page and health, and never lets an exception escape: every failure becomes a problem
 * response. Threadsafe.
 */
public final class CommentsHandler {
  /** How long an ALTCHA challenge may be solved and posted: a reader may take a while to write. */
  private static final java.time.Duration POW_EXPIRY = java.time.Duration.ofMinutes(30);
  private final Settings settings;
  private final Guard guard;
  private final Secrets secrets;
  private final Assets assets = new Assets();
  private final Routes routes;
  /** The read API: its thread read, the busiest route by far, is taken without the route table's lookups. */
  private final ReadApi read;
  /** The cap of the body of the no-JS form's post, which percent-encoding makes larger than a JSON body. */
  private final int formBodyBytes;

  /** The moderation page's upload limit when none is configured: 256 MiB. */
  public static final long DEFAULT_MAX_IMPORT_BYTES = ImportJobs.DEFAULT_MAX_UPLOAD_BYTES;

  /**
   * A handler for these settings, with the default upload limit of the moderation page's import.
   *
   * @param settings the configuration the servlet's builder validated
   */
  public CommentsHandler(Settings settings) {
    this(settings, DEFAULT_MAX_IMPORT_BYTES);
  }

  /**
   * A handler for these settings.
   *
   * @param settings the configuration the servlet's builder validated
   * @param maxImportBytes the largest file the moderation page's import accepts
   */
  public CommentsHandler(Settings settings, long maxImportBytes) {
    this.settings = settings;
    this.guard = new Guard(settings.allowedOrigins(), settings.publicUrl());
    this.secrets = settings.secrets();
    CommentsAccess access = new CommentsAccess(settings.comments());
    HealthView health = new HealthView(access, settings.healthToken());
    Limits limits = new Limits(settings, access.clock());
    FormTokens tokens = new FormTokens(secrets, guard);
    Avatars avatars = new Avatars(secrets, settings.presentation().avatarUrls());
    Fragments fragments = new Fragments(settings, access, health, assets, tokens, avatars);
    ProofOfWork pow = settings.proofOfWork()
        ? new ProofOfWork(secrets, settings.proofOfWorkComplexity(), POW_EXPIRY, access.clock())
        : null;
    PostGate gate = new PostGate(secrets, limits, pow);
    FormPosts forms = new FormPosts(settings, access, guard, gate, tokens, fragments);
    this.formBodyBytes = forms.maxBodyBytes();
    OptIn optIn = new OptIn(settings.notifications());
    ReadApi read = new ReadApi(access, health, gate, avatars, optIn);
    this.read = read;
    WriteApi write = new WriteApi(access, limits, gate, settings.maxBodyBytes(), avatars, optIn);
    Moderation moderation = new Moderation(access, settings.maxBodyBytes(), avatars);
    Feeds feeds = new Feeds(access, settings.presentation().siteName(), settings.defaultSite());
    AdminPage admin = new AdminPage(settings, access, secrets, health, assets, guard, avatars);
    AuthorDataPage authors = new AuthorDataPage(settings, access, secrets, assets, guard);
    ApiDescription description = new ApiDescription();
    ImportPage imports = new ImportPage(settings, access, secrets, assets, guard, new ImportJobs(settings.comments(),
        ImportJobs.daemonThreads(), Path.of(System.getProperty("java.io.tmpdir")), maxImportBytes, access.clock()));
    Routes.Builder routes = Routes.builder()
        .on("GET", "/api/thread", (c, v) -> read.thread(c))
        .on("GET", "/api/session", (c, v) -> read.session(c))
        .on("GET", "/api/challenge", (c, v) -> gate.challenge(c))
        .on("GET", "/api/counts", (c, v) -> read.counts(c))
        .on("GET", "/api/recent", (c, v) -> read.recent(c))
        .on("GET", "/api/openapi.json", (c, v) -> description.serve(c.request()))
        .on("POST", "/api/preview", (c, v) -> write.preview(c))
        .on("POST", "/api/comments", (c, v) -> write.post(c))
        .on("GET", "/api/comments/{id}", (c, v) -> read.comment(c, Fields.pathId(v.get(0))))
        .on("PUT", "/api/comments/{id}", (c, v) -> write.edit(c, Fields.pathId(v.get(0))))
        .on("DELETE", "/api/comments/{id}", (c, v) -> write.delete(c, Fields.pathId(v.get(0))))
        .on("POST", "/api/comments/{id}/like", (c, v) -> write.like(c, Fields.pathId(v.get(0))))
        .on("GET", "/api/moderation/comments", (c, v) -> moderation.list(c))
        .on("POST", "/api/moderation/comments/{id}/{action}", (c, v) -> moderation.act(c, v.get(0), v.get(1)))
        .on("GET", "/embed.js", (c, v) -> assets.serve(c.request(), "/embed.js"))
        .on("GET", "/embed.css", (c, v) -> assets.serve(c.request(), "/embed.css"))
        .on("GET", "/assets/**", (c, v) -> assets.serve(c.request(), "/assets/" + v.get(0)))
        .on("GET", "/avatar/{file}", (c, v) -> Avatars.svg(v.get(0)))
        .on("GET", "/health", (c, v) -> health.health(c))
        .on("GET", "/fragment", (c, v) -> fragments.thread(c))
        .on("POST", "/form", (c, v) -> forms.post(c))
        .on("GET", "/feed.atom", (c, v) -> feeds.site(c))
        .on("GET", "/feed/thread.atom", (c, v) -> feeds.thread(c))
        .on("GET", "/admin", (c, v) -> admin.list(c))
        .on("POST", "/admin", (c, v) -> admin.act(c))
        .on("GET", "/admin/authors", (c, v) -> authors.show(c))
        .on("POST", "/admin/authors", (c, v) -> authors.erase(c))
        .on("GET", "/admin/authors/export", (c, v) -> authors.export(c))
        .on("GET", "/admin/import", (c, v) -> imports.show(c))
        .on("POST", "/admin/import", (c, v) -> imports.upload(c))
        .on("POST", "/admin/import/{}", (c, v) -> imports.act(c, v.get(0)))
        .on("GET", "/admin/export", (c, v) -> imports.export(c));
    dev.talkback.comments.notification.Notifications notifications = settings.notifications();
    if (notifications != null) {
      NotifyPages notify = new NotifyPages(settings, access, notifications, guard, fragments);
      for (NotifyPages.Kind k : NotifyPages.Kind.values()) {
        routes.on("GET", k.path(), (c, v) -> notify.show(c, k)).on("POST", k.path(), (c, v) -> notify.act(c, k));
      }
    }
    this.routes = routes.build();
  }

  /**
   * Whether a request to this path (below the mount point) is the moderation page's file upload, whose body
   * is read as a stream while it arrives rather than into memory first.
   *
   * @param path the path below the mount point, or {@code null}
   * @return {@code true} for {@code /admin/import}
   */
  public static boolean isUpload(@Nullable String path) {
    return "/admin/import".equals(path) || "/admin/import/".equals(path);
  }

  /**
   * The largest request body a path (below the mount point) takes: the configured {@code maxBodyBytes}, but
   * more for the no-JS form ({@code /form}), whose browser percent-encodes the text.
   *
   * @param path the path below the mount point, or {@code null}
   * @return the cap in bytes
   */
  public int maxBodyBytes(@Nullable String path) {
    return "/form".equals(path) || "/form/".equals(path) ? formBodyBytes : settings.maxBodyBytes();
  }

  /**
   * The versioned path of a widget asset below the mount point.
   *
   * @param name {@code embed.js} or {@code embed.css}
   * @return a path such as {@code /assets/3f2a9c01be/embed.js}
   */
  public String assetPath(String name) {
    return assets.path(name);
  }

  /**
   * The CSP source of the stylesheet the no-JS pages carry inline.
   *
   * @return {@code 'sha256-…'}
   */
  public static String inlineStyleHash() {
    return Assets.INLINE_CSS_HASH;
  }

  /**
   * The route a path below the mount point takes, as its pattern, for metrics and logs: {@code
   * /api/comments/{id}} for {@code /api/comments/5b0c...}. Empty for a path no route takes.
   *
   * @param path the path below the mount point, such as {@code /api/thread}
   * @return the route's pattern
   */
  public java.util.Optional<String> routePattern(String path) {
    return java.util.Optional.ofNullable(routes.pattern(path));
  }

  /**
   * Every route and its methods (without the implied {@code HEAD} and {@code OPTIONS}), in the order they are
   * matched: what the API description must cover.
   *
   * @return pattern to methods
   */
  public java.util.Map<String, java.util.Set<String>> routes() {
    return routes.table();
  }

  /**
   * Handles one request; never throws.
   *
   * @param request the request, from any transport
   * @return the response, with the CORS and security headers
   */
  public Response handle(Request request) {
    Response r;
    try {
      r = route(request);
    } catch (RuntimeException e) {
      r = Problems.of(e);
    }
    guard.decorate(request, r);
    return r;
  }

  /**
   * Adds the CORS and security headers every response gets to one made outside {@link #handle}, such as a
   * 408 for a body that arrived too slowly.
   *
   * @param request the request
   * @param response the response
   * @return {@code response}, decorated
   */
  public Response decorate(Request request, Response response) {
    guard.decorate(request, response);
    return response;
  }

  private Response route(Request request) {
    String method = request.method();
    if (method.equals("OPTIONS")) {
      // 404 for a path no route takes, preflight or not; a plain OPTIONS (no Origin: not a browser's preflight)
      // asks which methods the route takes
      String allow = routes.allow(request.path());
      Response r = request.header("Origin") == null ? Response.status(204) : guard.preflight(request);
      return r.header("Allow", allow);
    }
    boolean reading = method.equals("GET") || method.equals("HEAD");
    if (!reading && request.path().startsWith("/api/")) {
      guard.checkOrigin(request);
    }
    Caller caller = new Caller(request, settings.defaultSite(), secrets);
    if (reading && request.path().equals("/api/thread")) {
      return read.thread(caller); // what the route table answers there (HEAD as GET), without its two lookups
    }
    return routes.dispatch(caller);
  }
}
