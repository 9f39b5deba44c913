package dev.talkback.comments.servlet;

import dev.talkback.comments.Comments;
import dev.talkback.comments.CommentsBuilder;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.CommentStoreFactory;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link CommentsServlet} declared in {@code web.xml}, from its init parameters or, failing
 * those, the context parameters of the same name.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>meaning</th></tr>
 *   <tr><td>{@code talkback.comments-factory}</td><td>a class with a public no-argument constructor that
 *       implements {@code Supplier<Comments>}: the host builds {@code Comments} its own way</td></tr>
 *   <tr><td>{@code talkback.store-factory}</td><td>or a {@link CommentStoreFactory} (such as
 *       {@code dev.talkback.comments.jdbi.JdbiStoreFactory}) that builds the store from the {@code talkback.*}
 *       parameters; then {@code talkback.spool} (a file: a write spool, so comments are queued while the
 *       database is down) and {@code talkback.moderation} ({@code none}, {@code all}, {@code first_time},
 *       {@code links}) apply</td></tr>
 *   <tr><td>{@code talkback.allowed-origins}</td><td>comma-separated origins allowed cross-origin</td></tr>
 *   <tr><td>{@code talkback.secret}</td><td>the server secret (at least 16 characters, or
 *       {@code base64:...})</td></tr>
 *   <tr><td>{@code talkback.moderator-role}</td><td>a container role whose users may moderate (default:
 *       nobody)</td></tr>
 *   <tr><td>{@code talkback.site}</td><td>the default site id</td></tr>
 *   <tr><td>{@code talkback.public-url}</td><td>the mount point's absolute URL as browsers reach it</td></tr>
 *   <tr><td>{@code talkback.health-token}</td><td>a bearer token that shows {@code /health}'s details</td></tr>
 *   <tr><td>{@code talkback.blog-url}, {@code talkback.logout-url}</td><td>the moderation page's links to the
 *       blog and to the host's logout</td></tr>
 *   <tr><td>{@code talkback.site-name}</td><td>the blog's name, for the site feed's title</td></tr>
 *   <tr><td>{@code talkback.proof-of-work}</td><td>{@code on} or {@code off} (default): ALTCHA proof of work
 *       for anonymous posts</td></tr>
 *   <tr><td>{@code talkback.proof-of-work-complexity}</td><td>the largest number of a challenge, 1000 to
 *       10000000 (default 50000)</td></tr>
 * </table>
 *
 * <p>Classes are loaded by the names given, with the web application's class loader; nothing is discovered.
 */
final class WebXmlConfiguration {
  static final String COMMENTS_FACTORY = "talkback.comments-factory";
  static final String STORE_FACTORY = "talkback.store-factory";
  static final String SPOOL = "talkback.spool";
  static final String SECRET = "talkback.secret";
  private static final String PREFIX = "talkback.";

  private WebXmlConfiguration() {}

  /**
   * A builder and what the servlet must close when destroyed.
   *
   * @param builder the configured builder
   * @param owned the comments (and store) the servlet made and closes on {@code destroy()}
   */
  record Configured(CommentsServlet.Builder builder, AutoCloseable owned) {}

  static Configured configure(ServletConfig config) throws ServletException {
    Map<String, String> params = params(config);
    Comments comments;
    AutoCloseable owned;
    String factory = value(params, COMMENTS_FACTORY);
    String storeFactory = value(params, STORE_FACTORY);
    if (factory != null) {
      Object supplier = instantiate(COMMENTS_FACTORY, factory, Supplier.class, "java.util.function.Supplier<Comments>");
      if (!(supplier instanceof Supplier<?> s) || !(s.get() instanceof Comments c)) {
        throw new ServletException("Talkback: " + factory + ".get() must return a dev.talkback.comments.Comments");
      }
      comments = c;
      owned = c;
    } else if (storeFactory != null) {
      CommentStore store = store(storeFactory, params);
      Comments built = comments(store, params);
      comments = built;
      owned = () -> {
        built.close(); // closes its store: the factory's, or the fallback store that wraps it
        if (store instanceof AutoCloseable a && value(params, SPOOL) != null) {
          a.close(); // the fallback store leaves the stores it wraps open
        }
      };
    } else {
      throw new ServletException("Talkback: set the init parameter " + STORE_FACTORY + " (a CommentStoreFactory:"
          + " dev.talkback.comments.jdbi.JdbiStoreFactory from dev.talkback:comments-jdbi reads talkback.datasource"
          + " or talkback.jdbc.url) or " + COMMENTS_FACTORY + " (a Supplier<Comments>); see docs/servlet.md");
    }
    try {
      return new Configured(builder(comments, params), owned);
    } catch (IllegalArgumentException e) {
      throw new ServletException("Talkback: invalid init parameter: " + e.getMessage(), e);
    }
  }

  private static CommentsServlet.Builder builder(Comments comments, Map<String, String> params) {
    CommentsServlet.Builder b = CommentsServlet.builder(comments);
    String origins = value(params, "talkback.allowed-origins");
    if (origins != null) {
      b.allowedOrigins(Arrays.stream(origins.split(",", -1)).map(String::trim).filter(s -> !s.isEmpty())
          .toArray(String[]::new));
    }
    String secret = params.get(SECRET);
    if (secret != null) {
      b.secret(secret.startsWith("base64:") ? Base64.getDecoder().decode(secret.substring(7))
          : secret.getBytes(StandardCharsets.UTF_8));
    }
    String role = value(params, "talkback.moderator-role");
    if (role != null) {
      b.moderatorAuthorizer(ModeratorAuthorizer.role(role));
    }
    String publicUrl = value(params, "talkback.public-url");
    if (publicUrl != null) {
      b.publicUrl(publicUrl);
    }
    String healthToken = params.get("talkback.health-token");
    if (healthToken != null) {
      b.healthToken(healthToken);
    }
    String blog = value(params, "talkback.blog-url");
    if (blog != null) {
      b.blogUrl(blog);
    }
    String logout = value(params, "talkback.logout-url");
    if (logout != null) {
      b.logoutUrl(logout);
    }
    String name = value(params, "talkback.site-name");
    if (name != null) {
      b.siteName(name);
    }
    String site = value(params, "talkback.site");
    if (site != null) {
      b.defaultSite(SiteId.of(site));
    }
    String pow = value(params, "talkback.proof-of-work");
    if (pow != null) {
      switch (pow.toLowerCase(Locale.ROOT)) {
        case "on", "true" -> b.proofOfWork(true);
        case "off", "false" -> b.proofOfWork(false);
        default -> throw new IllegalArgumentException("talkback.proof-of-work must be on or off: " + pow);
      }
    }
    String complexity = value(params, "talkback.proof-of-work-complexity");
    if (complexity != null) {
      try {
        b.proofOfWorkComplexity(Long.parseLong(complexity));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("talkback.proof-of-work-complexity must be a number: " + complexity, e);
      }
    }
    String importBytes = value(params, "talkback.max-import-bytes");
    if (importBytes != null) {
      try {
        b.maxImportBytes(Long.parseLong(importBytes));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("talkback.max-import-bytes must be a number: " + importBytes, e);
      }
    }
    return b;
  }

  private static CommentStore store(String className, Map<String, String> params) throws ServletException {
    Object o = instantiate(STORE_FACTORY, className, CommentStoreFactory.class, CommentStoreFactory.class.getName());
    if (!(o instanceof CommentStoreFactory f)) {
      throw new IllegalStateException("checked by instantiate: " + className);
    }
    try {
      Map<String, String> settings = new HashMap<>(params);
      settings.remove(SECRET); // the servlet's own; a store has no use for it
      settings.remove("talkback.health-token");
      return f.create(Map.copyOf(settings));
    } catch (RuntimeException e) {
      throw new ServletException("Talkback: " + className + " could not build the comment store: " + e.getMessage(), e);
    }
  }

  private static Comments comments(CommentStore store, Map<String, String> params) throws ServletException {
    CommentStore s = store;
    String spool = value(params, SPOOL);
    if (spool != null) {
      s = FallbackCommentStore.builder().primary(store).spool(FileWriteSpool.open(Path.of(spool))).build();
    }
    CommentsBuilder b = Comments.builder().store(s);
    String moderation = value(params, "talkback.moderation");
    if (moderation != null) {
      try {
        b.moderation(ModerationMode.valueOf(moderation.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ServletException("Talkback: talkback.moderation must be none, all, first_time or links, not '"
            + moderation + "'", e);
      }
    }
    return b.build();
  }

  /** Loads {@code className} and makes one with its public no-argument constructor. */
  private static Object instantiate(String param, String className, Class<?> type, String typeName)
      throws ServletException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      Class<?> c = Class.forName(className, true, loader != null ? loader : WebXmlConfiguration.class.getClassLoader());
      if (!type.isAssignableFrom(c)) {
        throw new ServletException("Talkback: " + param + " names " + className + ", which must implement " + typeName);
      }
      return c.getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new ServletException("Talkback: " + param + " names a class that is not on the class path: " + className
          + " (add the jar that has it to the web application)", e);
    } catch (LinkageError e) {
      throw new ServletException("Talkback: " + param + " names " + className + ", which cannot be loaded: " + e, e);
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new ServletException("Talkback: " + className + " needs a public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new ServletException("Talkback: " + className + " failed to start: " + cause, cause);
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

  private static @Nullable String value(Map<String, String> params, String name) {
    String v = params.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
