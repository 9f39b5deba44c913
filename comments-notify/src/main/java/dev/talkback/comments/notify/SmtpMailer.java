package dev.talkback.comments.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Mailer} over SMTP, with Jakarta Mail and Eclipse Angus Mail: plain, STARTTLS (required, not
 * opportunistic) or SMTPS (TLS from the first byte), with or without a login. Each mail is
 * {@code multipart/alternative} (plain text, then HTML, both UTF-8) with the {@code Message-ID} it was
 * given, and {@code List-Unsubscribe} plus, when the mail's URL takes it ({@link MailMessage#oneClick()}),
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058). Thread-safe: one {@link Session}; {@link #send} opens a connection per mail, {@link #batch()} one
 * per batch (the {@link OutboxSender}'s round).
 *
 * <pre>{@code
 * Mailer mailer = SmtpMailer.builder("smtp.example.org", 587)
 *     .security(SmtpMailer.Security.STARTTLS)
 *     .login("blog@example.org", System.getenv("SMTP_PASSWORD"))
 *     .from("blog@example.org", "My Blog")
 *     .build();
 * }</pre>
 */
public final class SmtpMailer implements Mailer {
  private final Session session;
  private final InternetAddress from;
  private final String protocol;
  private final java.time.Clock clock;
  private final int mailsPerConnection;

  /** How the connection is protected. */
  public enum Security {
    /** No TLS: only for a server on the same host or in tests. */
    NONE,
    /** Plain connection upgraded with STARTTLS, which is required (port 587). */
    STARTTLS,
    /** TLS from the start (port 465). */
    SMTPS
  }

  private SmtpMailer(Builder b) {
    this.protocol = b.security == Security.SMTPS ? "smtps" : "smtp";
    this.clock = b.clock;
    this.mailsPerConnection = b.mailsPerConnection;
    Properties p = new Properties();
    String pre = "mail." + protocol + ".";
    p.put("mail.transport.protocol", protocol);
    p.put(pre + "host", b.host);
    p.put(pre + "port", Integer.toString(b.port));
    p.put(pre + "connectiontimeout", Long.toString(b.timeout.toMillis()));
    p.put(pre + "timeout", Long.toString(b.timeout.toMillis()));
    p.put(pre + "writetimeout", Long.toString(b.timeout.toMillis()));
    if (b.security == Security.STARTTLS) {
      p.put(pre + "starttls.enable", "true");
      p.put(pre + "starttls.required", "true");
    }
    if (b.security != Security.NONE) {
      p.put(pre + "ssl.checkserveridentity", "true");
    }
    Authenticator auth = null;
    if (b.username != null) {
      p.put(pre + "auth", "true");
      String user = b.username;
      String password = Objects.requireNonNull(b.password, "a login has a password");
      auth = new Authenticator() {
        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
          return new PasswordAuthentication(user, password);
        }
      };
    }
    this.session = Session.getInstance(p, auth);
    this.from = Objects.requireNonNull(b.from, "from");
  }

  /**
   * A builder for a server.
   *
   * @param host the SMTP server's host name
   * @param port its port (25, 465, 587, or a test server's)
   * @return a builder (no TLS, no login until set)
   */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /**
   * Sends one mail over a connection of its own (connect, send, QUIT). To send several, {@link #batch()}
   * keeps one connection for all of them.
   */
  @Override
  public void send(MailMessage mail) {
    try (MailBatch one = batch()) {
      one.send(mail);
    }
  }

  /**
   * A batch that sends its mails over one SMTP connection, opened by its first mail and closed (QUIT) by
   * {@link MailBatch#close()}, or after {@link Builder#mailsPerConnection} mails, when a new one is opened.
   * A failed mail closes the connection, so the next mail starts on a new one. A mail that fails on a
   * connection an earlier mail of the batch used (the server may have closed it while it was idle, or
   * refuse more mails on it) is sent once more at once over a new connection; a mail that fails on a new
   * connection fails ({@link MailDeliveryException}), and the sender retries it later.
   *
   * @return a batch for one thread
   */
  @Override
  public MailBatch batch() {
    return new Connection();
  }

  @SuppressWarnings("JavaUtilDate") // Jakarta Mail's setSentDate takes a java.util.Date; made from the clock
  private MimeMessage message(MailMessage mail) {
    MimeMessage m = new FixedIdMessage(session, mail.messageId());
    try {
      m.setFrom(from);
      m.setRecipients(MimeMessage.RecipientType.TO,
          new InternetAddress[] {new InternetAddress(asciiDomain(mail.to()), true)});
      m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
      m.setSentDate(Date.from(clock.instant()));
      m.setHeader("List-Unsubscribe", "<" + mail.listUnsubscribe() + ">");
      if (mail.oneClick()) {
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      }
      m.setHeader("Auto-Submitted", "auto-generated");
      MimeBodyPart text = new MimeBodyPart();
      text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
      MimeMultipart alternative = new MimeMultipart("alternative", text, html);
      m.setContent(alternative);
      m.saveChanges();
      return m;
    } catch (AddressException e) {
      throw new MailDeliveryException("not an address: " + e.getMessage(), true, e);
    } catch (MessagingException e) {
      throw new MailDeliveryException("could not build the mail: " + e.getMessage(), true, e);
    }
  }

  /**
   * The address with its domain as IDNA A-labels ({@code ada@exämple.de} becomes {@code ada@xn--exmple-cua.de}):
   * what SMTP and the {@code To} header take without SMTPUTF8. Readers' addresses keep the domain as typed.
   */
  static String asciiDomain(String address) {
    int at = address.lastIndexOf('@');
    if (at < 0 || address.substring(at + 1).chars().allMatch(c -> c < 0x80)) {
      return address;
    }
    try {
      return address.substring(0, at + 1) + IDN.toASCII(address.substring(at + 1), IDN.USE_STD3_ASCII_RULES);
    } catch (IllegalArgumentException e) {
      throw new MailDeliveryException("not an address (its domain is not a domain name): " + address, true, e);
    }
  }

  /** One batch's connection: opened by the first mail, kept for the next ones, closed after a failure. */
  private final class Connection implements MailBatch {
    private @Nullable Transport transport;
    /** Mails sent over {@link #transport}. */
    private int sent;

    @Override
    public void send(MailMessage mail) {
      MimeMessage m = message(mail);
      if (transport != null && sent >= mailsPerConnection) {
        close();
      }
      boolean kept = transport != null;
      try {
        deliver(m);
      } catch (MessagingException first) {
        close();
        if (!kept || permanent(first)) {
          throw failure(first);
        }
        try {
          deliver(m); // once more, over a new connection
        } catch (MessagingException second) {
          close();
          throw failure(second);
        }
      }
    }

    private void deliver(MimeMessage m) throws MessagingException {
      Transport t = transport;
      if (t == null) {
        t = session.getTransport(protocol);
        transport = t;
        sent = 0;
        t.connect();
      }
      t.sendMessage(m, m.getAllRecipients());
      sent++;
    }

    @Override
    public void close() {
      Transport t = transport;
      transport = null;
      if (t != null) {
        try {
          t.close(); // QUIT, if the connection is still there
        } catch (MessagingException e) {
          // the connection is gone already: nothing to release
        }
      }
    }
  }

  /** Whether the server refused the recipient for good: an SMTP 5xx for it, and no address left to try. */
  private static boolean permanent(MessagingException e) {
    return e instanceof SendFailedException s && s.getInvalidAddresses() != null
        && s.getInvalidAddresses().length > 0
        && (s.getValidUnsentAddresses() == null || s.getValidUnsentAddresses().length == 0);
  }

  private static MailDeliveryException failure(MessagingException e) {
    if (e instanceof SendFailedException) {
      // the server refused the mail: for good on a 5xx for the recipient, else (4xx, a greylist) try later
      return new MailDeliveryException("the SMTP server refused the mail: " + e.getMessage(), permanent(e), e);
    }
    return new MailDeliveryException("the SMTP server could not be reached or failed: " + e.getMessage(), false, e);
  }

  /**
   * The server, how it is reached and whether with a login (never the login itself), such as
   * {@code SmtpMailer{smtp://smtp.example.org:587 STARTTLS with login}}.
   */
  @Override
  public String toString() {
    String pre = "mail." + protocol + ".";
    return "SmtpMailer{" + protocol + "://" + session.getProperty(pre + "host") + ":"
        + session.getProperty(pre + "port") + ("true".equals(session.getProperty(pre + "starttls.required"))
            ? " STARTTLS" : "") + ("true".equals(session.getProperty(pre + "auth")) ? " with login" : "") + "}";
  }

  /** A message whose {@code Message-ID} is the one given, not a fresh one per save. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String id;

    FixedIdMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", "<" + id + ">");
    }
  }

  /** Builds an {@link SmtpMailer}; validates each argument at once. */
  public static final class Builder {
    private final String host;
    private final int port;
    private Security security = Security.NONE;
    private @Nullable String username;
    private @Nullable String password;
    private @Nullable InternetAddress from;
    private Duration timeout = Duration.ofSeconds(20);
    private java.time.Clock clock = java.time.Clock.systemUTC();
    private int mailsPerConnection = 100;

    private Builder(String host, int port) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be 1 to 65535: " + port);
      }
      this.host = host;
      this.port = port;
    }

    /**
     * How the connection is protected.
     *
     * @param security NONE, STARTTLS or SMTPS
     * @return this builder
     */
    public Builder security(Security security) {
      this.security = Objects.requireNonNull(security, "security");
      return this;
    }

    /**
     * Logs in (SMTP AUTH) with a user name and password.
     *
     * @param username the user
     * @param password the password
     * @return this builder
     */
    public Builder login(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * The sender.
     *
     * @param address the From address
     * @param name the display name (the blog's name)
     * @return this builder
     * @throws IllegalArgumentException if the address is not one
     */
    public Builder from(String address, String name) {
      try {
        InternetAddress a = new InternetAddress(Objects.requireNonNull(address, "address"), true);
        a.setPersonal(Objects.requireNonNull(name, "name"), StandardCharsets.UTF_8.name());
        this.from = a;
      } catch (AddressException | UnsupportedEncodingException e) {
        throw new IllegalArgumentException("not a From address: " + address, e);
      }
      return this;
    }

    /**
     * The connect, read and write timeout of each SMTP exchange.
     *
     * @param timeout positive; default 20 seconds
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The clock of the {@code Date} header.
     *
     * @param clock the clock; default the system's
     * @return this builder
     */
    public Builder clock(java.time.Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The most mails a {@link #batch()} sends over one connection before it opens a new one (servers and
     * mail providers limit mails per connection, some to a few dozen).
     *
     * @param mails 1 to 10,000; default 100
     * @return this builder
     */
    public Builder mailsPerConnection(int mails) {
      if (mails < 1 || mails > 10_000) {
        throw new IllegalArgumentException("mailsPerConnection must be 1 to 10000: " + mails);
      }
      this.mailsPerConnection = mails;
      return this;
    }

    /**
     * The mailer.
     *
     * @return the mailer
     * @throws IllegalStateException if no From address was set
     */
    public SmtpMailer build() {
      if (from == null) {
        throw new IllegalStateException("set the From address with from(address, name)");
      }
      return new SmtpMailer(this);
    }
  }
}
