package dev.talkback.comments.servlet;

import dev.talkback.comments.SiteId;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides who may moderate: open {@code /admin} and call the moderation API (approve, mark as spam, delete,
 * restore, block an author). The default, {@link #denyAll()}, lets nobody in, so a host that forgets to
 * configure it exposes nothing.
 *
 * <p>Called on every moderation request. Typically it checks a role of the host's logged-in user ({@code
 * request.isUserInRole("moderator")}, or a session attribute). It must not throw; a failure is logged and
 * treated as "denied". It is asked on the request's thread for the default site and for a site the query names;
 * a site named only in a request's body is asked after the body was read, on a container thread, where context
 * bound to the request's thread (such as Spring Security's {@code SecurityContextHolder}) may be gone: keep
 * what the decision needs in a request attribute when first asked (the Spring Boot starter does so).
 *
 * <p><b>All implementations of this interface must be threadsafe!</b>
 */
@FunctionalInterface
public interface ModeratorAuthorizer {

  /**
   * Whether the user of this request may moderate the comments of {@code site}.
   *
   * @param request the request
   * @param site the site whose comments would be moderated
   * @return {@code true} to let the user moderate
   */
  boolean mayModerate(HttpServletRequest request, SiteId site);

  /**
   * Nobody may moderate.
   *
   * @return the authorizer that always says no
   */
  static ModeratorAuthorizer denyAll() {
    return (request, site) -> false;
  }

  /**
   * Users in this container role may moderate every site ({@link HttpServletRequest#isUserInRole}).
   *
   * @param role the role name, such as {@code moderator}
   * @return the authorizer
   */
  static ModeratorAuthorizer role(String role) {
    java.util.Objects.requireNonNull(role, "role");
    return (request, site) -> request.isUserInRole(role);
  }
}
