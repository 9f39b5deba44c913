package dev.talkback.comments.spring.internal;

import dev.talkback.comments.servlet.Identity;
import dev.talkback.comments.servlet.IdentityResolver;
import dev.talkback.comments.servlet.ModeratorAuthorizer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Identity and moderators from Spring Security's {@code SecurityContext} of the request's thread, which the
 * security filter chain fills before the servlet runs. Loaded only when Spring Security is present.
 *
 * <p>The servlet reads a request's body asynchronously and may ask again on a container thread where the
 * filter chain has already cleared the context (a moderator posting to a site named only in the body): the
 * authentication found on the request's own thread is kept in a request attribute, and asked for there.
 */
public final class SecurityIdentities {
  private SecurityIdentities() {}

  /**
   * The logged-in user: {@link Authentication#getName()} as both the user id and the name shown; anonymous
   * when nobody is logged in (or only Spring Security's anonymous token is there).
   *
   * @return the resolver
   */
  public static IdentityResolver resolver() {
    return request -> current(request).map(a -> Identity.of(a.getName(), a.getName()));
  }

  /**
   * Users who hold {@code authority} may moderate every site.
   *
   * @param authority such as {@code ROLE_ADMIN}
   * @return the authorizer
   */
  public static ModeratorAuthorizer authority(String authority) {
    return (request, site) -> current(request).map(a -> a.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority).anyMatch(authority::equals)).orElse(false);
  }

  /** The request attribute that keeps the authentication of the request's own thread. */
  static final String KEPT = SecurityIdentities.class.getName() + ".authentication";

  private static Optional<Authentication> current(HttpServletRequest request) {
    Authentication a;
    if (request.getAttribute(KEPT) instanceof Authentication kept) {
      a = kept;
    } else {
      a = SecurityContextHolder.getContext().getAuthentication();
      if (a != null) {
        request.setAttribute(KEPT, a);
      }
    }
    if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    return Optional.of(a);
  }
}
