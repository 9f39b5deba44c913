package dev.talkback.comments.spring;

import dev.talkback.comments.notify.SmtpMailer.Security;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMTP server notification mails go out through, under {@code talkback.mail.*}: read when comments-notify is
 * on the class path and a {@code talkback.mail.*} property is set ({@link TalkbackNotificationAutoConfiguration}).
 * {@code host} and {@code from} are required then; the application does not start without them and says why.
 * Without {@code host}, the server of Spring's own {@code spring.mail.*} is used (host, port, login, and TLS as
 * Spring's mail sender would connect); {@code from} is still required.
 */
@ConfigurationProperties("talkback.mail")
public class TalkbackMailProperties {
  /** Defaults as documented on each property. */
  public TalkbackMailProperties() {}

  /** The SMTP server's host name, such as smtp.example.org. Unset: spring.mail.host, with spring.mail's port, login and TLS; one of the two is required. */
  private @Nullable String host;
  /** The SMTP server's port; 25 with security NONE, 587 with STARTTLS, 465 with SMTPS when unset. */
  private @Nullable Integer port;
  /** How the connection is protected: NONE (a local relay), STARTTLS (required, not opportunistic) or SMTPS. With TLS the server's certificate must match its host name. */
  private Security security = Security.STARTTLS;
  /** The user to log in as (SMTP AUTH); no login when unset. */
  private @Nullable String username;
  /** The password of the user. */
  private @Nullable String password;
  /** The From address of every mail, such as blog@example.org. Required. */
  private @Nullable String from;
  /** The display name of the From address; talkback.notifications.blog-name when unset. */
  private @Nullable String fromName;
  /** The connect, read and write timeout of each SMTP exchange. */
  private Duration timeout = Duration.ofSeconds(20);
  /** The most mails sent over one SMTP connection before a new one is opened (providers limit mails per connection), 1 to 10000. */
  private int mailsPerConnection = 100;

  /**
   * The SMTP server's host name, such as smtp.example.org. Unset: {@code spring.mail.host}, with
   * {@code spring.mail}'s port, login and TLS; one of the two is required.
   *
   * @return the host, or null when unset
   */
  public @Nullable String getHost() {
    return host;
  }

  /**
   * Sets the SMTP server's host name.
   *
   * @param host the new value
   */
  public void setHost(@Nullable String host) {
    this.host = host;
  }

  /**
   * The SMTP server's port; 25 with security NONE, 587 with STARTTLS, 465 with SMTPS when unset.
   *
   * @return the port, or null for the security's default
   */
  public @Nullable Integer getPort() {
    return port;
  }

  /**
   * Sets the SMTP server's port.
   *
   * @param port the new value
   */
  public void setPort(@Nullable Integer port) {
    this.port = port;
  }

  /**
   * How the connection is protected.
   *
   * @return NONE, STARTTLS (the default) or SMTPS
   */
  public Security getSecurity() {
    return security;
  }

  /**
   * Sets how the connection is protected.
   *
   * @param security the new value
   */
  public void setSecurity(Security security) {
    this.security = security;
  }

  /**
   * The user to log in as (SMTP AUTH); no login when unset.
   *
   * @return the user, or null
   */
  public @Nullable String getUsername() {
    return username;
  }

  /**
   * Sets the user to log in as.
   *
   * @param username the new value
   */
  public void setUsername(@Nullable String username) {
    this.username = username;
  }

  /**
   * The password of the user.
   *
   * @return the password, or null
   */
  public @Nullable String getPassword() {
    return password;
  }

  /**
   * Sets the password of the user.
   *
   * @param password the new value
   */
  public void setPassword(@Nullable String password) {
    this.password = password;
  }

  /**
   * The From address of every mail, such as blog@example.org. Required.
   *
   * @return the address, or null when unset
   */
  public @Nullable String getFrom() {
    return from;
  }

  /**
   * Sets the From address of every mail.
   *
   * @param from the new value
   */
  public void setFrom(@Nullable String from) {
    this.from = from;
  }

  /**
   * The display name of the From address; {@code talkback.notifications.blog-name} when unset.
   *
   * @return the name, or null
   */
  public @Nullable String getFromName() {
    return fromName;
  }

  /**
   * Sets the display name of the From address.
   *
   * @param fromName the new value
   */
  public void setFromName(@Nullable String fromName) {
    this.fromName = fromName;
  }

  /**
   * The connect, read and write timeout of each SMTP exchange.
   *
   * @return the timeout; 20 seconds by default
   */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets the timeout of each SMTP exchange.
   *
   * @param timeout the new value
   */
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * The most mails sent over one SMTP connection before a new one is opened (providers limit mails per
   * connection, some to a few dozen).
   *
   * @return 1 to 10000; 100 by default
   */
  public int getMailsPerConnection() {
    return mailsPerConnection;
  }

  /**
   * Sets the most mails sent over one SMTP connection.
   *
   * @param mailsPerConnection the new value, 1 to 10000
   */
  public void setMailsPerConnection(int mailsPerConnection) {
    this.mailsPerConnection = mailsPerConnection;
  }
}
