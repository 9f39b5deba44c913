package dev.talkback.comments.servlet.internal;

import java.net.URI;
import java.net.URISyntaxException;
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
  private final @Nullable String publicOrigin;

  /**
   * The site's public origins come from configuration only, never from the request's {@code Host} header (a
   * DNS-rebinding page sends {@code Host: evil.example}).
   *
   * @param allowedOrigins origins allowed cross-origin
   * @param publicUrl the mount point's configured absolute URL, or {@code null}
   */
  Guard(Set<String> allowedOrigins, @Nullable String publicUrl) {
    Set<String> s = new HashSet<>();
    for (String o : allowedOrigins) {
      String n = origin(o);
      if (n != null) {
        s.add(n);
      }
    }
    this.publicOrigin = publicUrl == null ? null : origin(publicUrl);
    if (publicOrigin != null) {
      s.add(publicOrigin);
    }
    this.allowedOrigins = Set.copyOf(s);
  }

  /**
   * The canonical origin of an http(s) origin or URL: {@code scheme://host[:port]}, lower case, no default
   * port; {@code null} for anything with user info, a bad port, no host, or a character a URL parser could
   * read two ways (backslash, controls, spaces).
   */
  static @Nullable String origin(String url) {
    if (url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '\\')) {
      return null;
    }
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      String host = u.getHost();
      if (!(scheme.equals("http") || scheme.equals("https")) || host == null || host.isEmpty()
          || u.getRawUserInfo() != null || u.getRawAuthority() == null || u.getRawAuthority().contains("@")) {
        return null;
      }
      int port = u.getPort();
      if (port == 0 || port > 65535) {
        return null;
      }
      boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
      return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /**
   * The normalized form of an {@code Origin} header as browsers send it ({@code scheme://host[:port]},
   * nothing more), or {@code null} if it has a path, query, fragment, user info or anything odd.
   */
  static @Nullable String requestOrigin(String header) {
    String o = origin(header);
    if (o == null) {
      return null;
    }
    try {
      URI u = new URI(header);
      boolean bare = (u.getRawPath() == null || u.getRawPath().isEmpty()) && u.getRawQuery() == null
          && u.getRawFragment() == null;
      return bare ? o : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The request's origin from its {@code Host} header; used only for the same-origin CSRF check, when no public URL is configured. */
  private static @Nullable String hostOrigin(Request r) {
    String host = r.header("Host");
    return host == null ? null : origin((r.secure() ? "https://" : "http://") + host);
  }

  /** Whether a normalized origin is configured: an allowed origin or the public URL's. */
  boolean configured(@Nullable String normalizedOrigin) {
    return normalizedOrigin != null && allowedOrigins.contains(normalizedOrigin);
  }

  /**
   * Whether a state-changing request from this {@code Origin} header may go on: a configured origin, or,
   * only when no public URL is configured, the origin the request was sent to (same-origin deployments).
   */
  boolean mayPost(Request r, String originHeader) {
    String o = requestOrigin(originHeader);
    if (o == null) {
      return false;
    }
    return configured(o) || (publicOrigin == null && o.equals(hostOrigin(r)));
  }

  /**
   * Whether an {@code Origin} header is the comment server's own: the configured public URL's origin, or,
   * when none is configured, the origin the request was sent to.
   */
  boolean ownOrigin(Request r, String originHeader) {
    String o = requestOrigin(originHeader);
    return o != null && o.equals(publicOrigin != null ? publicOrigin : hostOrigin(r));
  }

  /** Whether an absolute URL points to a configured origin (for redirects after a form post); never from Host. */
  boolean allowedUrl(String url) {
    return configured(origin(url));
  }

  /**
   * Refuses a state-changing request a browser sent on behalf of another site: the {@code Origin} header,
   * when present, must be the server's own or allow-listed; without it, {@code Sec-Fetch-Site} must not be
   * {@code cross-site}. Clients that send neither are not browsers and cannot be forged.
   */
  void checkOrigin(Request r) {
    String origin = r.header("Origin");
    if (origin != null) {
      if (!mayPost(r, origin)) {
        throw HttpProblem.forbidden("origin_not_allowed", "requests from this origin are not allowed; the comment"
            + " server's operator must add it (scheme://host[:port]) to the allowed origins");
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
    if (origin == null || !configured(requestOrigin(origin))) {
      throw HttpProblem.forbidden("origin_not_allowed", "this origin is not allowed to call this API; the comment"
          + " server's operator must add it (scheme://host[:port]) to the allowed origins");
    }
    return Response.status(204)
        .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
        .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
        .header("Access-Control-Max-Age", "600");
  }

  /** The CSP of every response that does not set its own: nothing may load, nobody may frame it. */
  static final String CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

  /**
   * Header lines (names and values alternating) for a {@linkplain Response#preset preset} JSON response:
   * {@code first}, then {@code Vary} and the security headers {@link #decorate} gives JSON, made once.
   *
   * @param vary the {@code Vary} value, which must include {@code Origin}
   * @param first the response's own headers, names and values alternating
   */
  static HeaderBlock jsonHeaders(String vary, String... first) {
    String[] tail = {"Vary", vary, "X-Content-Type-Options", "nosniff", "Content-Security-Policy", CSP,
        "Cross-Origin-Resource-Policy", "same-site"};
    String[] h = java.util.Arrays.copyOf(first, first.length + tail.length);
    System.arraycopy(tail, 0, h, first.length, tail.length);
    return new HeaderBlock(h);
  }

  /**
   * Adds CORS and security headers to any response. JSON (and problem JSON) gets no {@code X-Frame-Options}
   * and no {@code Referrer-Policy}: the CSP's {@code frame-ancestors 'none'} already refuses framing in every
   * browser that runs the widget, and a JSON document makes no requests that could send a referrer (its CSP
   * is {@code default-src 'none'}). HTML pages and redirects keep both.
   */
  void decorate(Request r, Response resp) {
    String header = r.header("Origin");
    String origin = header == null ? null : requestOrigin(header);
    if (origin != null && configured(origin)) {
      resp.header("Access-Control-Allow-Origin", origin);
      resp.header("Access-Control-Allow-Credentials", "true");
      resp.header("Access-Control-Expose-Headers", "ETag, Retry-After, Location");
    }
    if (resp.secured()) {
      return; // a preset response carries Vary: Origin and the security headers already
    }
    resp.addHeader("Vary", "Origin");
    resp.headerIfAbsent("X-Content-Type-Options", "nosniff");
    if (!json(resp.header("Content-Type"))) {
      resp.headerIfAbsent("Referrer-Policy", "strict-origin-when-cross-origin");
      resp.headerIfAbsent("X-Frame-Options", "DENY");
    }
    resp.headerIfAbsent("Content-Security-Policy", CSP);
    resp.headerIfAbsent("Cross-Origin-Resource-Policy", "same-site");
  }

  private static boolean json(@Nullable String contentType) {
    return contentType != null
        && (contentType.startsWith("application/json") || contentType.startsWith("application/problem+json"));
  }

  /** A cookie string: always HttpOnly and SameSite; Secure over TLS. */
  static String cookie(Request r, String name, String value, String path, long maxAgeSeconds, String sameSite) {
    return name + "=" + value + "; Path=" + (path.isEmpty() ? "/" : path) + "; Max-Age=" + maxAgeSeconds
        + "; HttpOnly; SameSite=" + sameSite + (r.secure() ? "; Secure" : "");
  }
}
