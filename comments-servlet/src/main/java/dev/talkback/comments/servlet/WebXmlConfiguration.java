package dev.talkback.comments.servlet;

import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
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
 *   <tr><td>{@code talkback.allowed-origins}</td><td>comma-separated origins allowed cross-origin</td></tr>
 *   <tr><td>{@code talkback.secret}</td><td>the server secret (at least 16 characters, or
 *       {@code base64:...})</td></tr>
 *   <tr><td>{@code talkback.moderator-role}</td><td>a container role whose users may moderate (default:
 *       nobody)</td></tr>
 *   <tr><td>{@code talkback.site}</td><td>the default site id</td></tr>
 *   <tr><td>{@code talkback.datasource}, {@code talkback.jdbc.url}, {@code talkback.jdbc.user},
 *       {@code talkback.jdbc.password}, {@code talkback.spool}, {@code talkback.moderation}</td><td>without a
 *       factory: the JDBI store on a JNDI or JDBC data source (see {@link DataSources})</td></tr>
 * </table>
 */
final class WebXmlConfiguration {
  static final String FACTORY = "talkback.comments-factory";

  private WebXmlConfiguration() {}

  /** A builder and what the servlet must close when destroyed. */
  record Configured(CommentsServlet.Builder builder, @Nullable AutoCloseable owned) {}

  static Configured configure(ServletConfig config) throws ServletException {
    AutoCloseable owned;
    Comments comments;
    String factory = param(config, FACTORY);
    if (factory != null && !factory.isBlank()) {
      comments = fromFactory(factory.trim());
      owned = comments;
    } else {
      try {
        DataSources.Built built = DataSources.comments(config);
        comments = built.comments();
        owned = built.owned();
      } catch (NoClassDefFoundError e) {
        throw new ServletException("Talkback: a data source in web.xml needs dev.talkback:comments-jdbi (and the JDBC"
            + " driver) on the classpath; missing " + e.getMessage(), e);
      }
    }
    CommentsServlet.Builder b = CommentsServlet.builder(comments);
    try {
      String origins = param(config, "talkback.allowed-origins");
      if (origins != null && !origins.isBlank()) {
        b.allowedOrigins(Arrays.stream(origins.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .toArray(String[]::new));
      }
      String secret = param(config, "talkback.secret");
      if (secret != null) {
        b.secret(secret.startsWith("base64:") ? Base64.getDecoder().decode(secret.substring(7))
            : secret.getBytes(StandardCharsets.UTF_8));
      }
      String role = param(config, "talkback.moderator-role");
      if (role != null && !role.isBlank()) {
        b.moderatorAuthorizer(ModeratorAuthorizer.role(role.trim()));
      }
      String site = param(config, "talkback.site");
      if (site != null && !site.isBlank()) {
        b.defaultSite(SiteId.of(site.trim()));
      }
    } catch (IllegalArgumentException e) {
      throw new ServletException("Talkback: invalid init parameter: " + e.getMessage(), e);
    }
    return new Configured(b, owned);
  }

  @SuppressWarnings("unchecked")
  private static Comments fromFactory(String className) throws ServletException {
    try {
      Class<?> c = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
      Object o = c.getConstructor().newInstance();
      if (!(o instanceof Supplier<?>)) {
        throw new ServletException("Talkback: " + className + " must implement java.util.function.Supplier<Comments>");
      }
      Object comments = ((Supplier<Object>) o).get();
      if (!(comments instanceof Comments)) {
        throw new ServletException("Talkback: " + className + ".get() must return a dev.talkback.comments.Comments");
      }
      return (Comments) comments;
    } catch (ClassNotFoundException e) {
      throw new ServletException("Talkback: " + FACTORY + " names a class that is not on the classpath: " + className, e);
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new ServletException("Talkback: " + className + " needs a public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw new ServletException("Talkback: " + className + " failed to start", e.getCause());
    }
  }

  static @Nullable String param(ServletConfig config, String name) {
    String v = config.getInitParameter(name);
    return v != null ? v : config.getServletContext().getInitParameter(name);
  }
}
