package dev.talkback.comments.spring;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Spring Security request matchers for Talkback's paths, like Spring Boot's {@code PathRequest.toH2Console()}.
 *
 * <p>Talkback defends its own state-changing requests: the widget's JSON posts must come from an allowed
 * origin ({@code Origin} checked against the page's own origin and {@code talkback.allowed-origins}) and the
 * no-JS form carries a signed, time-limited token. Spring Security's CSRF token is not sent by the widget,
 * so exempt Talkback's paths from CSRF protection, and let every reader reach them:
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain security(HttpSecurity http) throws Exception {
 *   return http
 *       .authorizeHttpRequests(a -> a.requestMatchers(TalkbackRequest.toTalkback()).permitAll()
 *           .anyRequest().authenticated())
 *       .csrf(c -> c.ignoringRequestMatchers(TalkbackRequest.toTalkback()))
 *       .formLogin(Customizer.withDefaults())
 *       .build();
 * }
 * }</pre>
 *
 * <p>Moderation is still decided by Talkback ({@code talkback.moderator-authority}), with the user of the
 * {@code SecurityContext} that the filter chain sets up.
 */
public final class TalkbackRequest {
  private TalkbackRequest() {}

  /**
   * Matches requests to Talkback's servlet at {@code talkback.path}, read from the application context of the
   * request (so it follows the configuration).
   *
   * @return the matcher
   */
  public static RequestMatcher toTalkback() {
    return new PathMatcher(null);
  }

  /**
   * Matches requests below {@code path}, for a servlet mounted by hand.
   *
   * @param path the mount path, such as {@code /comments}
   * @return the matcher
   * @throws IllegalArgumentException if {@code path} does not start with {@code /}
   */
  public static RequestMatcher at(String path) {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + path);
    }
    return new PathMatcher(trim(path));
  }

  private static String trim(String path) {
    String p = path.trim();
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static final class PathMatcher implements RequestMatcher {
    private final @Nullable String fixed;
    private volatile @Nullable String resolved;

    PathMatcher(@Nullable String fixed) {
      this.fixed = fixed;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
      String mount = mount(request);
      String uri = request.getRequestURI();
      String context = request.getContextPath();
      if (uri == null) {
        return false;
      }
      String path = context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length())
          : uri;
      if (mount.equals("/")) {
        return true;
      }
      return path.equals(mount) || path.startsWith(mount + "/");
    }

    private String mount(HttpServletRequest request) {
      String f = fixed;
      if (f != null) {
        return f;
      }
      String r = resolved;
      if (r == null) {
        WebApplicationContext context = WebApplicationContextUtils.getRequiredWebApplicationContext(
            request.getServletContext());
        r = trim(context.getBean(TalkbackProperties.class).getPath());
        resolved = r;
      }
      return r;
    }

    @Override
    public String toString() {
      String f = fixed;
      return "TalkbackRequest[" + (f != null ? f : "talkback.path") + "]";
    }
  }
}
