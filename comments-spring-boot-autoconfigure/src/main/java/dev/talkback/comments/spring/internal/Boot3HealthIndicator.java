package dev.talkback.comments.spring.internal;

import dev.talkback.comments.Comments;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Talkback's health for Spring Boot 3's Actuator ({@code /actuator/health/talkback}); see {@link HealthDetails}. */
public final class Boot3HealthIndicator implements HealthIndicator {
  private final Comments comments;

  /**
   * An indicator for this service.
   *
   * @param comments the service
   */
  public Boot3HealthIndicator(Comments comments) {
    this.comments = comments;
  }

  @Override
  public Health health() {
    return Health.up().withDetails(HealthDetails.of(comments.health())).build();
  }
}
