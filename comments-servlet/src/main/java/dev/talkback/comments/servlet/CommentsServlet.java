package dev.talkback.comments.servlet;

import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.servlet.internal.AsyncBody;
import dev.talkback.comments.servlet.internal.CommentsHandler;
import dev.talkback.comments.servlet.internal.ContainerHeaders;
import dev.talkback.comments.servlet.internal.FragmentRequest;
import dev.talkback.comments.servlet.internal.Secrets;
import dev.talkback.comments.servlet.internal.Presentation;
import dev.talkback.comments.servlet.internal.Settings;
import dev.talkback.comments.servlet.internal.Response;
import dev.talkback.comments.servlet.internal.ServletRequestView;
import dev.talkback.comments.spi.RateLimitStore;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Talkback over HTTP: the JSON API, the embed widget, the no-JS fragment and form, Atom feeds, the
 * moderation page and health, under any mount path ({@code /comments/*} say).
 *
 * <p>Configured in code:
 *
 * <pre>{@code
 * CommentsServlet servlet = CommentsServlet.builder(comments)
 *     .allowedOrigins("https://blog.example")
 *     .identityResolver(req -> Optional.ofNullable(currentUser(req)).map(u -> Identity.of(u.id(), u.name())))
 *     .moderatorAuthorizer(ModeratorAuthorizer.role("moderator"))
 *     .secret(secretFromConfig)
 *     .build();
 * context.addServlet(new ServletHolder(servlet), "/comments/*");
 * }</pre>
 *
 * or, for a host with only {@code web.xml}, declared with its no-argument constructor and configured from
 * init or context parameters: {@code talkback.store-factory} names a {@link
 * dev.talkback.comments.spi.CommentStoreFactory} (such as {@code dev.talkback.comments.jdbi.JdbiStoreFactory}),
 * or {@code talkback.comments-factory} a {@code Supplier<Comments>}; {@code docs/servlet.md} lists them all.
 *
 * <p>This class only adapts the servlet API; the request handling is transport-neutral and lives in
 * {@code internal}.
 */
public class CommentsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private transient @Nullable CommentsHandler handler;
  private transient IdentityResolver identities;
  private transient ModeratorAuthorizer moderators;
  private transient @Nullable AutoCloseable owned;
  private transient int maxBodyBytes;
  private transient Duration bodyTimeout;
  private transient volatile boolean warnedBlocking;
  /** Embedded Jetty's own header API, when the servlet runs in it; else the Servlet API's {@code addHeader}. */
  private static final @Nullable ContainerHeaders CONTAINER_HEADERS = ContainerHeaders.found();

  /** For {@code web.xml}: configured from init and context parameters in {@link #init()}. */
  public CommentsServlet() {
    this.identities = IdentityResolver.anonymous();
    this.moderators = ModeratorAuthorizer.denyAll();
    this.maxBodyBytes = Builder.DEFAULT_MAX_BODY_BYTES;
    this.bodyTimeout = Builder.DEFAULT_BODY_TIMEOUT;
  }

  CommentsServlet(Builder b) {
    this.handler = new CommentsHandler(b.settings(), b.maxImportBytes);
    this.identities = b.identityResolver();
    this.moderators = b.moderatorAuthorizer();
    this.maxBodyBytes = b.maxBodyBytes;
    this.bodyTimeout = b.bodyTimeout;
  }

  /**
   * Starts configuring a servlet that serves {@code comments}.
   *
   * @param comments the comment service to serve; the servlet does not close it
   * @return a builder with the defaults of docs/servlet.md
   */
  public static Builder builder(Comments comments) {
    return new Builder(comments);
  }

  /**
   * Configures a {@link CommentsServlet}; every setter checks its argument at once. Not thread-safe; the
   * servlet it builds is.
   */
  public static final class Builder {
    private final Comments comments;
    private SiteId defaultSite = SiteId.DEFAULT;
    private Set<String> allowedOrigins = Set.of();
    private byte @Nullable [] secret;
    static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(20);
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
    private long maxImportBytes = CommentsHandler.DEFAULT_MAX_IMPORT_BYTES;
    private RateLimit postsPerClient = RateLimit.perMinute(5);
    private RateLimit postsPerThread = RateLimit.perMinute(30);
    private RateLimit actionsPerClient = RateLimit.perMinute(60);
    private @Nullable RateLimitStore sharedLimits;
    private Duration minFormTime = Duration.ofSeconds(3);
    private Duration maxFormAge = Duration.ofDays(1);
    private @Nullable String publicUrl;
    private @Nullable String healthToken;
    private boolean proofOfWork;
    private long proofOfWorkComplexity = Settings.DEFAULT_PROOF_OF_WORK_COMPLEXITY;
    private IdentityResolver identityResolver = IdentityResolver.anonymous();
    private ModeratorAuthorizer moderatorAuthorizer = ModeratorAuthorizer.denyAll();
    private @Nullable String blogUrl;
    private @Nullable String logoutUrl;
    private @Nullable String formPageTemplate;
    private @Nullable String siteName;
    private @Nullable Notifications notifications;

    Builder(Comments comments) {
      this.comments = Objects.requireNonNull(comments, "comments");
    }

    /**
     * The site of requests without a {@code site} parameter; {@link SiteId#DEFAULT} by default.
     *
     * @param site the default site
     * @return this builder
     */
    public Builder defaultSite(SiteId site) {
      this.defaultSite = Objects.requireNonNull(site, "site");
      return this;
    }

    /**
     * Origins ({@code https://blog.example}) whose pages may call the API from the browser when the comment
     * server is on another origin, and post to it. The server's own origin is always allowed. None by default.
     *
     * @param origins http(s) origins such as {@code https://blog.example}; replaces earlier ones
     * @return this builder
     * @throws IllegalArgumentException if one is not an http(s) origin (user info, a path other than
     *     {@code /}, a query or a fragment are refused)
     */
    public Builder allowedOrigins(String... origins) {
      Set<String> s = new LinkedHashSet<>();
      for (String o : origins) {
        Objects.requireNonNull(o, "origin");
        if (!isOrigin(o)) {
          throw new IllegalArgumentException(
              "an origin is scheme://host[:port] with an http(s) scheme, such as https://blog.example: " + o);
        }
        s.add(o);
      }
      this.allowedOrigins = Set.copyOf(s);
      return this;
    }

    /**
     * The server secret that keys IP hashes and signs form tokens; at least 16 bytes. Set one from your
     * configuration: without it a random one is made at start, and IP hashes (and IP blocks) change with
     * every restart.
     *
     * @param secret at least 16 bytes; copied
     * @return this builder
     * @throws IllegalArgumentException if it is shorter
     */
    public Builder secret(byte[] secret) {
      if (secret.length < 16) {
        throw new IllegalArgumentException("the secret must have at least 16 bytes, it has " + secret.length);
      }
      this.secret = secret.clone();
      return this;
    }

    /**
     * The largest request body accepted; 64 KiB by default. Larger bodies are answered 413.
     *
     * @param bytes at least 1024
     * @return this builder
     * @throws IllegalArgumentException if it is smaller
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1024: " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * The largest file a moderator may upload to import on the moderation page ({@code /admin/import});
     * 256 MiB by default. A larger upload is answered 413 with a page that says so and points to the command
     * line ({@code talkback.jar import}), which has no limit. In {@code web.xml}: {@code
     * talkback.max-import-bytes}.
     *
     * @param bytes at least 1024
     * @return this builder
     * @throws IllegalArgumentException if it is smaller
     */
    public Builder maxImportBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxImportBytes must be at least 1024: " + bytes);
      }
      this.maxImportBytes = bytes;
      return this;
    }

    /**
     * The longest a client may take to send a whole request body, counted from the start of the request; 20
     * seconds by default. A slower client is answered 408 and its connection closed. While a body arrives no
     * container thread waits for it (Servlet async I/O), so many slow clients do not keep readers waiting;
     * that needs the servlet, and every filter before it, to be async-supported (see docs/servlet.md).
     *
     * @param timeout at least one second, at most ten minutes
     * @return this builder
     * @throws IllegalArgumentException if it is outside that range
     */
    public Builder bodyTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("bodyTimeout must be from 1 second to 10 minutes: " + timeout);
      }
      this.bodyTimeout = timeout;
      return this;
    }

    /**
     * Posts per client address; 5 a minute by default.
     *
     * @param limit the token bucket per client address
     * @return this builder
     */
    public Builder postsPerClient(RateLimit limit) {
      this.postsPerClient = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Posts per thread, from everyone together; 30 a minute by default.
     *
     * @param limit the token bucket per thread
     * @return this builder
     */
    public Builder postsPerThread(RateLimit limit) {
      this.postsPerThread = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Likes, edits, deletes and previews per client address; 60 a minute by default.
     *
     * @param limit the token bucket per client address
     * @return this builder
     */
    public Builder actionsPerClient(RateLimit limit) {
      this.actionsPerClient = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * Keeps the rate limits' token buckets where every node sees them, so that a limit holds for a client
     * (or a thread) however the load balancer spreads its requests: {@code JdbiCommentStore.rateLimits()}
     * in the comment database. By default each node counts in its own memory, so N nodes allow up to N times
     * each limit. While the shared buckets cannot be reached (the database is down) the node counts in its
     * own memory again, and tries the shared ones again 10 seconds later: an outage never refuses a post
     * that the spool could keep.
     *
     * @param store the shared buckets
     * @return this builder
     */
    public Builder rateLimitStore(RateLimitStore store) {
      this.sharedLimits = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The no-JS form's time trap: a form sent back sooner than this after it was rendered is refused (with
     * the text kept); 3 seconds by default. Forms older than {@code maxAge} (a day by default) are refused too.
     *
     * @param min the least time between rendering a form and sending it; zero or more
     * @param maxAge the greatest age of a form; more than {@code min}
     * @return this builder
     * @throws IllegalArgumentException unless {@code 0 <= min < maxAge}
     */
    public Builder formTimeTrap(Duration min, Duration maxAge) {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(maxAge, "maxAge");
      if (min.isNegative() || maxAge.compareTo(min) <= 0) {
        throw new IllegalArgumentException("need 0 <= min < maxAge: " + min + ", " + maxAge);
      }
      this.minFormTime = min;
      this.maxFormAge = maxAge;
      return this;
    }

    /**
     * The absolute URL of the mount point as browsers reach it ({@code https://comments.example/comments}),
     * used in the no-JS fragment when the blog fetches it from another address. Its origin is the server's
     * own public origin: allowed to post and as a form's return URL, whatever the request's {@code Host}
     * header says (set it to resist DNS rebinding). By default links are paths relative to the request's own
     * mount point, and a post is taken as same-origin when its {@code Origin} matches {@code Host}.
     *
     * @param url an http(s) URL; a trailing slash is dropped
     * @return this builder
     * @throws IllegalArgumentException if it is not an http(s) URL
     */
    public Builder publicUrl(String url) {
      Objects.requireNonNull(url, "url");
      if ((!url.startsWith("http://") && !url.startsWith("https://")) || url.contains("@") || url.contains("\\")) {
        throw new IllegalArgumentException("publicUrl must be an http(s) URL: " + url);
      }
      this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      return this;
    }

    /**
     * A token that shows {@code /health}'s details (store mode, databases, spool, errors, cache) to a client
     * that sends {@code Authorization: Bearer <token>}, such as a monitoring system. Without it the details
     * are shown to moderators only; everyone else gets {@code {"status": "ok"}} or {@code "degraded"}.
     *
     * @param token at least 16 characters, from your configuration
     * @return this builder
     * @throws IllegalArgumentException if it is shorter or holds spaces or control characters
     */
    public Builder healthToken(String token) {
      Objects.requireNonNull(token, "token");
      if (token.length() < 16 || token.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
        throw new IllegalArgumentException("the health token needs at least 16 characters and no spaces");
      }
      this.healthToken = token;
      return this;
    }

    /**
     * Turns ALTCHA proof of work on or off (off by default). When on, an anonymous post from the widget must
     * carry the solution of a challenge from {@code GET /api/challenge}, which the widget fetches and solves
     * (SHA-256, in the reader's browser, no cookie, no third party); a post without a valid, unexpired,
     * unused solution is not refused but held for a moderator, and says so. The no-JS form cannot solve a
     * challenge: its anonymous posts are held for a moderator (it keeps its honeypot and time trap). Readers
     * the {@link IdentityResolver} knows are not asked.
     *
     * @param enabled whether anonymous posts need a proof of work
     * @return this builder
     */
    public Builder proofOfWork(boolean enabled) {
      this.proofOfWork = enabled;
      return this;
    }

    /**
     * How hard a challenge is: the largest secret number of an ALTCHA challenge; a browser tries half of
     * them on average (50,000 by default: about a quarter of a second on a phone; each doubling doubles the
     * work of a spammer and of a reader alike).
     *
     * @param maxNumber 1,000 to 10,000,000, else {@link IllegalArgumentException}
     * @return this builder
     */
    public Builder proofOfWorkComplexity(long maxNumber) {
      if (maxNumber < 1_000 || maxNumber > 10_000_000) {
        throw new IllegalArgumentException("proof-of-work complexity must be 1,000 to 10,000,000: " + maxNumber);
      }
      this.proofOfWorkComplexity = maxNumber;
      return this;
    }

    /**
     * Who is logged in to the host; anonymous by default.
     *
     * @param resolver the host's resolver
     * @return this builder
     */
    public Builder identityResolver(IdentityResolver resolver) {
      this.identityResolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Who may moderate; nobody by default.
     *
     * @param authorizer the host's authorizer
     * @return this builder
     */
    public Builder moderatorAuthorizer(ModeratorAuthorizer authorizer) {
      this.moderatorAuthorizer = Objects.requireNonNull(authorizer, "authorizer");
      return this;
    }

    /**
     * Where the moderation page's "Back to the blog" link goes (default: {@code /}, the site's root).
     *
     * @param url an http(s) URL or a path starting with {@code /}
     * @return this builder
     * @throws IllegalArgumentException if it is neither
     */
    public Builder blogUrl(String url) {
      this.blogUrl = link(url, "blogUrl");
      return this;
    }

    /**
     * The host's logout URL, linked from the moderation page (default: no logout link).
     *
     * @param url an http(s) URL or a path starting with {@code /}
     * @return this builder
     * @throws IllegalArgumentException if it is neither
     */
    public Builder logoutUrl(String url) {
      this.logoutUrl = link(url, "logoutUrl");
      return this;
    }

    /**
     * The page the no-JS form's failure pages ("too fast", a missing field, rate limited) are shown in, so
     * they look like the blog: the host's HTML with {@code <!--talkback-->} where the form goes and,
     * optionally, {@code <!--talkback-title-->} where the page title goes. The form links the widget's
     * stylesheet itself. Default: a plain page of Talkback's own.
     *
     * @param html the page template; trusted HTML from the host, written as it is
     * @return this builder
     * @throws IllegalArgumentException if it has no {@code <!--talkback-->}
     */
    public Builder formPageTemplate(String html) {
      Objects.requireNonNull(html, "html");
      if (!html.contains(Presentation.SLOT)) {
        throw new IllegalArgumentException("formPageTemplate must contain " + Presentation.SLOT + " where the form goes");
      }
      this.formPageTemplate = html;
      return this;
    }

    /**
     * The blog's name, for the title of the site's Atom feed ("Comments on My Blog"; default: the site id).
     *
     * @param name the blog's name, not blank
     * @return this builder
     * @throws IllegalArgumentException if it is blank
     */
    public Builder siteName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("siteName must not be blank");
      }
      this.siteName = name.strip();
      return this;
    }

    /**
     * Turns on the web side of notifications (off by default): the pages of the signed links in the mails
     * ({@code /notify/confirm}, {@code /notify/unsubscribe} with the RFC 8058 one-click POST, and the
     * moderator's {@code /notify/moderate}: a GET shows what the link would do and changes nothing, a POST
     * does it), and the "email me replies" and "all new comments on this post" boxes of the widget and the
     * no-JS form, which subscribe the reader after a successful post (double opt-in: the first mail to an
     * address asks to confirm it). The mails themselves are sent by an outbox sender such as {@code
     * comments-notify}'s {@code OutboxSender}, with the same {@code SignedLinks} secret and with this
     * servlet's public URL as its link base. See docs/notifications.md.
     *
     * @param notifications the subscriptions and link checks, built on the same {@code Comments} as the
     *     servlet
     * @return this builder
     */
    public Builder notifications(Notifications notifications) {
      this.notifications = Objects.requireNonNull(notifications, "notifications");
      return this;
    }

    private static String link(String url, String what) {
      Objects.requireNonNull(url, what);
      String u = url.trim();
      boolean path = u.startsWith("/") && !u.startsWith("//");
      if (!path && !isHttpUrl(u)) {
        throw new IllegalArgumentException(what + " must be an http(s) URL or a path starting with '/': " + url);
      }
      return u;
    }

    private static boolean isHttpUrl(String u) {
      try {
        URI uri = new URI(u);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
      } catch (URISyntaxException e) {
        return false;
      }
    }

    /**
     * The servlet, ready to mount.
     *
     * @return a new servlet; its handler is ready, no {@code init()} needed
     */
    public CommentsServlet build() {
      return new CommentsServlet(this);
    }

    private static boolean isOrigin(String o) {
      if (o.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '\\')) {
        return false;
      }
      try {
        URI u = new URI(o);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        String path = u.getRawPath();
        return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null
            && u.getRawUserInfo() == null && (path == null || path.isEmpty() || path.equals("/"))
            && u.getRawQuery() == null && u.getRawFragment() == null;
      } catch (URISyntaxException e) {
        return false;
      }
    }

    Settings settings() {
      byte[] s = secret != null ? secret : Secrets.randomSecret();
      return new Settings(comments, defaultSite, allowedOrigins, new Secrets(s), maxBodyBytes, postsPerClient, postsPerThread,
          actionsPerClient, minFormTime, maxFormAge, publicUrl, healthToken, proofOfWork, proofOfWorkComplexity,
          new Presentation(identityResolver::avatarUrl, blogUrl, logoutUrl, formPageTemplate, siteName), notifications,
          sharedLimits);
    }

    IdentityResolver identityResolver() {
      return identityResolver;
    }

    ModeratorAuthorizer moderatorAuthorizer() {
      return moderatorAuthorizer;
    }
  }

  @Override
  public void init() throws ServletException {
    if (handler == null) {
      WebXmlConfiguration.Configured c = WebXmlConfiguration.configure(getServletConfig());
      this.handler = new CommentsHandler(c.builder().settings(), c.builder().maxImportBytes);
      this.identities = c.builder().identityResolver();
      this.moderators = c.builder().moderatorAuthorizer();
      this.maxBodyBytes = c.builder().maxBodyBytes;
      this.bodyTimeout = c.builder().bodyTimeout;
      this.owned = c.owned();
    }
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    CommentsHandler h = handler;
    if (h == null) {
      resp.sendError(503, "Talkback is not initialised");
      return;
    }
    boolean hasBody = hasBody(req); // a GET has none: nothing more is asked of it before it is handled
    int maxBytes = hasBody ? h.maxBodyBytes(req.getPathInfo()) : maxBodyBytes;
    if (hasBody && AsyncBody.wanted(req, maxBytes) && !CommentsHandler.isUpload(req.getPathInfo())) {
      // The body arrives without holding a container thread; the request is handled once it is all here, on
      // another thread. The host's resolvers may read thread-bound state (Spring Security's
      // SecurityContextHolder), so they are asked now, on the request's own thread.
      IdentityResolver askedNow = askedNow(req, identities);
      ModeratorAuthorizer moderatorsNow = askedNow(req, moderators);
      AsyncBody.read(req, resp, maxBytes, bodyTimeout, new AsyncBody.Handler() {
        @Override
        public void body(byte[] body) throws IOException {
          ServletRequestView view = new ServletRequestView(req, askedNow, moderatorsNow, body);
          write(req, resp, h.handle(view), false, view.included());
        }

        @Override
        public void failed(Response problem) throws IOException {
          ServletRequestView view = new ServletRequestView(req, askedNow, moderatorsNow, new byte[0]);
          write(req, resp, h.decorate(view, problem), false, view.included());
        }
      });
      return;
    }
    if (hasBody && !req.isAsyncSupported() && !warnedBlocking) {
      warnedBlocking = true;
      log("Talkback reads request bodies on the container's thread because this servlet (or a filter before it)"
          + " is not async-supported; slow clients can then hold threads. Mark it async-supported (web.xml:"
          + " <async-supported>true</async-supported>).");
    }
    ServletRequestView view = new ServletRequestView(req, identities, moderators);
    write(req, resp, h.handle(view), hasBody, view.included());
  }

  /** The identity resolved on the request's thread, for a request handled on another. */
  private static IdentityResolver askedNow(HttpServletRequest req, IdentityResolver resolver) {
    Optional<Identity> who = resolver.resolve(req);
    return r -> who;
  }

  /**
   * The moderator decision for the default site and the site the query names, made on the request's thread;
   * another site is asked later.
   */
  private static ModeratorAuthorizer askedNow(HttpServletRequest req, ModeratorAuthorizer authorizer) {
    Map<SiteId, Boolean> now = new HashMap<>();
    now.put(SiteId.DEFAULT, authorizer.mayModerate(req, SiteId.DEFAULT));
    String q = req.getQueryString();
    if (q != null) {
      for (String pair : q.split("&", -1)) {
        if (pair.startsWith("site=")) {
          try {
            SiteId site = SiteId.of(URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8));
            now.put(site, authorizer.mayModerate(req, site));
          } catch (IllegalArgumentException e) {
            // not a site id: the handler refuses it
          }
        }
      }
    }
    return (r, site) -> {
      Boolean decided = now.get(site);
      return decided != null ? decided : authorizer.mayModerate(r, site);
    };
  }

  private static void write(HttpServletRequest req, HttpServletResponse resp, Response r, boolean bodyUnread,
      boolean included) throws IOException {
    if (included && r.status() >= 400) {
      // inside the host's page: readable HTML, never a problem document
      resp.getWriter().write(FragmentRequest.html(r));
      return;
    }
    if (!included) {
      resp.setStatus(r.status());
      ContainerHeaders container = CONTAINER_HEADERS;
      if (container == null || !container.add(resp, r)) {
        if (r.streamed() == null) {
          resp.setContentLength(r.body().length); // before the other headers: Jetty then finds no field to replace
        }
        for (int i = 0, n = r.headerCount(); i < n; i++) {
          resp.addHeader(r.headerName(i), r.headerValue(i));
        }
      }
      if (r.status() >= 400 && bodyUnread) {
        // An error may be answered before the body was read; the container then closes the connection
        // instead of reading what is left, so tell the client not to send its next request on it.
        resp.setHeader("Connection", "close");
      }
    }
    Response.Streamed streamed = r.streamed();
    if (streamed != null && !included) {
      if (!req.getMethod().equals("HEAD")) {
        // a download too large to hold (a site's export): written as it is produced, in constant memory
        streamed.writeTo(resp.getOutputStream());
      }
      return;
    }
    if (r.body().length > 0 && !req.getMethod().equals("HEAD")) {
      try {
        resp.getOutputStream().write(r.body());
      } catch (IllegalStateException includedAfterGetWriter) {
        resp.getWriter().write(new String(r.body(), StandardCharsets.UTF_8));
      }
    }
  }

  @Override
  public void destroy() {
    AutoCloseable o = owned;
    if (o != null) {
      try {
        o.close();
      } catch (Exception e) {
        log("closing Talkback failed", e);
      }
    }
  }

  /**
   * The path below the mount point of a widget file with its version, such as {@code
   * /assets/3f2a9c01be/embed.js}: cached by browsers for a year, and changed by every release.
   *
   * @param name {@code embed.js} or {@code embed.css}
   * @return the path, to put after the mount point in a {@code <script>} or {@code <link>}
   * @throws IllegalStateException before a servlet declared in {@code web.xml} is initialised
   */
  public String assetPath(String name) {
    CommentsHandler h = handler;
    if (h == null) {
      throw new IllegalStateException("the servlet is not initialised yet");
    }
    return h.assetPath(name);
  }

  /**
   * The Content-Security-Policy source that allows the stylesheet the no-JS fragment carries inline, such as
   * {@code 'sha256-3q2+7w…='}: add it to the {@code style-src} of pages that include the fragment. The
   * fragment then paints with its first bytes, without waiting for a stylesheet request; without it the
   * browser refuses the inline copy (and says so in its console) and styles the fragment when the linked
   * {@code embed.css} at the fragment's end has loaded. It changes only with Talkback's {@code embed.css},
   * that is with a release: compute it at startup, do not copy it into configuration.
   *
   * <pre>{@code
   * response.setHeader("Content-Security-Policy",
   *     "default-src 'self'; style-src 'self' " + CommentsServlet.fragmentStyleHash());
   * }</pre>
   *
   * @return a CSP hash source, quoted as {@code style-src} wants it
   */
  public static String fragmentStyleHash() {
    return CommentsHandler.inlineStyleHash();
  }

  /**
   * The route a request to this servlet takes, as a pattern with the servlet's path: {@code
   * /comments/api/comments/{id}} for {@code /comments/api/comments/5b0c...}. A name of few values for HTTP
   * metrics and logs (Spring's {@code http.server.requests} {@code uri} tag, say), where the raw path would
   * make one series per comment. Empty for a path no route takes (a 404) and before a servlet declared in
   * {@code web.xml} is initialised.
   *
   * @param request a request mapped to this servlet (in a filter or in the servlet)
   * @return the pattern, or empty
   */
  public java.util.Optional<String> routePattern(HttpServletRequest request) {
    CommentsHandler h = handler;
    if (h == null) {
      return java.util.Optional.empty();
    }
    String path = request.getPathInfo();
    return h.routePattern(path == null || path.isEmpty() ? "/" : path).map(p -> request.getServletPath() + p);
  }

  /**
   * Renders a thread's no-JS fragment for the host's own page, as {@code GET <mount>/fragment} would: the
   * comments and the form, in HTML escaped by construction. The reader is the one of {@code request} (the
   * host page's request: its identity, cookies and address). When the comment database is down and nothing
   * is cached, the HTML says so and still has the form (which queues comments when there is a write spool);
   * it is never a JSON document. For a template engine: put the result into the page unescaped.
   *
   * @param request the host page's request
   * @param fragment which thread
   * @return the fragment's HTML
   * @throws IllegalArgumentException if the fragment is refused, such as a return URL on a foreign origin
   * @throws IllegalStateException if the mount path is unknown: set {@link ThreadFragment.Builder#mountPath}
   */
  public String renderFragment(HttpServletRequest request, ThreadFragment fragment) {
    CommentsHandler h = handler;
    if (h == null) {
      throw new IllegalStateException("the servlet is not initialised yet");
    }
    Response r = h.handle(new FragmentRequest(new ServletRequestView(request, identities, moderators),
        mountPath(request, fragment), fragment.query()));
    if (r.status() >= 400 && r.status() < 500) {
      throw new IllegalArgumentException("Talkback refused the fragment: " + FragmentRequest.detail(r));
    }
    return FragmentRequest.html(r);
  }

  /**
   * Writes a thread's no-JS fragment to {@code out}; see {@link #renderFragment}.
   *
   * @param request the host page's request
   * @param fragment which thread
   * @param out where the HTML goes, such as the response's writer or a template's
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if the fragment is refused
   * @throws IllegalStateException if the mount path is unknown
   */
  public void writeFragment(HttpServletRequest request, ThreadFragment fragment, Writer out) throws IOException {
    out.write(renderFragment(request, fragment));
  }

  private String mountPath(HttpServletRequest request, ThreadFragment fragment) {
    String m = fragment.mountPath();
    if (m != null) {
      return m;
    }
    @Nullable ServletRegistration reg = getServletConfig() == null ? null
        : getServletContext().getServletRegistration(getServletName());
    if (reg != null) {
      for (String mapping : reg.getMappings()) {
        if (mapping.endsWith("/*")) {
          return request.getContextPath() + mapping.substring(0, mapping.length() - 2);
        }
      }
    }
    throw new IllegalStateException("Talkback does not know where it is mounted yet: give the fragment a mount"
        + " path (ThreadFragment.Builder.mountPath(\"/comments\"))");
  }

  private static boolean hasBody(HttpServletRequest req) {
    return req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null;
  }
}
