package dev.talkback.comments.spring.internal;

/**
 * A setting the application must fix before Talkback can start, such as a missing {@code talkback.secret}.
 * {@link TalkbackFailureAnalyzer} turns it into Spring Boot's "APPLICATION FAILED TO START" report with what
 * to do.
 */
public final class TalkbackConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String action;

  /**
   * A configuration error.
   *
   * @param description what is wrong
   * @param action what to do about it
   */
  public TalkbackConfigurationException(String description, String action) {
    super(description);
    this.action = action;
  }

  /**
   * What to do about it.
   *
   * @return the action, for the failure report
   */
  public String action() {
    return action;
  }
}
