package dev.talkback.comments.spring.internal;

import dev.talkback.comments.Comments;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.notify.MailTemplates;
import dev.talkback.comments.notify.Mailer;
import dev.talkback.comments.notify.OutboxListener;
import dev.talkback.comments.notify.OutboxSender;
import dev.talkback.comments.notify.SmtpMailer;
import dev.talkback.comments.notify.WebhookEndpoint;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.spring.TalkbackMailProperties;
import dev.talkback.comments.spring.TalkbackNotificationProperties;
import dev.talkback.comments.spring.TalkbackProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Builds the notification beans from {@code talkback.*}, {@code talkback.mail.*} and
 * {@code talkback.notifications.*}; a missing or wrong setting is a {@link TalkbackConfigurationException} that
 * names the property.
 */
public final class NotificationSetup {
  private static final String DOCS = " (docs/spring-boot.md, \"Notifications\").";

  private NotificationSetup() {}

  /**
   * The subscriptions, outbox and link signer: on the store's outbox, with links signed by a key derived from
   * {@code talkback.secret}.
   *
   * @param comments the comment service
   * @param store the comment store (the JDBI store with its outbox, or the application's own)
   * @param p the settings
   * @return the notifications
   * @throws TalkbackConfigurationException if the store keeps no outbox or the secret is missing
   */
  public static Notifications notifications(Comments comments, @Nullable CommentStore store, TalkbackProperties p) {
    Optional<NotificationStore> outbox = store == null ? Optional.empty() : store.notifications();
    if (outbox.isEmpty()) {
      throw new TalkbackConfigurationException("notifications are configured (talkback.mail.* or"
          + " talkback.notifications.*) but the comment store " + store + " keeps no outbox.",
          "Let the starter build the JDBI store (it keeps an outbox when notifications are configured), or build your"
          + " CommentStore bean with one (JdbiCommentStore.builder(ds).notifications(true)), or set"
          + " talkback.notifications.enabled=false.");
    }
    return Notifications.builder(comments, outbox.get(),
        SignedLinks.create(linkKey(Servlets.secret(p.getSecret())), comments.settings().clock())).build();
  }

  /**
   * The key mail links are signed with: HMAC-SHA256 of a fixed label under {@code talkback.secret}, so the
   * secret itself signs nothing twice and a 16-byte secret still gives the 32-byte key links need.
   *
   * @param secret the decoded {@code talkback.secret}
   * @return 32 bytes
   */
  static byte[] linkKey(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal("talkback notification links v1".getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * The SMTP mailer {@code talkback.mail.*} describes, with the server of Spring's own {@code spring.mail.*}
   * when {@code talkback.mail.host} is not set: an application that already sends mail through Spring names its
   * server once.
   *
   * @param m the mail settings
   * @param n the notification settings (the blog's name is the default From name)
   * @param spring the application's {@code spring.mail.*} settings
   * @return the mailer
   * @throws TalkbackConfigurationException if the host or From address is missing, or a setting is invalid
   */
  public static SmtpMailer mailer(TalkbackMailProperties m, TalkbackNotificationProperties n, SpringMail spring) {
    String host = m.getHost();
    boolean own = host != null && !host.isBlank();
    if (!own) {
      host = spring.host();
    }
    if (host == null || host.isBlank()) {
      throw new TalkbackConfigurationException("talkback.mail.host is not set, but other talkback.mail.* settings"
          + " are.", "Set talkback.mail.host to your SMTP server (such as smtp.example.org, or localhost for a"
          + " local relay), or spring.mail.host if the application sends mail through Spring too, with"
          + " talkback.mail.from; or remove the talkback.mail.* settings to send no mail" + DOCS);
    }
    String from = m.getFrom();
    if (from == null || from.isBlank()) {
      throw new TalkbackConfigurationException("talkback.mail.from is not set.", "Set talkback.mail.from to the"
          + " address notification mails come from (such as blog@example.org; your SMTP provider must allow it)"
          + DOCS);
    }
    String prefix = own ? "talkback.mail" : "spring.mail";
    String user = own ? m.getUsername() : spring.username();
    String password = own ? m.getPassword() : spring.password();
    if ((user == null || user.isEmpty()) != (password == null)) {
      throw new TalkbackConfigurationException(prefix + ".username and " + prefix + ".password must be set"
          + " together.", "Set both for an SMTP server that needs a login, or neither for one that does not" + DOCS);
    }
    SmtpMailer.Security security = own || spring.security() == null ? m.getSecurity() : spring.security();
    Integer givenPort = own ? m.getPort() : spring.port();
    int port = givenPort != null ? givenPort : switch (security) {
      case NONE -> 25;
      case STARTTLS -> 587;
      case SMTPS -> 465;
    };
    try {
      SmtpMailer.Builder b = SmtpMailer.builder(host.trim(), port).security(security).timeout(m.getTimeout())
          .mailsPerConnection(m.getMailsPerConnection());
      if (user != null && !user.isEmpty() && password != null) {
        b.login(user, password);
      }
      String name = m.getFromName();
      return b.from(from.trim(), name != null && !name.isBlank() ? name : n.getBlogName()).build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new TalkbackConfigurationException("invalid " + prefix + ".* setting: " + e.getMessage(),
          "Correct the " + prefix + ".* settings" + DOCS);
    }
  }

  /**
   * The server of Spring's {@code spring.mail.*} settings, read from the environment (Boot's own
   * {@code MailProperties} moved package between Boot 3 and 4, so the names are read directly).
   *
   * @param host {@code spring.mail.host}
   * @param port {@code spring.mail.port}
   * @param username {@code spring.mail.username}
   * @param password {@code spring.mail.password}
   * @param security as Spring's mail sender would connect: SMTPS for {@code spring.mail.protocol=smtps} or
   *     {@code spring.mail.ssl.enabled=true}, STARTTLS when {@code mail.smtp.starttls.enable} or
   *     {@code .required} is true in {@code spring.mail.properties}, plain otherwise; null without a host
   */
  public record SpringMail(@Nullable String host, @Nullable Integer port, @Nullable String username,
      @Nullable String password, SmtpMailer.@Nullable Security security) {
    /**
     * Reads {@code spring.mail.*}.
     *
     * @param env the application's environment
     * @return the settings, all null when {@code spring.mail.host} is not set
     * @throws TalkbackConfigurationException if {@code spring.mail.port} is not a number
     */
    public static SpringMail of(org.springframework.core.env.Environment env) {
      String host = env.getProperty("spring.mail.host");
      if (host == null || host.isBlank()) {
        return new SpringMail(null, null, null, null, null);
      }
      Integer port;
      try {
        port = env.getProperty("spring.mail.port", Integer.class);
      } catch (RuntimeException e) {
        throw new TalkbackConfigurationException("spring.mail.port is not a port number: "
            + env.getProperty("spring.mail.port"), "Set spring.mail.port to a number, such as 587" + DOCS);
      }
      boolean smtps = "smtps".equalsIgnoreCase(env.getProperty("spring.mail.protocol", "smtp").trim())
          || env.getProperty("spring.mail.ssl.enabled", Boolean.class, false);
      boolean starttls = env.getProperty("spring.mail.properties.mail.smtp.starttls.enable", Boolean.class, false)
          || env.getProperty("spring.mail.properties.mail.smtp.starttls.required", Boolean.class, false);
      SmtpMailer.Security security = smtps ? SmtpMailer.Security.SMTPS
          : starttls ? SmtpMailer.Security.STARTTLS : SmtpMailer.Security.NONE;
      return new SpringMail(host, port, env.getProperty("spring.mail.username"),
          env.getProperty("spring.mail.password"), security);
    }
  }

  /**
   * The outbox sender {@code talkback.notifications.*} describes.
   *
   * @param comments the comment service
   * @param notifications the outbox
   * @param p the settings ({@code talkback.public-url} is required: mail links are absolute)
   * @param n the notification settings
   * @param mailer the mailer, if mail is configured
   * @param templates the application's templates, or the built-in ones
   * @param webhooks the application's webhook beans, with those of {@code talkback.notifications.webhooks}
   * @param listeners hear every delivery (metrics)
   * @return the sender, not started
   * @throws TalkbackConfigurationException if a setting is missing or invalid
   */
  public static OutboxSender sender(Comments comments, Notifications notifications, TalkbackProperties p,
      TalkbackNotificationProperties n, @Nullable Mailer mailer, @Nullable MailTemplates templates,
      List<WebhookEndpoint> webhooks, List<OutboxListener> listeners) {
    String publicUrl = p.getPublicUrl();
    if (publicUrl == null || publicUrl.isBlank()) {
      throw new TalkbackConfigurationException("talkback.public-url is not set, and notification mails need absolute"
          + " links.", "Set talkback.public-url to the absolute URL the comments are served at, as readers reach it"
          + " (such as https://blog.example.org/comments)" + DOCS);
    }
    if (!n.getModerators().isEmpty() && mailer == null && n.getModeratorAlerts() != dev.talkback.comments.notify
        .ModeratorAlerts.NONE) {
      throw new TalkbackConfigurationException("talkback.notifications.moderators is set, but there is no mailer:"
          + " talkback.mail.host is not set.", "Set talkback.mail.host and talkback.mail.from (or define a"
          + " dev.talkback.comments.notify.Mailer bean), or remove talkback.notifications.moderators" + DOCS);
    }
    try {
      OutboxSender.Builder b = OutboxSender.builder(comments, notifications, publicUrl.trim())
          .blogName(n.getBlogName())
          .locale(n.getLocale())
          .moderators(n.getModerators())
          .moderatorAlerts(n.getModeratorAlerts())
          .digestInterval(n.getDigestInterval());
      if (mailer != null) {
        b.mailer(mailer);
      }
      if (templates != null) {
        b.templates(templates);
      }
      for (int i = 0; i < n.getWebhooks().size(); i++) {
        b.webhook(webhook(n.getWebhooks().get(i), i));
      }
      webhooks.forEach(b::webhook);
      listeners.forEach(b::listener);
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new TalkbackConfigurationException("invalid talkback.notifications.* setting: " + e.getMessage(),
          "Correct the talkback.notifications.* settings" + DOCS);
    }
  }

  private static WebhookEndpoint webhook(TalkbackNotificationProperties.Webhook w, int i) {
    String name = "talkback.notifications.webhooks[" + i + "]";
    URI url = w.getUrl();
    String secret = w.getSecret();
    if (url == null || secret == null || secret.isBlank()) {
      throw new TalkbackConfigurationException(name + (url == null ? ".url" : ".secret") + " is not set.",
          "Give each webhook a url and a secret (whsec_ and the base64 of 24 to 64 random bytes, for example"
          + " whsec_$(openssl rand -base64 32))" + DOCS);
    }
    try {
      return w.getEvents().isEmpty() ? WebhookEndpoint.of(url, secret.trim())
          : new WebhookEndpoint(url, secret.trim(), EnumSet.copyOf(w.getEvents()));
    } catch (IllegalArgumentException e) {
      throw new TalkbackConfigurationException("invalid " + name + ": " + e.getMessage(),
          "Correct " + name + ".url (an absolute http(s) URL), .secret (whsec_...) and .events ("
          + String.join(", ", eventNames()) + ")" + DOCS);
    }
  }

  private static List<String> eventNames() {
    return EnumSet.allOf(OutboxMessage.Kind.class).stream().filter(OutboxMessage.Kind::isEvent).map(Enum::name)
        .toList();
  }
}
