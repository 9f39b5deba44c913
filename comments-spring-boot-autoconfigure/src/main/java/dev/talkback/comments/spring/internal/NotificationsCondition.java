package dev.talkback.comments.spring.internal;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Whether Talkback sends notifications: comments-notify is on the class path, some {@code talkback.mail.*} or
 * {@code talkback.notifications.*} property is set, and {@code talkback.notifications.enabled} is not false.
 * The JDBI store keeps its outbox exactly then ({@link #wanted}).
 */
public final class NotificationsCondition extends SpringBootCondition {
  private static final String SENDER = "dev.talkback.comments.notify.OutboxSender";

  /** Made by Spring. */
  public NotificationsCondition() {}

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return outcome(context.getEnvironment(), context.getClassLoader(), new String[] {"talkback.mail",
        "talkback.notifications"});
  }

  /**
   * Whether notifications are on: the same rule as the condition.
   *
   * @param environment the application's environment
   * @param classLoader the application's class loader, or null for the default
   * @return true if comments-notify is present and configured
   */
  public static boolean wanted(Environment environment, @org.jspecify.annotations.Nullable ClassLoader classLoader) {
    return outcome(environment, classLoader, new String[] {"talkback.mail", "talkback.notifications"}).isMatch();
  }

  static ConditionOutcome outcome(Environment environment, @org.jspecify.annotations.Nullable ClassLoader loader,
      String[] prefixes) {
    if (!ClassUtils.isPresent(SENDER, loader)) {
      return ConditionOutcome.noMatch("comments-notify is not on the class path");
    }
    if ("false".equalsIgnoreCase(environment.getProperty("talkback.notifications.enabled", "true").trim())) {
      return ConditionOutcome.noMatch("talkback.notifications.enabled is false");
    }
    for (String prefix : prefixes) {
      if (present(environment, prefix)) {
        return ConditionOutcome.match(prefix + ".* is set");
      }
    }
    return ConditionOutcome.noMatch("no " + String.join(".* or ", prefixes) + ".* property is set");
  }

  private static boolean present(Environment environment, String prefix) {
    ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
        return true;
      }
    }
    return false;
  }

  /** Whether a {@code talkback.mail.*} property is set (and notifications are on): then a mailer is made. */
  public static final class Mail extends SpringBootCondition {
    /** Made by Spring. */
    public Mail() {}

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return outcome(context.getEnvironment(), context.getClassLoader(), new String[] {"talkback.mail"});
    }
  }
}
