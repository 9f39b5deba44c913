package dev.talkback.comments.spring.internal;

import dev.talkback.comments.servlet.CommentsServlet;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Objects;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Names Talkback's routes in Spring's HTTP server observations: sets the observation's path pattern to the
 * servlet's route ({@code /comments/api/thread}, {@code /comments/api/comments/{id}}), the way Spring MVC sets
 * it for its own handlers, so {@code http.server.requests} is tagged {@code uri=/comments/api/thread} instead
 * of {@code UNKNOWN}. Must run inside {@link ServerHttpObservationFilter}; a request without an observation,
 * or on a path no route takes (tagged {@code NOT_FOUND} by Spring), is left alone. Threadsafe.
 */
public final class RouteNames implements Filter {
  private final CommentsServlet servlet;

  /**
   * A filter for requests to {@code servlet}.
   *
   * @param servlet the servlet whose routes name the requests
   */
  public RouteNames(CommentsServlet servlet) {
    this.servlet = Objects.requireNonNull(servlet, "servlet");
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http) {
      ServerHttpObservationFilter.findObservationContext(http)
          .ifPresent(context -> servlet.routePattern(http).ifPresent(context::setPathPattern));
    }
    chain.doFilter(request, response);
  }
}
