package dev.talkback.comments.servlet;

import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.CommentStoreFactory;
import dev.talkback.comments.spi.InvalidationBus;
import dev.talkback.comments.spi.RateLimitStore;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link CommentsServlet} declared in {@code web.xml}, from its init parameters or, failing
 * those, the context parameters of the same name. Where the service comes from: {@code
 * talkback.comments-factory} (a {@code Supplier<Comments>}) or {@code talkback.store-factory} (a {@link
 * CommentStoreFactory} such as {@code dev.talkback.comments.jdbi.JdbiStoreFactory}, with {@link StoreSettings}
 * around its store). Then one parameter per builder setting ({@code talkback.secret}, required, {@code
 * talkback.allowed-origins}, {@code talkback.identity}, {@code talkback.moderator-role}, ...). With {@code
 * talkback.cluster} (several app nodes on one database) the store factory also gives the invalidation bus, which
 * {@code Comments} listens on, and the shared rate-limit store, which the servlet takes its tokens from;
 * {@code docs/servlet.md} has the table of them all.
 *
 * <p>Classes are loaded by the names given, with the web application's class loader; nothing is discovered.
 * Every configuration error is a permanent {@link UnavailableException} at {@code init()} whose message names
 * the parameter and what to set.
 */
final class WebXmlConfiguration {
  static final String COMMENTS_FACTORY = "talkback.comments-factory";
  static final String STORE_FACTORY = "talkback.store-factory";
  static final String SPOOL = "talkback.spool";
  static final String SECRET = "talkback.secret";
  static final String IDENTITY = "talkback.identity";
  static final String MODERATOR_ROLE = "talkback.moderator-role";
  static final String MODERATOR_AUTHORIZER = "talkback.moderator-authorizer";
  static final String FORM_PAGE_TEMPLATE = "talkback.form-page-template";
  static final String CLUSTER = "talkback.cluster";
  private static final String PREFIX = "talkback.";

  private WebXmlConfiguration() {}

  /**
   * A builder and what the servlet must close when destroyed.
   *
   * @param builder the configured builder
   * @param owned the comments (and store) the servlet made and closes on {@code destroy()}
   */
  record Configured(CommentsServlet.Builder builder, AutoCloseable owned) {}

  /**
   * Reads the parameters and builds what they describe.
   *
   * @throws UnavailableException (permanent) for a configuration error: the container logs it once, fails the
   *     deployment or answers 503 without trying again; the message names the parameter and what to set
   */
  static Configured configure(ServletConfig config) throws ServletException {
    InitParams params = new InitParams(params(config));
    byte[] secret = secret(params); // first: a missing secret is reported before a database is touched
    Comments comments;
    AutoCloseable owned;
    @Nullable RateLimitStore sharedLimits = null;
    String factory = params.string(COMMENTS_FACTORY);
    String storeFactory = params.string(STORE_FACTORY);
    String cluster = params.string(CLUSTER);
    boolean severalNodes = cluster != null && !cluster.equalsIgnoreCase("off") && !cluster.equalsIgnoreCase("false");
    if (factory != null && severalNodes) {
      throw unavailable("Talkback: " + CLUSTER + " works with " + STORE_FACTORY + "; with " + COMMENTS_FACTORY
          + " your Supplier<Comments> builds Comments, so give it the invalidation bus itself (docs/jdbi.md), or"
          + " remove " + CLUSTER, null);
    }
    if (factory != null) {
      Object supplier = instantiate(COMMENTS_FACTORY, factory, Supplier.class, "java.util.function.Supplier<Comments>");
      if (!(supplier instanceof Supplier<?> s) || !(s.get() instanceof Comments c)) {
        throw unavailable("Talkback: " + factory + ".get() must return a dev.talkback.comments.Comments", null);
      }
      comments = c;
      owned = c;
    } else if (storeFactory != null) {
      CommentStoreFactory storeMaker = storeFactory(storeFactory);
      Map<String, String> settings = storeSettings(params);
      CommentStore store = store(storeMaker, storeFactory, settings);
      @Nullable InvalidationBus bus;
      try {
        bus = storeMaker.invalidationBus(store, settings).orElse(null);
        sharedLimits = storeMaker.rateLimitStore(store, settings).orElse(null);
      } catch (RuntimeException e) {
        close(store);
        throw unavailable("Talkback: " + storeFactory + " could not set up several nodes: " + e.getMessage(), e);
      }
      if (severalNodes && (bus == null || sharedLimits == null)) {
        close(bus);
        close(store);
        throw unavailable("Talkback: " + CLUSTER + "=" + cluster + " is set, but " + storeFactory + " makes no "
            + (bus == null ? "invalidation bus" : "shared rate-limit store") + " for several nodes: use"
            + " dev.talkback.comments.jdbi.JdbiStoreFactory on PostgreSQL (" + CLUSTER + "=postgres), or remove "
            + CLUSTER, null);
      }
      CommentStore used;
      try {
        used = StoreSettings.fallback(store, params, storeMaker.replicas(settings));
      } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
        close(bus);
        close(store);
        throw unavailable("Talkback: invalid init parameter: " + e.getMessage(), e);
      }
      Comments built;
      try {
        built = StoreSettings.comments(used, params, bus);
      } catch (IllegalArgumentException e) {
        close(used);
        close(bus);
        close(store);
        throw unavailable("Talkback: invalid init parameter: " + e.getMessage(), e);
      }
      @Nullable InvalidationBus startedBus = bus;
      owned = () -> {
        built.close(); // closes its store: the factory's, or the fallback store that wraps it
        if (startedBus instanceof AutoCloseable b) {
          b.close(); // after Comments, which listened on it
        }
        if (used != store && store instanceof AutoCloseable a) {
          a.close(); // the fallback store leaves the stores it wraps open
        }
      };
      comments = built;
    } else {
      throw unavailable("Talkback: set the init parameter " + STORE_FACTORY + " (a CommentStoreFactory:"
          + " dev.talkback.comments.jdbi.JdbiStoreFactory from dev.talkback:comments-jdbi reads talkback.datasource"
          + " or talkback.jdbc.url) or " + COMMENTS_FACTORY + " (a Supplier<Comments>); see docs/servlet.md", null);
    }
    try {
      CommentsServlet.Builder b = builder(comments, secret, params, config.getServletContext());
      if (sharedLimits != null) {
        b.rateLimitStore(sharedLimits); // every node takes from the same token buckets
      }
      return new Configured(b, owned);
    } catch (IllegalArgumentException e) {
      close(owned);
      throw unavailable("Talkback: invalid init parameter: " + e.getMessage(), e);
    } catch (ServletException e) {
      close(owned);
      throw e;
    }
  }

  private static byte[] secret(InitParams params) throws UnavailableException {
    String action = " Set the init parameter (or context parameter) " + SECRET + " to a random value of at least 16"
        + " characters, or base64:<value> (for example the output of 'openssl rand -base64 32'), the same on every"
        + " node and across restarts: it keys IP hashes and signs form tokens.";
    String secret = params.raw(SECRET);
    if (secret == null) {
      throw unavailable("Talkback: " + SECRET + " is not set." + action, null);
    }
    byte[] bytes;
    if (secret.regionMatches(true, 0, "base64:", 0, 7)) {
      try {
        bytes = Base64.getDecoder().decode(secret.substring(7).trim());
      } catch (IllegalArgumentException e) {
        throw unavailable("Talkback: " + SECRET + " starts with base64: but the rest is not base64." + action, e);
      }
    } else {
      bytes = secret.getBytes(StandardCharsets.UTF_8);
    }
    if (bytes.length < 16) {
      throw unavailable("Talkback: " + SECRET + " is too short: " + bytes.length + " bytes, at least 16 are needed."
          + action, null);
    }
    return bytes;
  }

  private static CommentsServlet.Builder builder(Comments comments, byte[] secret, InitParams params,
      ServletContext context) throws ServletException {
    CommentsServlet.Builder b = CommentsServlet.builder(comments).secret(secret);
    String origins = params.string("talkback.allowed-origins");
    if (origins != null) {
      b.allowedOrigins(Arrays.stream(origins.split(",", -1)).map(String::trim).filter(s -> !s.isEmpty())
          .toArray(String[]::new));
    }
    String site = params.string("talkback.site");
    if (site != null) {
      b.defaultSite(SiteId.of(site));
    }
    Long maxBody = params.bytes("talkback.max-body-size");
    if (maxBody != null) {
      b.maxBodyBytes((int) Math.min(Integer.MAX_VALUE, maxBody));
    }
    Duration bodyTimeout = params.duration("talkback.body-timeout");
    if (bodyTimeout != null) {
      b.bodyTimeout(bodyTimeout);
    }
    RateLimit postsPerClient = params.rateLimit("talkback.rate-limit.posts-per-client");
    if (postsPerClient != null) {
      b.postsPerClient(postsPerClient);
    }
    RateLimit postsPerThread = params.rateLimit("talkback.rate-limit.posts-per-thread");
    if (postsPerThread != null) {
      b.postsPerThread(postsPerThread);
    }
    RateLimit actionsPerClient = params.rateLimit("talkback.rate-limit.actions-per-client");
    if (actionsPerClient != null) {
      b.actionsPerClient(actionsPerClient);
    }
    Duration trapMin = params.duration("talkback.time-trap.min");
    Duration trapMaxAge = params.duration("talkback.time-trap.max-age");
    if (trapMin != null || trapMaxAge != null) {
      if (trapMin == null || trapMaxAge == null) {
        throw new IllegalArgumentException("set both talkback.time-trap.min and talkback.time-trap.max-age"
            + " (the defaults are 3s and 1d)");
      }
      b.formTimeTrap(trapMin, trapMaxAge);
    }
    String publicUrl = params.string("talkback.public-url");
    if (publicUrl != null) {
      b.publicUrl(publicUrl);
    }
    String healthToken = params.raw("talkback.health-token");
    if (healthToken != null) {
      b.healthToken(healthToken);
    }
    String blog = params.string("talkback.blog-url");
    if (blog != null) {
      b.blogUrl(blog);
    }
    String logout = params.string("talkback.logout-url");
    if (logout != null) {
      b.logoutUrl(logout);
    }
    String name = params.string("talkback.site-name");
    if (name != null) {
      b.siteName(name);
    }
    b.proofOfWork(params.flag("talkback.proof-of-work", false));
    Long complexity = params.number("talkback.proof-of-work-complexity");
    if (complexity != null) {
      b.proofOfWorkComplexity(complexity);
    }
    String template = params.string(FORM_PAGE_TEMPLATE);
    if (template != null) {
      b.formPageTemplate(resource(context, template));
    }
    b.identityResolver(identity(params.string(IDENTITY)));
    String role = params.string(MODERATOR_ROLE);
    String authorizer = params.string(MODERATOR_AUTHORIZER);
    if (role != null && authorizer != null) {
      throw new IllegalArgumentException("set " + MODERATOR_ROLE + " or " + MODERATOR_AUTHORIZER + ", not both");
    }
    if (role != null) {
      b.moderatorAuthorizer(ModeratorAuthorizer.role(role));
    } else if (authorizer != null) {
      b.moderatorAuthorizer((ModeratorAuthorizer) instantiate(MODERATOR_AUTHORIZER, authorizer,
          ModeratorAuthorizer.class, ModeratorAuthorizer.class.getName()));
    }
    Long importBytes = params.bytes("talkback.max-import-bytes");
    if (importBytes != null) {
      b.maxImportBytes(importBytes);
    }
    return b;
  }

  private static IdentityResolver identity(@Nullable String value) throws ServletException {
    if (value == null || value.equalsIgnoreCase("anonymous")) {
      return IdentityResolver.anonymous();
    }
    if (value.equalsIgnoreCase("container")) {
      return IdentityResolver.containerLogin();
    }
    if (!value.contains(".")) {
      throw new IllegalArgumentException(IDENTITY + " must be anonymous, container or the name of a class that"
          + " implements " + IdentityResolver.class.getName() + ", not '" + value + "'");
    }
    return (IdentityResolver) instantiate(IDENTITY, value, IdentityResolver.class, IdentityResolver.class.getName());
  }

  /** A page template from the web application ({@code /WEB-INF/talkback-form.html}), UTF-8. */
  private static String resource(ServletContext context, String path) throws ServletException {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(FORM_PAGE_TEMPLATE + " must be a path in the web application starting with"
          + " '/', such as /WEB-INF/talkback-form.html, not '" + path + "'");
    }
    try (InputStream in = context.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException(FORM_PAGE_TEMPLATE + ": the web application has no file " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw unavailable("Talkback: " + FORM_PAGE_TEMPLATE + ": reading " + path + " failed: " + e.getMessage(), e);
    }
  }

  private static CommentStoreFactory storeFactory(String className) throws ServletException {
    Object o = instantiate(STORE_FACTORY, className, CommentStoreFactory.class, CommentStoreFactory.class.getName());
    if (!(o instanceof CommentStoreFactory f)) {
      throw new IllegalStateException("checked by instantiate: " + className);
    }
    return f;
  }

  /** What a store factory gets: every parameter but the servlet's own secrets. */
  private static Map<String, String> storeSettings(InitParams params) {
    Map<String, String> settings = new HashMap<>(params.all());
    settings.remove(SECRET); // the servlet's own; a store has no use for it
    settings.remove("talkback.health-token");
    return Map.copyOf(settings);
  }

  private static CommentStore store(CommentStoreFactory f, String className, Map<String, String> settings)
      throws ServletException {
    try {
      return f.create(settings);
    } catch (RuntimeException e) {
      throw unavailable("Talkback: " + className + " could not build the comment store: " + e.getMessage(), e);
    }
  }

  /** Loads {@code className} and makes one with its public no-argument constructor. */
  private static Object instantiate(String param, String className, Class<?> type, String typeName)
      throws ServletException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      Class<?> c = Class.forName(className, true, loader != null ? loader : WebXmlConfiguration.class.getClassLoader());
      if (!type.isAssignableFrom(c)) {
        throw unavailable("Talkback: " + param + " names " + className + ", which must implement " + typeName, null);
      }
      return c.getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw unavailable("Talkback: " + param + " names a class that is not on the class path: " + className
          + " (add the jar that has it to the web application)", e);
    } catch (LinkageError e) {
      throw unavailable("Talkback: " + param + " names " + className + ", which cannot be loaded: " + e, e);
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw unavailable("Talkback: " + className + " needs a public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw unavailable("Talkback: " + className + " failed to start: " + cause, cause);
    }
  }

  /**
   * A configuration error. Permanent, so the container neither retries {@code init()} on every request (which
   * would log it again each time) nor mistakes it for a passing outage. The cause is told in the message, not
   * chained: Tomcat logs only the deepest cause of a failed start, which would lose what to fix.
   */
  static UnavailableException unavailable(String message, @Nullable Throwable cause) {
    String m = message;
    if (cause != null && (cause.getMessage() == null || !message.contains(cause.getMessage()))) {
      m = message + " (" + cause + ")";
    }
    return new UnavailableException(m);
  }

  private static void close(@Nullable Object o) {
    if (o instanceof AutoCloseable a) {
      try {
        a.close();
      } catch (Exception e) {
        // the configuration error being reported is what the deployer needs to see; this one would hide it
      }
    }
  }

  /** Every {@code talkback.*} parameter: context parameters, overridden by init parameters. */
  private static Map<String, String> params(ServletConfig config) {
    Map<String, String> m = new HashMap<>();
    for (String n : Collections.list(config.getServletContext().getInitParameterNames())) {
      String v = config.getServletContext().getInitParameter(n);
      if (n.startsWith(PREFIX) && v != null) {
        m.put(n, v);
      }
    }
    for (String n : Collections.list(config.getInitParameterNames())) {
      String v = config.getInitParameter(n);
      if (n.startsWith(PREFIX) && v != null) {
        m.put(n, v);
      }
    }
    return Map.copyOf(m);
  }
}
