package dev.talkback.comments.spring.internal;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link TalkbackConfigurationException} as what is wrong and what to do, without a stack trace. */
public final class TalkbackFailureAnalyzer extends AbstractFailureAnalyzer<TalkbackConfigurationException> {
  /** Registered in {@code META-INF/spring.factories}. */
  public TalkbackFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, TalkbackConfigurationException cause) {
    return new FailureAnalysis("Talkback: " + cause.getMessage(), cause.action(), cause);
  }
}
