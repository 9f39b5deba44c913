package dev.talkback.comments.spring.internal;

import dev.talkback.comments.Comments;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Talkback's health for Spring Boot 4's Actuator ({@code /actuator/health/talkback}), whose health API moved
 * to {@code org.springframework.boot.health}; see {@link HealthDetails}.
 */
public final class Boot4HealthIndicator implements HealthIndicator {
  private final Comments comments;

  /**
   * An indicator for this service.
   *
   * @param comments the service
   */
  public Boot4HealthIndicator(Comments comments) {
    this.comments = comments;
  }

  @Override
  public @Nullable Health health() {
    return Health.up().withDetails(HealthDetails.of(comments.health())).build();
  }
}
