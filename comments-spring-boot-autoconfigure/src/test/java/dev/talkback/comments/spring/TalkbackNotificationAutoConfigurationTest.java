package dev.talkback.comments.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notify.MailMessage;
import dev.talkback.comments.notify.MailTemplates;
import dev.talkback.comments.notify.Mailer;
import dev.talkback.comments.notify.OutboxSender;
import dev.talkback.comments.notify.SmtpMailer;
import dev.talkback.comments.spring.internal.OutboxLifecycle;
import dev.talkback.comments.spring.internal.TalkbackConfigurationException;
import dev.talkback.comments.spring.internal.TalkbackFailureAnalyzer;
import dev.talkback.comments.testkit.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The notification beans of {@link TalkbackNotificationAutoConfiguration}, on H2, with a real SMTP server. */
class TalkbackNotificationAutoConfigurationTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

  private static final String[] BASE = {"talkback.secret=0123456789abcdef-test",
      "talkback.public-url=https://blog.example.org/comments"};

  private static WebApplicationContextRunner web() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            TalkbackAutoConfiguration.class, TalkbackNotificationAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "spring.flyway.locations=classpath:db/host")
        .withPropertyValues(BASE);
  }

  private static String[] mail() {
    return new String[] {"talkback.mail.host=127.0.0.1", "talkback.mail.port=" + SMTP.getSmtp().getPort(),
        "talkback.mail.security=none", "talkback.mail.from=blog@example.org"};
  }

  private static FailureAnalysis analysis(Throwable failure) {
    FailureAnalysis a = new TalkbackFailureAnalyzer().analyze(failure);
    assertThat(a).as("analysis of %s", failure).isNotNull();
    assertThat(a.getCause()).isInstanceOf(TalkbackConfigurationException.class);
    return a;
  }

  private static void post(Comments comments, String email) {
    comments.post(NewComment.builder(ThreadKey.of("hello")).threadTitle("Hello")
        .threadUrl("https://blog.example.org/posts/hello").author(Author.named("Ada").withEmail(email))
        .text("Lovely post").build());
  }

  @Nested
  @DisplayName("with talkback.mail.* set")
  class Defaults {
    @Test
    void everyBean_storeKeepsItsOutbox_senderRunsUntilShutdown() {
      OutboxLifecycle[] lifecycle = new OutboxLifecycle[1];
      web().withPropertyValues(mail()).run(context -> {
        assertThat(context).hasNotFailed().hasSingleBean(Notifications.class).hasSingleBean(SmtpMailer.class)
            .hasSingleBean(OutboxSender.class).hasSingleBean(OutboxLifecycle.class)
            .hasSingleBean(TalkbackNotificationMetrics.class);
        JdbiCommentStore store = context.getBean(JdbiCommentStore.class);
        assertThat(store.notifications()).as("the outbox is on").isPresent();
        assertThat(context.getBean(Notifications.class).store()).isSameAs(store.notifications().orElseThrow());
        lifecycle[0] = context.getBean(OutboxLifecycle.class);
        assertThat(lifecycle[0].isRunning()).isTrue();
        assertThat(context.getBean(SmtpMailer.class).toString()).contains("127.0.0.1:" + SMTP.getSmtp().getPort());
      });
      assertThat(lifecycle[0].isRunning()).as("stopped with the context").isFalse();
    }

    @Test
    void portFollowsTheSecurity_whenUnset() {
      web().withPropertyValues("talkback.mail.host=smtp.example.org", "talkback.mail.from=blog@example.org",
          "talkback.mail.security=smtps").run(context -> assertThat(context.getBean(SmtpMailer.class).toString())
              .contains("smtp.example.org:465"));
      web().withPropertyValues("talkback.mail.host=smtp.example.org", "talkback.mail.from=blog@example.org")
          .run(context -> assertThat(context.getBean(SmtpMailer.class).toString()).contains("smtp.example.org:587"));
    }

    @Test
    void webhooksOnly_noMailer() {
      web().withPropertyValues("talkback.notifications.webhooks[0].url=https://hooks.example.org/t",
          "talkback.notifications.webhooks[0].secret=whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3",
          "talkback.notifications.webhooks[0].events=comment_posted,comment_spam").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(OutboxSender.class).doesNotHaveBean(Mailer.class);
            assertThat(context.getBean(OutboxSender.class).toString()).contains("webhooks=1");
          });
    }
  }

  @Nested
  @DisplayName("when notifications are not wanted")
  class Absent {
    @Test
    void noMailOrNotificationProperty_nothing_andTheStoreKeepsNoOutbox() {
      web().run(context -> {
        assertThat(context).hasNotFailed().doesNotHaveBean(Notifications.class).doesNotHaveBean(OutboxSender.class);
        assertThat(context.getBean(JdbiCommentStore.class).notifications()).isEmpty();
      });
    }

    @Test
    void commentsNotifyNotOnTheClassPath_nothing_evenWithMailProperties() {
      web().withPropertyValues(mail()).withClassLoader(new FilteredClassLoader("dev.talkback.comments.notify"))
          .run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(Notifications.class)
                .doesNotHaveBean("talkbackOutboxSender").doesNotHaveBean("talkbackOutboxLifecycle");
            assertThat(context.getBean(JdbiCommentStore.class).notifications()).isEmpty();
            assertThat(context).hasBean("talkbackServlet");
          });
    }

    @Test
    void turnedOff() {
      web().withPropertyValues(mail()).withPropertyValues("talkback.notifications.enabled=false").run(context -> {
        assertThat(context).hasNotFailed().doesNotHaveBean(Notifications.class).doesNotHaveBean(OutboxSender.class);
        assertThat(context.getBean(JdbiCommentStore.class).notifications()).isEmpty();
      });
    }
  }

  @Nested
  @DisplayName("the application's own beans win")
  class Overrides {
    @Configuration(proxyBeanMethods = false)
    static class OwnMailer {
      static final List<MailMessage> SENT = new CopyOnWriteArrayList<>();

      @Bean
      Mailer myMailer() {
        return SENT::add;
      }

      @Bean
      MailTemplates myTemplates() {
        return MailTemplates.defaults().with(OutboxMessage.Kind.MODERATOR_MAIL, java.util.Locale.ENGLISH,
            new dev.talkback.comments.notify.MailTemplate("Mine: {{author}}", "text {{approveUrl}}", "<p>html</p>"));
      }
    }

    @Test
    void ownMailerAndTemplates_areUsed() {
      OwnMailer.SENT.clear();
      web().withUserConfiguration(OwnMailer.class)
          .withPropertyValues("talkback.notifications.moderators=mod@example.org", "talkback.moderation=all",
              "talkback.notifications.poll-interval=50ms")
          .run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(SmtpMailer.class).hasBean("myMailer");
            post(context.getBean(Comments.class), "ada@example.org");
            Await.until("the moderator mail through the application's mailer", () -> !OwnMailer.SENT.isEmpty());
            MailMessage m = OwnMailer.SENT.get(0);
            assertThat(m.subject()).isEqualTo("Mine: Ada");
            assertThat(m.text()).startsWith("text https://blog.example.org/comments/notify/moderate?token=");
          });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSender {
      @Bean
      OutboxSender mySender(Comments comments, Notifications notifications) {
        return OutboxSender.builder(comments, notifications, "https://other.example.org/c").owner("mine").build();
      }
    }

    @Test
    void ownSender_isTheOneRun() {
      web().withPropertyValues(mail()).withUserConfiguration(OwnSender.class).run(context -> {
        assertThat(context).hasNotFailed().hasSingleBean(OutboxSender.class).hasBean("mySender")
            .doesNotHaveBean("talkbackOutboxSender");
        assertThat(context.getBean(OutboxLifecycle.class).toString()).contains("owner=mine");
      });
    }
  }

  @Nested
  @DisplayName("a missing or wrong setting stops the application and says which")
  class Missing {
    @Test
    void mailHost() {
      web().withPropertyValues("talkback.mail.from=blog@example.org").run(context -> {
        assertThat(context).hasFailed();
        FailureAnalysis a = analysis(context.getStartupFailure());
        assertThat(a.getDescription()).isEqualTo("Talkback: talkback.mail.host is not set, but other talkback.mail.*"
            + " settings are.");
        assertThat(a.getAction()).contains("Set talkback.mail.host");
      });
    }

    @Test
    void mailFrom() {
      web().withPropertyValues("talkback.mail.host=smtp.example.org").run(context -> assertThat(
          analysis(context.getStartupFailure()).getDescription()).isEqualTo("Talkback: talkback.mail.from is not set."));
    }

    @Test
    void passwordWithoutUser() {
      web().withPropertyValues(mail()).withPropertyValues("talkback.mail.password=x").run(context -> assertThat(
          analysis(context.getStartupFailure()).getDescription()).contains("username and talkback.mail.password"));
    }

    @Test
    void publicUrl() {
      web().withPropertyValues(mail()).withPropertyValues("talkback.public-url=").run(context -> {
        FailureAnalysis a = analysis(context.getStartupFailure());
        assertThat(a.getDescription()).contains("talkback.public-url is not set");
        assertThat(a.getAction()).contains("https://blog.example.org/comments");
      });
    }

    @Test
    void moderatorsWithoutMail() {
      web().withPropertyValues("talkback.notifications.moderators=mod@example.org").run(context -> assertThat(
          analysis(context.getStartupFailure()).getDescription()).contains("talkback.notifications.moderators is set,"
              + " but there is no mailer"));
    }

    @Test
    void webhookWithoutSecret() {
      web().withPropertyValues("talkback.notifications.webhooks[0].url=https://hooks.example.org/t").run(context ->
          assertThat(analysis(context.getStartupFailure()).getDescription())
              .isEqualTo("Talkback: talkback.notifications.webhooks[0].secret is not set."));
    }

    @Test
    void mailsPerConnectionOutOfRange() {
      web().withPropertyValues(mail()).withPropertyValues("talkback.mail.mails-per-connection=0").run(context ->
          assertThat(analysis(context.getStartupFailure()).getDescription())
              .isEqualTo("Talkback: invalid talkback.mail.* setting: mailsPerConnection must be 1 to 10000: 0"));
    }

    @Test
    void badFromAddress() {
      web().withPropertyValues(mail()).withPropertyValues("talkback.mail.from=not an address").run(context ->
          assertThat(analysis(context.getStartupFailure()).getDescription())
              .startsWith("Talkback: invalid talkback.mail.* setting"));
    }
  }

  @Test
  @DisplayName("a real mail through GreenMail from a Boot context, and the meters that count it")
  void realMail_throughGreenMail_counted() throws Exception {
    web().withPropertyValues(mail())
        .withPropertyValues("talkback.moderation=all", "talkback.notifications.moderators=mod@example.org",
            "talkback.notifications.blog-name=Ada's Blog", "talkback.notifications.locale=de",
            "talkback.notifications.poll-interval=50ms")
        .run(context -> {
          SimpleMeterRegistry registry = new SimpleMeterRegistry();
          context.getBean(TalkbackNotificationMetrics.class).bindTo(registry);
          post(context.getBean(Comments.class), "ada@example.org");
          assertThat(SMTP.waitForIncomingEmail(20_000, 1)).as("a moderator mail within 20 s").isTrue();
          MimeMessage m = SMTP.getReceivedMessages()[0];
          assertThat(m.getAllRecipients()[0].toString()).isEqualTo("mod@example.org");
          assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Ada's Blog");
          assertThat(m.getSubject()).contains("Ada's Blog").contains("wartend");
          assertThat(m.getHeader("List-Unsubscribe")[0]).startsWith("<https://blog.example.org/comments/admin");
          String text = (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
          assertThat(text).contains("Lovely post").contains("https://blog.example.org/comments/notify/moderate?token=")
              .doesNotContain("ada@example.org");
          Await.until("the delivery counted", () -> registry.get("talkback.notifications.deliveries")
              .tags("kind", "mail", "result", "sent").counter().count() == 1);
          assertThat(registry.get("talkback.notifications.delivery.latency").tags("kind", "mail").timer().count())
              .isEqualTo(1);
          Await.until("the backlog empty", () -> registry.get("talkback.notifications.backlog").gauge().value() == 0);
        });
  }

  @Nested
  @DisplayName("without talkback.mail.host, the server of spring.mail.*")
  class SpringMailServer {
    @Test
    @DisplayName("a real mail goes out through spring.mail.host and port, with only talkback.mail.from of ours")
    void realMail_throughSpringMailsServer() throws Exception {
      web().withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + SMTP.getSmtp().getPort(),
          "talkback.mail.from=blog@example.org", "talkback.moderation=all",
          "talkback.notifications.moderators=mod@example.org", "talkback.notifications.poll-interval=50ms")
          .run(context -> {
            assertThat(context.getBean(SmtpMailer.class).toString())
                .isEqualTo("SmtpMailer{smtp://127.0.0.1:" + SMTP.getSmtp().getPort() + "}");
            post(context.getBean(Comments.class), "ada@example.org");
            assertThat(SMTP.waitForIncomingEmail(20_000, 1)).as("a moderator mail within 20 s").isTrue();
            assertThat(SMTP.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("mod@example.org");
          });
    }

    @Test
    @DisplayName("TLS as Spring's mail sender would connect: smtps, ssl.enabled, starttls properties, else plain")
    void securityFollowsSpringsSettings() {
      String[] ours = {"talkback.mail.from=blog@example.org", "spring.mail.host=smtp.example.org"};
      web().withPropertyValues(ours).withPropertyValues("spring.mail.protocol=smtps").run(context ->
          assertThat(context.getBean(SmtpMailer.class).toString()).isEqualTo("SmtpMailer{smtps://smtp.example.org:465}"));
      web().withPropertyValues(ours).withPropertyValues("spring.mail.ssl.enabled=true").run(context ->
          assertThat(context.getBean(SmtpMailer.class).toString()).isEqualTo("SmtpMailer{smtps://smtp.example.org:465}"));
      web().withPropertyValues(ours).withPropertyValues("spring.mail.port=587",
          "spring.mail.properties.mail.smtp.starttls.enable=true").run(context -> {
            assertThat(context.getBean(SmtpMailer.class).toString())
                .isEqualTo("SmtpMailer{smtp://smtp.example.org:587 STARTTLS}");
          });
      web().withPropertyValues(ours).withPropertyValues("spring.mail.username=u", "spring.mail.password=p")
          .run(context -> assertThat(context.getBean(SmtpMailer.class).toString())
              .isEqualTo("SmtpMailer{smtp://smtp.example.org:25 with login}"));
    }

    @Test
    void talkbackMailHost_wins_andSpringsLoginIsNotTakenForIt() {
      web().withPropertyValues("spring.mail.host=smtp.spring.example.org", "spring.mail.username=u",
          "spring.mail.password=p", "talkback.mail.host=smtp.example.org", "talkback.mail.from=blog@example.org")
          .run(context -> assertThat(context.getBean(SmtpMailer.class).toString())
              .isEqualTo("SmtpMailer{smtp://smtp.example.org:587 STARTTLS}"));
    }

    @Test
    void springMailLoginHalfSet_namesSpringsProperties() {
      web().withPropertyValues("spring.mail.host=smtp.example.org", "spring.mail.password=p",
          "talkback.mail.from=blog@example.org").run(context -> assertThat(analysis(context.getStartupFailure())
              .getDescription()).isEqualTo("Talkback: spring.mail.username and spring.mail.password must be set"
                  + " together."));
    }
  }

  @Test
  void metrics_backlogGauge_isTheStoresCount_andNaNWhenUnreadable() {
    web().withPropertyValues(mail()).withPropertyValues("talkback.notifications.poll-interval=1h").run(context -> {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      context.getBean(TalkbackNotificationMetrics.class).bindTo(registry);
      Comments comments = context.getBean(Comments.class);
      Await.until("the first round done", () -> registry.get("talkback.notifications.backlog").gauge().value() == 0);
      post(comments, "ada@example.org");
      post(comments, "bea@example.org");
      assertThat(registry.get("talkback.notifications.backlog").gauge().value()).as("two events wait").isEqualTo(2);
    });
    TalkbackNotificationMetrics broken = new TalkbackNotificationMetrics(() -> {
      throw new IllegalStateException("database down");
    });
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    broken.bindTo(registry);
    assertThat(registry.get("talkback.notifications.backlog").gauge().value()).isNaN();
    assertThat(registry.get("talkback.notifications.deliveries").counters()).hasSize(8);
  }
}
