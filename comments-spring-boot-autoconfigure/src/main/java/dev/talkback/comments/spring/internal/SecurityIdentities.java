package dev.talkback.comments.spring.internal;

import dev.talkback.comments.servlet.Identity;
import dev.talkback.comments.servlet.IdentityResolver;
import dev.talkback.comments.servlet.ModeratorAuthorizer;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Identity and moderators from Spring Security's {@code SecurityContext} of the request's thread, which the
 * security filter chain fills before the servlet runs. Loaded only when Spring Security is present.
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
    return request -> current().map(a -> Identity.of(a.getName(), a.getName()));
  }

  /**
   * Users who hold {@code authority} may moderate every site.
   *
   * @param authority such as {@code ROLE_ADMIN}
   * @return the authorizer
   */
  public static ModeratorAuthorizer authority(String authority) {
    return (request, site) -> current().map(a -> a.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority).anyMatch(authority::equals)).orElse(false);
  }

  private static Optional<Authentication> current() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    if (a == null || !a.isAuthenticated() || a instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    return Optional.of(a);
  }
}
