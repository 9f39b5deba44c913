package dev.talkback.comments.spring;

import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notify.ModeratorAlerts;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What notifications go out and how often the outbox is emptied, under {@code talkback.notifications.*}: read
 * when comments-notify is on the class path and a {@code talkback.mail.*} or {@code talkback.notifications.*}
 * property is set ({@link TalkbackNotificationAutoConfiguration}).
 */
@ConfigurationProperties("talkback.notifications")
public class TalkbackNotificationProperties {
  /** Defaults as documented on each property. */
  public TalkbackNotificationProperties() {}

  /** Whether to send notifications when comments-notify is on the class path and talkback.mail.* or talkback.notifications.* is set. */
  private boolean enabled = true;
  /** The blog's name, in the subjects and bodies of the mails and as the From name. */
  private String blogName = "Talkback";
  /** The language of the mails: en and de are built in; others fall back to English unless the application defines a MailTemplates bean with its own. */
  private Locale locale = Locale.ENGLISH;
  /** The moderators' addresses: they are mailed about comments that wait (see moderator-alerts). Needs talkback.mail.*. */
  private List<String> moderators = new ArrayList<>();
  /** Which comments moderators hear about: PENDING (each comment that waits), ALL (every new comment), DIGEST (one mail per digest-interval) or NONE. */
  private ModeratorAlerts moderatorAlerts = ModeratorAlerts.PENDING;
  /** With moderator-alerts=DIGEST, at most one digest per moderator this often (at least 1m). */
  private Duration digestInterval = Duration.ofHours(1);
  /** The pause between two rounds of the outbox sender on this node. */
  private Duration pollInterval = Duration.ofSeconds(10);
  /** Endpoints that receive the comment events as JSON, signed per Standard Webhooks. */
  private List<Webhook> webhooks = new ArrayList<>();

  /**
   * Whether to send notifications.
   *
   * @return true by default
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets whether to send notifications.
   *
   * @param enabled the new value
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The blog's name, in subjects and bodies and as the From name.
   *
   * @return the name; {@code Talkback} by default
   */
  public String getBlogName() {
    return blogName;
  }

  /**
   * Sets the blog's name.
   *
   * @param blogName the new value
   */
  public void setBlogName(String blogName) {
    this.blogName = blogName;
  }

  /**
   * The language of the mails.
   *
   * @return English by default
   */
  public Locale getLocale() {
    return locale;
  }

  /**
   * Sets the language of the mails.
   *
   * @param locale the new value
   */
  public void setLocale(Locale locale) {
    this.locale = locale;
  }

  /**
   * The moderators' addresses.
   *
   * @return the addresses, possibly none
   */
  public List<String> getModerators() {
    return moderators;
  }

  /**
   * Sets the moderators' addresses.
   *
   * @param moderators the new value
   */
  public void setModerators(List<String> moderators) {
    this.moderators = moderators;
  }

  /**
   * Which comments moderators hear about.
   *
   * @return PENDING by default
   */
  public ModeratorAlerts getModeratorAlerts() {
    return moderatorAlerts;
  }

  /**
   * Sets which comments moderators hear about.
   *
   * @param moderatorAlerts the new value
   */
  public void setModeratorAlerts(ModeratorAlerts moderatorAlerts) {
    this.moderatorAlerts = moderatorAlerts;
  }

  /**
   * With {@code DIGEST}: at most one digest per moderator this often.
   *
   * @return one hour by default
   */
  public Duration getDigestInterval() {
    return digestInterval;
  }

  /**
   * Sets the digest interval.
   *
   * @param digestInterval the new value
   */
  public void setDigestInterval(Duration digestInterval) {
    this.digestInterval = digestInterval;
  }

  /**
   * The pause between two rounds of the outbox sender on this node.
   *
   * @return ten seconds by default
   */
  public Duration getPollInterval() {
    return pollInterval;
  }

  /**
   * Sets the pause between two rounds.
   *
   * @param pollInterval the new value
   */
  public void setPollInterval(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /**
   * The webhook endpoints.
   *
   * @return the endpoints, possibly none
   */
  public List<Webhook> getWebhooks() {
    return webhooks;
  }

  /**
   * Sets the webhook endpoints.
   *
   * @param webhooks the new value
   */
  public void setWebhooks(List<Webhook> webhooks) {
    this.webhooks = webhooks;
  }

  /** One webhook endpoint. */
  public static final class Webhook {
    /** The endpoint's absolute http(s) URL. */
    private @Nullable URI url;
    /** The signing secret: whsec_ and the base64 of 24 to 64 random bytes, as the Standard Webhooks libraries expect. */
    private @Nullable String secret;
    /** The events it wants (COMMENT_POSTED, COMMENT_APPROVED, COMMENT_EDITED, COMMENT_DELETED, COMMENT_SPAM); all when empty. */
    private List<OutboxMessage.Kind> events = new ArrayList<>();

    /** Defaults as documented on each property. */
    public Webhook() {}

    /**
     * The endpoint's URL.
     *
     * @return the URL, or null when unset
     */
    public @Nullable URI getUrl() {
      return url;
    }

    /**
     * Sets the endpoint's URL.
     *
     * @param url the new value
     */
    public void setUrl(@Nullable URI url) {
      this.url = url;
    }

    /**
     * The signing secret.
     *
     * @return {@code whsec_...}, or null when unset
     */
    public @Nullable String getSecret() {
      return secret;
    }

    /**
     * Sets the signing secret.
     *
     * @param secret the new value
     */
    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }

    /**
     * The events it wants.
     *
     * @return the events; all when empty
     */
    public List<OutboxMessage.Kind> getEvents() {
      return events;
    }

    /**
     * Sets the events it wants.
     *
     * @param events the new value
     */
    public void setEvents(List<OutboxMessage.Kind> events) {
      this.events = events;
    }
  }
}
