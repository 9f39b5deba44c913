package dev.talkback.comments.servlet.internal;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cross-origin rules and security headers: the CORS allow-list, the origin check that stops cross-site
 * request forgery, and the headers every response carries.
 */
final class Guard {
  static final String ALLOWED_METHODS = "GET, POST, PUT, DELETE";
  static final String ALLOWED_HEADERS = "Content-Type, X-Edit-Token, If-None-Match";
  private final Set<String> allowedOrigins;

  Guard(Set<String> allowedOrigins) {
    this.allowedOrigins = normalize(allowedOrigins);
  }

  private static Set<String> normalize(Set<String> origins) {
    Set<String> s = new HashSet<>();
    for (String o : origins) {
      s.add(origin(o));
    }
    return Set.copyOf(s);
  }

  /** The canonical origin of a URL or origin string: {@code scheme://host[:port]}, lower case, no default port. */
  static String origin(String url) {
    try {
      URI u = URI.create(url.trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
      int port = u.getPort();
      boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
      return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    } catch (IllegalArgumentException e) {
      return "invalid:" + url;
    }
  }

  /** The request's own origin, from its scheme and Host header. */
  static @Nullable String ownOrigin(Request r) {
    String host = r.header("Host");
    return host == null ? null : origin((r.secure() ? "https://" : "http://") + host);
  }

  /** Whether an origin is the request's own or on the allow-list. */
  boolean allowed(Request r, String origin) {
    String o = origin(origin);
    return o.equals(ownOrigin(r)) || allowedOrigins.contains(o);
  }

  /** Whether an absolute URL points to an allowed origin (for redirects after a form post). */
  boolean allowedUrl(Request r, String url) {
    return allowed(r, url);
  }

  /**
   * Refuses a state-changing request a browser sent on behalf of another site: the {@code Origin} header,
   * when present, must be the server's own or allow-listed; without it, {@code Sec-Fetch-Site} must not be
   * {@code cross-site}. Clients that send neither are not browsers and cannot be forged.
   */
  void checkOrigin(Request r) {
    String origin = r.header("Origin");
    if (origin != null) {
      if (origin.equals("null") || !allowed(r, origin)) {
        throw HttpProblem.forbidden("origin_not_allowed", "requests from origin '" + origin
            + "' are not allowed; the comment server's operator must add it to the allowed origins");
      }
      return;
    }
    String site = r.header("Sec-Fetch-Site");
    if (site != null && site.equalsIgnoreCase("cross-site")) {
      throw HttpProblem.forbidden("origin_not_allowed",
          "cross-site requests are not allowed without an allow-listed Origin header");
    }
  }

  /** Answers a CORS preflight. */
  Response preflight(Request r) {
    String origin = r.header("Origin");
    if (origin == null || !allowed(r, origin)) {
      throw HttpProblem.forbidden("origin_not_allowed", "origin '" + origin
          + "' is not allowed to call this API; the comment server's operator must add it to the allowed origins");
    }
    return Response.status(204)
        .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
        .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
        .header("Access-Control-Max-Age", "600");
  }

  /** Adds CORS and security headers to any response. */
  void decorate(Request r, Response resp) {
    String origin = r.header("Origin");
    if (origin != null && !origin.equals("null") && allowed(r, origin)) {
      resp.header("Access-Control-Allow-Origin", origin);
      resp.header("Access-Control-Allow-Credentials", "true");
      resp.header("Access-Control-Expose-Headers", "ETag, Retry-After, Location");
    }
    resp.addHeader("Vary", "Origin");
    resp.headerIfAbsent("X-Content-Type-Options", "nosniff");
    resp.headerIfAbsent("Referrer-Policy", "strict-origin-when-cross-origin");
    resp.headerIfAbsent("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
    resp.headerIfAbsent("X-Frame-Options", "DENY");
    resp.headerIfAbsent("Cross-Origin-Resource-Policy", "same-site");
  }

  /** A cookie string: always HttpOnly and SameSite; Secure over TLS. */
  static String cookie(Request r, String name, String value, String path, long maxAgeSeconds, String sameSite) {
    return name + "=" + value + "; Path=" + (path.isEmpty() ? "/" : path) + "; Max-Age=" + maxAgeSeconds
        + "; HttpOnly; SameSite=" + sameSite + (r.secure() ? "; Secure" : "");
  }
}
