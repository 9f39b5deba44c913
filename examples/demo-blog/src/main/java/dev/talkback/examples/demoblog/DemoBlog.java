package dev.talkback.examples.demoblog;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ReadOnlyException;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.servlet.Identity;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.NotificationStore;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the demo blog: {@code java -jar examples/demo-blog/target/demo-blog.jar [port]} (default 8080,
 * or the {@code PORT} environment variable). Comments live in an H2 database under
 * {@code examples/demo-blog/data} (or {@code $TALKBACK_DEMO_DATA}). Behind a proxy, {@code $TALKBACK_DEMO_ORIGIN} names the
 * blog's public origins ({@code https://blog.example}, comma-separated), which the login and logout forms
 * accept POSTs from.
 */
public final class DemoBlog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoBlog.class);
  private final Server server;
  private final Comments comments;
  private final AutoCloseable storage;
  private final @Nullable DemoMail mail;

  private DemoBlog(Server server, Comments comments, AutoCloseable storage, @Nullable DemoMail mail) {
    this.server = server;
    this.comments = comments;
    this.storage = storage;
    this.mail = mail;
  }

  public static void main(String[] args) throws Exception {
    int port;
    try {
      port = args.length > 0 ? Integer.parseInt(args[0])
          : Integer.parseInt(Optional.ofNullable(System.getenv("PORT")).orElse("8080"));
    } catch (NumberFormatException e) {
      System.err.println("The port must be a number, such as: java -jar demo-blog.jar 9090");
      System.exit(2);
      return;
    }
    Path data = Path.of(Optional.ofNullable(System.getenv("TALKBACK_DEMO_DATA"))
        .orElse(Files.isDirectory(Path.of("examples", "demo-blog")) ? "examples/demo-blog/data" : "data"))
        .toAbsolutePath();
    Files.createDirectories(data);
    // One demo per data folder: a second one would share the H2 file and the write spool.
    FileChannel lockFile = FileChannel.open(data.resolve("demo.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = lockFile.tryLock();
    if (lock == null) {
      System.err.println("Another demo blog is already running with the data folder " + data
          + ". Stop it first, or give this one its own folder: TALKBACK_DEMO_DATA=/tmp/demo2 java -jar demo-blog.jar 9090");
      System.exit(1);
      return;
    }
    DemoStore store = DemoStore.open(data);
    List<String> origins = Optional.ofNullable(System.getenv("TALKBACK_DEMO_ORIGIN")).stream()
        .flatMap(o -> Arrays.stream(o.split(","))).map(String::strip).filter(o -> !o.isEmpty()).toList();
    DemoBlog blog;
    try {
      blog = start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), store.store(), store,
          store.outageSwitch(), Clock.systemUTC(), origins);
    } catch (IOException e) {
      if (!isBindFailure(e)) {
        throw e;
      }
      store.close();
      System.err.println("Port " + port + " is already in use (is the demo already running?). Start it on another port: "
          + "java -jar demo-blog.jar 9090 (or PORT=9090).");
      System.exit(1);
      return;
    }
    LOG.info("comments are stored in {}", data);
    Runtime.getRuntime().addShutdownHook(new Thread(blog::close, "demo-blog-shutdown"));
    LOG.info("Talkback demo blog on http://localhost:{}/  (moderation: http://localhost:{}/comments/admin, "
        + "login moderator / demo; the blog's mailbox: http://localhost:{}/mailbox)", blog.port(), blog.port(),
        blog.port());
    blog.server.join();
    lock.release();
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Starts the blog on {@code address} with comments in {@code store}; {@code storage} is closed with the
   * blog.
   */
  public static DemoBlog start(InetSocketAddress address, CommentStore store, AutoCloseable storage) throws Exception {
    return start(address, store, storage, null, Clock.systemUTC(), List.of());
  }

  /**
   * As {@link #start(InetSocketAddress, CommentStore, AutoCloseable)}, with a switch to simulate outages, the
   * clock of the login backoff, and the blog's public origins ({@code https://blog.example}; none means
   * the loopback names on the blog's port).
   */
  static DemoBlog start(InetSocketAddress address, CommentStore store, AutoCloseable storage,
      @Nullable SwitchableDataSource outageSwitch, Clock clock, List<String> origins) throws Exception {
    FormGuard guard = new FormGuard(origins);
    LoginThrottle throttle = new LoginThrottle(clock, Set.of(BlogServlet.MODERATOR), 10_000);
    Comments comments = Comments.builder().store(store).moderation(ModerationMode.LINKS).build();
    seed(comments);
    // Notifications, when the store keeps an outbox (the demo's H2 store does): the servlet serves the mails'
    // links and the "email me" boxes; DemoMail sends the mails to its embedded SMTP server.
    Optional<NotificationStore> outbox = store.notifications();
    Notifications notifications = outbox.isEmpty() ? null : Notifications.builder(comments, outbox.get(),
        SignedLinks.create(DemoStore.linkSecret(), Clock.systemUTC())).build();
    DemoMail mail = notifications == null ? null : DemoMail.open();
    CommentsServlet.Builder talkbackBuilder = CommentsServlet.builder(comments)
        .secret(DemoStore.secret())
        .identityResolver(req -> BlogServlet.isModerator(req)
            ? Optional.of(Identity.of("demo-moderator", "Demo Moderator")) : Optional.empty())
        .moderatorAuthorizer((req, site) -> BlogServlet.isModerator(req))
        .siteName("Talkback demo blog")
        .blogUrl("/")
        .logoutUrl("/logout")
        // Talkback's own pages (the no-JS form's failure pages, the mail links' pages) in the blog's layout
        .formPageTemplate("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
            + " content=\"width=device-width, initial-scale=1\"><title><!--talkback-title--> · Talkback demo</title>"
            + "<link rel=\"stylesheet\" href=\"/blog.css\"></head><body><header class=\"site\"><a class=\"brand\""
            + " href=\"/\">Talkback demo blog</a><nav>" + (notifications == null ? "" : "<a href=\"/mailbox\">Mailbox</a> ")
            + "<a href=\"/comments/admin\">Moderation</a></nav></header><main><!--talkback--></main></body></html>");
    if (notifications != null) {
      talkbackBuilder.notifications(notifications);
    }
    CommentsServlet talkback = talkbackBuilder.build();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    context.setContextPath("/");
    SessionHandler sessions = context.getSessionHandler();
    sessions.setHttpOnly(true); // scripts cannot read the session cookie
    sessions.setSameSite(HttpCookie.SameSite.LAX); // nor do other sites' POSTs carry it
    if (guard.httpsOnly()) {
      sessions.setSecureCookies(true); // behind a TLS proxy the request itself may look like http
    } else {
      sessions.setSecureRequestOnly(true); // Secure whenever the request came over https
    }
    ServletHolder holder = new ServletHolder("talkback", talkback);
    context.addServlet(holder, "/comments/*");
    BlogServlet blog = new BlogServlet(talkback, comments, outageSwitch, guard, throttle, mail);
    for (String path : List.of("/posts/*", "/login", "/logout", "/outage", "/mailbox", "/blog.css", "/favicon.svg",
        "/favicon.ico", "")) {
      context.addServlet(new ServletHolder(blog), path);
    }
    server.setHandler(context);
    server.start();
    String base = origins.isEmpty() ? "http://localhost:" + connector.getLocalPort() : origins.get(0);
    describeThreads(comments, base);
    if (mail != null && notifications != null) {
      mail.startSending(comments, notifications, base + "/comments");
    }
    return new DemoBlog(server, comments, storage, mail);
  }

  /**
   * The host says what each thread is (title and URL): readers' values never become links. A database that
   * is down at startup only leaves the threads undescribed until the next start; startup never waits on it.
   */
  private static void describeThreads(Comments comments, String base) {
    for (Post post : Post.ALL) {
      ThreadInfo info = new ThreadInfo(SiteId.DEFAULT, ThreadKey.of(post.threadKey()), post.title(),
          base + "/posts/" + post.slug(), false);
      try {
        comments.saveThread(info);
      } catch (StoreUnavailableException | ReadOnlyException e) {
        // read-only (the database is down, or a spool from before a crash waits): describe them next start
        LOG.warn("could not describe thread {} while the database is down: {}", info.key(), e.getMessage());
      }
    }
  }

  /** The port the blog listens on. */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** The comment service, for tests. */
  public Comments comments() {
    return comments;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping Jetty failed", e);
    }
    if (mail != null) {
      mail.close();
    }
    comments.close();
    try {
      storage.close();
    } catch (Exception e) {
      LOG.warn("closing the store failed", e);
    }
  }

  /**
   * A few comments on a fresh database, posted with fixed ids so a restart adds nothing. Startup never
   * depends on this read: while the database is down (or the store replays a spool left by a crash) the
   * seeding waits for the next start.
   */
  static void seed(Comments comments) {
    ThreadKey first = ThreadKey.of(Post.ALL.get(0).threadKey());
    try {
      if (comments.counts(SiteId.DEFAULT, List.of(first)).getOrDefault(first, 0) > 0) {
        return;
      }
    } catch (StoreUnavailableException e) {
      LOG.warn("not adding the sample comments while the database is unavailable: {}", e.getMessage());
      return;
    }
    CommentId ada = CommentId.parse("00000000-0000-7000-8000-000000000001");
    post(comments, first, Post.ALL.get(0).title(), ada, null, "Ada", "The spool is a neat idea. **Does it survive a crash?**");
    post(comments, first, Post.ALL.get(0).title(), CommentId.parse("00000000-0000-7000-8000-000000000002"), ada, "Grace",
        "It is fsynced before the reader is told \"queued\", so yes.");
    post(comments, ThreadKey.of(Post.ALL.get(1).threadKey()), Post.ALL.get(1).title(),
        CommentId.parse("00000000-0000-7000-8000-000000000003"), null, "Mallory", "<script>alert('xss')</script> Nice try, sanitizer.");
  }

  private static void post(Comments comments, ThreadKey key, String title, CommentId id, @Nullable CommentId parent, String name,
      String text) {
    comments.post(NewComment.builder(key).threadTitle(title).id(id).replyTo(parent).author(Author.named(name)).text(text)
        .format(dev.talkback.comments.Format.MARKDOWN).build());
  }
}
