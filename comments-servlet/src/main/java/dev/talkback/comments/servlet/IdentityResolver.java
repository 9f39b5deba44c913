package dev.talkback.comments.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Tells Talkback who is logged in to the host, so a logged-in reader comments under their own name without
 * filling the name, email and website fields. The default, {@link #anonymous()}, knows nobody: every reader
 * comments anonymously.
 *
 * <p>Called once per request that needs it, on the request's thread, before the request body is read. It
 * should only read what the host's own login put on the request (the session, a principal, a cookie) and
 * must not throw; a failure is logged and treated as "nobody".
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
@FunctionalInterface
public interface IdentityResolver {

  /**
   * Who is logged in.
   *
   * @param request the request; read what the host's login put on it, never its body
   * @return the logged-in reader of this request, or empty for an anonymous reader
   */
  Optional<Identity> resolve(HttpServletRequest request);

  /**
   * The avatar image of a user, for comments they wrote: the host's own picture instead of the identicon
   * Talkback draws from a keyed hash. Called when a thread is rendered (not per request: the result is cached
   * with the page), with the user id an {@link Identity} gave; only {@code http(s)} URLs are used. Must not
   * throw; a failure is logged and the generated avatar shown. The default has none.
   *
   * @param userId the host's id of the user, as in {@link Identity#userId()}
   * @return the URL of the user's avatar image, or empty for a generated one
   */
  default Optional<String> avatarUrl(String userId) {
    return Optional.empty();
  }

  /**
   * Knows nobody: every reader is anonymous.
   *
   * @return the resolver that always answers empty
   */
  static IdentityResolver anonymous() {
    return request -> Optional.empty();
  }

  /**
   * The user the servlet container logged in ({@link HttpServletRequest#getUserPrincipal()}: a realm with
   * BASIC or FORM login declared in {@code web.xml}, say): the principal's name is both the user id and the
   * display name. A request without a principal is anonymous. Pair it with {@link ModeratorAuthorizer#role}.
   *
   * @return the resolver that reads the container's principal
   */
  static IdentityResolver containerLogin() {
    return request -> {
      java.security.Principal p = request.getUserPrincipal();
      return p == null || p.getName() == null || p.getName().isBlank() ? Optional.empty()
          : Optional.of(Identity.of(p.getName(), p.getName()));
    };
  }
}
