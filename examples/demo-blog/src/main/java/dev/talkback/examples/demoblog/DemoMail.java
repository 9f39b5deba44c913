package dev.talkback.examples.demoblog;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.talkback.comments.Comments;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notify.ModeratorAlerts;
import dev.talkback.comments.notify.OutboxSender;
import dev.talkback.comments.notify.SmtpMailer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's mail: an embedded SMTP server (GreenMail, on a free loopback port) that keeps every mail in
 * memory for the {@code /mailbox} page, and Talkback's {@link OutboxSender} delivering the notification
 * outbox to it every two seconds over real SMTP. A real blog gives the sender its provider's SMTP server
 * instead (docs/notifications.md) and has no mailbox page.
 */
final class DemoMail implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DemoMail.class);
  /** Where the moderator mails go. */
  static final String MODERATOR_ADDRESS = "moderator@demo.example";

  private final GreenMail smtp;
  private final ScheduledExecutorService scheduler;
  private volatile @Nullable OutboxSender sender;

  private DemoMail(GreenMail smtp, ScheduledExecutorService scheduler) {
    this.smtp = smtp;
    this.scheduler = scheduler;
  }

  /** Starts the SMTP server; nothing is sent until {@link #startSending}. */
  static DemoMail open() {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "demo-outbox-sender");
      t.setDaemon(true);
      return t;
    });
    return new DemoMail(smtp, scheduler);
  }

  /**
   * Starts the sender: a round every two seconds on the demo's scheduler.
   *
   * @param comments the blog's comments
   * @param notifications the outbox and links, the same the servlet was given
   * @param publicUrl the absolute URL of the comments servlet, which the mails' links point below
   */
  void startSending(Comments comments, Notifications notifications, String publicUrl) {
    int port = smtp.getSmtp().getPort();
    OutboxSender s = OutboxSender.builder(comments, notifications, publicUrl)
        .blogName("Talkback demo blog")
        .mailer(SmtpMailer.builder("127.0.0.1", port).from("blog@demo.example", "Talkback demo blog").build())
        .moderators(List.of(MODERATOR_ADDRESS))
        .moderatorAlerts(ModeratorAlerts.PENDING)
        .build();
    s.start(scheduler, Duration.ofSeconds(2));
    this.sender = s;
    LOG.info("notification mails go to an embedded SMTP server on 127.0.0.1:{}; read them at /mailbox", port);
  }

  /** Every mail received so far, newest first. */
  List<MimeMessage> newestFirst() {
    List<MimeMessage> all = Arrays.asList(smtp.getReceivedMessages());
    java.util.Collections.reverse(all);
    return all;
  }

  @Override
  public void close() {
    OutboxSender s = sender;
    if (s != null) {
      s.close();
    }
    // never interrupt a round: an interrupted thread in the middle of H2's file I/O closes the database file
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("an outbox round did not finish within 30 seconds; closing anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    smtp.stop();
  }
}
