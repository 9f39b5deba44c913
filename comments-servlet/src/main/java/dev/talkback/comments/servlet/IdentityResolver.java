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
   * Knows nobody: every reader is anonymous.
   *
   * @return the resolver that always answers empty
   */
  static IdentityResolver anonymous() {
    return request -> Optional.empty();
  }
}
