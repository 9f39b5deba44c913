package dev.talkback.comments.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.servlet.Identity;
import dev.talkback.comments.servlet.IdentityResolver;
import dev.talkback.comments.servlet.ModeratorAuthorizer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Spring Security's context is bound to the request's thread; the servlet may ask again on a container thread
 * after reading the body (a moderator posting to a site named only in the body).
 */
class SecurityIdentitiesTest {
  private final ModeratorAuthorizer moderators = SecurityIdentities.authority("ROLE_MODERATOR");
  private final IdentityResolver identities = SecurityIdentities.resolver();

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  private static <T> T onAnotherThread(java.util.function.Supplier<T> ask) throws Exception {
    return CompletableFuture.supplyAsync(ask).get(10, TimeUnit.SECONDS);
  }

  @Test
  void askedAgainOnAnotherThread_afterTheFilterChainClearedTheContext_theRequestsOwnUserIsStillKnown()
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest();
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("ada",
        "n/a", List.of(new SimpleGrantedAuthority("ROLE_MODERATOR"))));
    assertThat(moderators.mayModerate(request, SiteId.DEFAULT)).isTrue();
    SecurityContextHolder.clearContext();

    assertThat(onAnotherThread(() -> moderators.mayModerate(request, SiteId.of("other-blog")))).isTrue();
    assertThat(onAnotherThread(() -> identities.resolve(request))).contains(Identity.of("ada", "ada"));
  }

  @Test
  void anotherRequest_neverSeesThatUser() throws Exception {
    MockHttpServletRequest adas = new MockHttpServletRequest();
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("ada",
        "n/a", List.of(new SimpleGrantedAuthority("ROLE_MODERATOR"))));
    assertThat(identities.resolve(adas)).contains(Identity.of("ada", "ada"));
    SecurityContextHolder.clearContext();

    MockHttpServletRequest anonymous = new MockHttpServletRequest();
    assertThat(moderators.mayModerate(anonymous, SiteId.DEFAULT)).isFalse();
    assertThat(onAnotherThread(() -> moderators.mayModerate(anonymous, SiteId.of("other-blog")))).isFalse();
    assertThat(onAnotherThread(() -> identities.resolve(anonymous))).isEqualTo(Optional.empty());
  }

  @Test
  void aUserWithoutTheAuthority_isNoModeratorOnEitherThread() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest();
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("bob",
        "n/a", List.of(new SimpleGrantedAuthority("ROLE_USER"))));
    assertThat(moderators.mayModerate(request, SiteId.DEFAULT)).isFalse();
    SecurityContextHolder.clearContext();
    assertThat(onAnotherThread(() -> moderators.mayModerate(request, SiteId.of("other-blog")))).isFalse();
  }
}
