package dev.talkback.examples.demoblog;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cross-site request forgery defence for the blog's own forms (login, logout, the outage switch): a POST
 * must carry the token bound to the reader's session, and if the browser says where it comes from
 * ({@code Origin}, else {@code Referer}) that must be one of the blog's origins. The origins come from
 * configuration, or are the loopback names on the port the connection arrived at: never from the
 * {@code Host} header, which a DNS-rebinding page controls. Threadsafe.
 */
final class FormGuard {
  /** The form field and session attribute holding the token. */
  static final String FIELD = "csrf";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final List<String> origins;

  /** A guard accepting {@code origins} ({@code https://blog.example}); none means the loopback names. */
  FormGuard(List<String> origins) {
    this.origins = origins.stream()
        .map(o -> origin(o, false).orElseThrow(() -> new IllegalArgumentException("not an origin: " + o)))
        .toList();
  }

  /** Whether every configured origin is https, so the session cookie is always {@code Secure}. */
  boolean httpsOnly() {
    return !origins.isEmpty() && origins.stream().allMatch(o -> o.startsWith("https://"));
  }

  /** The session's token, creating the session and the token if needed. */
  String token(HttpServletRequest req) {
    HttpSession session = req.getSession(true);
    return session.getAttribute(FIELD) instanceof String t ? t : rotate(session);
  }

  /** Gives {@code session} a new token, as after logging in; returns it. */
  static String rotate(HttpSession session) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String t = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    session.setAttribute(FIELD, t);
    return t;
  }

  /** The hidden form field carrying the session's token. */
  String field(HttpServletRequest req) {
    return "<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + BlogServlet.esc(token(req)) + "\">";
  }

  /** Whether the POST {@code req} comes from one of the blog's own pages: same origin and the session's token. */
  boolean accepts(HttpServletRequest req) {
    return sameOrigin(req) && tokenMatches(req);
  }

  /** Whether the browser's {@code Origin} (else {@code Referer}), if it sent one, is one of the blog's. */
  boolean sameOrigin(HttpServletRequest req) {
    String origin = req.getHeader("Origin");
    String referer = req.getHeader("Referer");
    if (origin == null && referer == null) {
      return true; // not a browser, or one that hides both: the token still has to match
    }
    Optional<String> from = origin != null ? origin(origin, false) : origin(referer, true);
    return from.isPresent() && allowed(req).contains(from.get());
  }

  private List<String> allowed(HttpServletRequest req) {
    if (!origins.isEmpty()) {
      return origins;
    }
    int port = req.getLocalPort(); // the socket's port, not the Host header's
    return List.of("http://localhost:" + port, "http://127.0.0.1:" + port, "http://[::1]:" + port);
  }

  /** Whether the request carries its session's token. */
  boolean tokenMatches(HttpServletRequest req) {
    HttpSession session = req.getSession(false);
    String sent = req.getParameter(FIELD);
    if (session == null || sent == null || !(session.getAttribute(FIELD) instanceof String expected)) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The normalized origin of {@code url} ({@code scheme://host[:port]}, lower case, default port left out),
   * or empty if it is not an http(s) URL without user info ({@code Origin: null} included), or has a path
   * where none is allowed.
   */
  static Optional<String> origin(String url, boolean pathAllowed) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    String host = u.getHost();
    boolean hasPath = u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/");
    if (!(scheme.equals("http") || scheme.equals("https")) || host == null || u.getRawUserInfo() != null
        || (!pathAllowed && (hasPath || u.getRawQuery() != null || u.getRawFragment() != null))) {
      return Optional.empty();
    }
    int port = u.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
  }
}
