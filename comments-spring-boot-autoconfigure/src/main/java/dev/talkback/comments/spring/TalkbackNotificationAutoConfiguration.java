package dev.talkback.comments.spring;

import dev.talkback.comments.Comments;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notify.MailTemplates;
import dev.talkback.comments.notify.Mailer;
import dev.talkback.comments.notify.OutboxListener;
import dev.talkback.comments.notify.OutboxSender;
import dev.talkback.comments.notify.SmtpMailer;
import dev.talkback.comments.notify.WebhookEndpoint;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spring.internal.NotificationSetup;
import dev.talkback.comments.spring.internal.NotificationsCondition;
import dev.talkback.comments.spring.internal.OutboxLifecycle;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Notifications in a Spring Boot application, when comments-notify is on the class path and a
 * {@code talkback.mail.*} or {@code talkback.notifications.*} property is set ({@code
 * talkback.notifications.enabled=false} turns them off). Then the JDBI store keeps its outbox, and these beans
 * are made, each only if the application has none of its type:
 *
 * <ul>
 *   <li>{@link Notifications}: subscriptions, the outbox and the signed links, on the store's outbox, signed
 *       with a key derived from {@code talkback.secret}; the servlet serves its links;
 *   <li>{@link Mailer}: an {@link SmtpMailer} from {@code talkback.mail.*} (when a {@code talkback.mail.*}
 *       property is set; {@code host} and {@code from} are required);
 *   <li>{@link OutboxSender}: from {@code talkback.notifications.*}, with the application's {@link MailTemplates},
 *       {@link WebhookEndpoint} and {@link OutboxListener} beans;
 *   <li>{@code talkbackOutboxLifecycle}: runs the sender every {@code talkback.notifications.poll-interval} from
 *       the application's start until its shutdown;
 *   <li>{@link TalkbackNotificationMetrics} when Micrometer is on the class path.
 * </ul>
 *
 * <p>docs/spring-boot.md ("Notifications") has the properties and an example.
 */
@AutoConfiguration(after = TalkbackAutoConfiguration.class)
@ConditionalOnClass({Comments.class, OutboxSender.class})
@ConditionalOnProperty(prefix = "talkback", name = "enabled", havingValue = "true", matchIfMissing = true)
@Conditional(NotificationsCondition.class)
@EnableConfigurationProperties({TalkbackMailProperties.class, TalkbackNotificationProperties.class})
public class TalkbackNotificationAutoConfiguration {
  /** Made by Spring. */
  public TalkbackNotificationAutoConfiguration() {}

  /**
   * Subscriptions, outbox and signed links on the comment store's outbox.
   *
   * @param comments the comment service
   * @param store the comment store (it must keep an outbox)
   * @param properties the settings ({@code talkback.secret} keys the links)
   * @return the notifications
   */
  @Bean
  @ConditionalOnMissingBean
  public Notifications talkbackNotifications(Comments comments, ObjectProvider<CommentStore> store,
      TalkbackProperties properties) {
    return NotificationSetup.notifications(comments, store.getIfUnique(), properties);
  }

  /**
   * The SMTP mailer of {@code talkback.mail.*}, on the server of {@code spring.mail.*} when
   * {@code talkback.mail.host} is not set.
   *
   * @param mail the mail settings
   * @param notifications the notification settings
   * @param environment the application's environment, for {@code spring.mail.*}
   * @return the mailer
   */
  @Bean
  @ConditionalOnMissingBean(Mailer.class)
  @Conditional(NotificationsCondition.Mail.class)
  public SmtpMailer talkbackMailer(TalkbackMailProperties mail, TalkbackNotificationProperties notifications,
      org.springframework.core.env.Environment environment) {
    return NotificationSetup.mailer(mail, notifications, NotificationSetup.SpringMail.of(environment));
  }

  /**
   * The outbox sender, not started (the lifecycle starts it).
   *
   * @param comments the comment service
   * @param notifications the outbox
   * @param properties the settings ({@code talkback.public-url} is required)
   * @param settings the notification settings
   * @param mailer the mailer, if any
   * @param templates the application's templates, if any
   * @param webhooks the application's webhook endpoints, besides those of the properties
   * @param listeners hear every delivery
   * @return the sender
   */
  @Bean
  @ConditionalOnMissingBean
  public OutboxSender talkbackOutboxSender(Comments comments, Notifications notifications,
      TalkbackProperties properties, TalkbackNotificationProperties settings, ObjectProvider<Mailer> mailer,
      ObjectProvider<MailTemplates> templates, ObjectProvider<WebhookEndpoint> webhooks,
      ObjectProvider<OutboxListener> listeners) {
    return NotificationSetup.sender(comments, notifications, properties, settings, mailer.getIfUnique(),
        templates.getIfUnique(), webhooks.orderedStream().toList(), listeners.orderedStream().toList());
  }

  /**
   * Runs the sender from the application's start until its shutdown.
   *
   * @param sender the sender
   * @param settings the notification settings (the poll interval)
   * @return the lifecycle
   */
  @Bean
  @ConditionalOnMissingBean(name = "talkbackOutboxLifecycle")
  public OutboxLifecycle talkbackOutboxLifecycle(OutboxSender sender, TalkbackNotificationProperties settings) {
    return new OutboxLifecycle(sender, settings.getPollInterval(), Duration.ofSeconds(30));
  }

  /** Micrometer meters of the outbox, when Micrometer is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class NotificationMetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    TalkbackNotificationMetrics talkbackNotificationMetrics(ObjectProvider<Notifications> notifications) {
      return new TalkbackNotificationMetrics(() -> notifications.getObject().store());
    }
  }
}
