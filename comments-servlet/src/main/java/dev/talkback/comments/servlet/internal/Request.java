package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.servlet.Identity;
import java.io.InputStream;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One HTTP request as the handler sees it, whatever the container. */
public interface Request {

  /**
   * The method.
   *
   * @return the method, upper case
   */
  String method();

  /**
   * The path below the mount point.
   *
   * @return a path starting with {@code /} ({@code "/"} for the mount point itself)
   */
  String path();

  /**
   * The mount point as the browser sees it.
   *
   * @return the context path plus the servlet path, without a trailing slash
   */
  String mountPath();

  /**
   * The raw query string.
   *
   * @return the query string, or {@code null} if there is none
   */
  @Nullable String queryString();

  /**
   * The query string of the page a fragment is included in (a server-side include), where the no-JS reply
   * link's {@code ?replyTo=} arrives; {@code null} when the request was not included.
   *
   * @return the including page's query string, or {@code null}
   */
  default @Nullable String pageQueryString() {
    return null;
  }

  /**
   * A request header.
   *
   * @param name the header name, in any case
   * @return its first value, or {@code null}
   */
  @Nullable String header(String name);

  /**
   * A cookie.
   *
   * @param name the cookie name
   * @return its value, or {@code null}
   */
  @Nullable String cookie(String name);

  /**
   * The client's address as the container reports it (behind a proxy, configure the container's forwarding
   * support).
   *
   * @return the address
   */
  String remoteAddress();

  /**
   * Whether the request came over TLS.
   *
   * @return {@code true} for HTTPS
   */
  boolean secure();

  /**
   * The request body; read at most once.
   *
   * @return the body's stream, empty when there is none
   */
  InputStream body();

  /**
   * The logged-in reader, as the host's {@code IdentityResolver} says; may throw what the resolver throws.
   *
   * @return the reader, or empty for an anonymous one
   */
  Optional<Identity> identity();

  /**
   * Whether the reader may moderate a site, as the host's {@code ModeratorAuthorizer} says; may throw what
   * the authorizer throws.
   *
   * @param site the site
   * @return {@code true} for a moderator
   */
  boolean mayModerate(SiteId site);
}
