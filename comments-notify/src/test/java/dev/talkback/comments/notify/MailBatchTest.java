package dev.talkback.comments.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.testkit.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * A round's mails over one SMTP connection: GreenMail behind a NetCrusher TCP proxy, which counts the
 * connections the mailer opens and drops them, or refuses new ones, in the middle of a round.
 */
class MailBatchTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

  private static final int MAILS = 12;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
  private final List<String> failed = Collections.synchronizedList(new ArrayList<>());
  private Comments comments;
  private Notifications notifications;
  private NotificationStore outbox;
  private NioReactor reactor;
  private TcpCrusher proxy;

  @BeforeEach
  void setUp() throws Exception {
    InMemoryCommentStore store = InMemoryCommentStore.withNotifications(clock);
    comments = Comments.builder().store(store).clock(clock).moderation(ModerationMode.ALL).build();
    outbox = store.notifications().orElseThrow();
    notifications = Notifications.builder(comments, outbox,
        SignedLinks.create("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock)).build();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    reactor = new NioReactor();
    proxy = TcpCrusherBuilder.builder().withReactor(reactor)
        .withBindAddress("127.0.0.1", port)
        .withConnectAddress("127.0.0.1", SMTP.getSmtp().getPort())
        .withCreationListener(address -> connections.incrementAndGet())
        .buildAndOpen();
  }

  @AfterEach
  void tearDown() throws Exception {
    proxy.close();
    reactor.close();
  }

  private SmtpMailer.Builder mailer() {
    return SmtpMailer.builder("127.0.0.1", proxy.getBindAddress().getPort()).from("blog@example.org", "Blog")
        .timeout(Duration.ofSeconds(5)).clock(clock);
  }

  /** A sender whose {@code afterSent} hears the number of mails sent so far, after each one. */
  private OutboxSender sender(Mailer mailer, IntConsumer afterSent) {
    return OutboxSender.builder(comments, notifications, "https://blog.example.org/comments")
        .mailer(mailer).moderators(List.of("mod@example.org"))
        .retries(Duration.ofSeconds(10), Duration.ofMinutes(10), 5)
        .listener(new OutboxListener() {
          @Override
          public void sent(OutboxMessage message, Instant at, Duration took) {
            sent.add(message.id());
            afterSent.accept(sent.size());
          }

          @Override
          public void failed(OutboxMessage message, String error) {
            failed.add(message.id());
          }
        })
        .build();
  }

  /** Posts {@code n} comments that wait for moderation, and expands their events into moderator mails. */
  private void moderatorMailsWaiting(OutboxSender sender, int n) {
    for (int i = 0; i < n; i++) {
      comments.post(NewComment.builder(ThreadKey.of("posts/batch")).threadTitle("Batch")
          .threadUrl("https://blog.example.org/posts/batch").author(Author.named("Reader " + i)
              .withEmail("reader" + i + "@example.org")).text("Comment " + i).build());
    }
    assertThat(sender.runOnce()).as("the round that turns the events into mails").isEqualTo(n);
    assertThat(outbox.backlog()).isEqualTo(n);
    assertThat(connections.get()).as("a round without mails opens no connection").isZero();
  }

  /** How often each Message-ID arrived. */
  private static Map<String, Integer> arrivals() throws Exception {
    Map<String, Integer> byId = new HashMap<>();
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      byId.merge(m.getMessageID(), 1, Integer::sum);
    }
    return byId;
  }

  @Test
  void aRoundsMails_goOverOneConnection() throws Exception {
    OutboxSender sender = sender(mailer().build(), n -> { });
    moderatorMailsWaiting(sender, MAILS);

    assertThat(sender.runOnce()).isEqualTo(MAILS);

    assertThat(SMTP.getReceivedMessages()).hasSize(MAILS);
    assertThat(arrivals()).hasSize(MAILS).allSatisfy((id, times) -> assertThat(times).isOne());
    assertThat(connections.get()).isOne();
    assertThat(outbox.backlog()).isZero();
    assertThat(failed).isEmpty();
  }

  @Test
  void mailsPerConnection_opensANewConnectionAfterTheLimit() throws Exception {
    OutboxSender sender = sender(mailer().mailsPerConnection(5).build(), n -> { });
    moderatorMailsWaiting(sender, MAILS);

    sender.runOnce();

    assertThat(arrivals()).hasSize(MAILS).allSatisfy((id, times) -> assertThat(times).isOne());
    assertThat(connections.get()).as("5 + 5 + 2 mails").isEqualTo(3);
  }

  @Test
  void connectionDroppedMidRound_theNextMailGoesOverANewOne_nothingLostOrTwice() throws Exception {
    // the server (or the network) drops the connection after the 4th mail and takes new ones at once
    OutboxSender sender = sender(mailer().build(), n -> {
      if (n == 4) {
        proxy.closeAllPairs();
      }
    });
    moderatorMailsWaiting(sender, MAILS);

    sender.runOnce();

    assertThat(arrivals()).hasSize(MAILS).allSatisfy((id, times) -> assertThat(times).isOne());
    assertThat(connections.get()).isEqualTo(2);
    assertThat(failed).as("the 5th mail was sent again at once over a new connection").isEmpty();
    assertThat(outbox.backlog()).isZero();
  }

  @Test
  void outageMidRound_theRestIsRetriedLater_nothingLostOrTwice() throws Exception {
    // the SMTP server goes away after the 4th mail: the connection drops and new ones are refused
    OutboxSender sender = sender(mailer().build(), n -> {
      if (n == 4) {
        proxy.close();
      }
    });
    moderatorMailsWaiting(sender, MAILS);

    sender.runOnce();

    assertThat(SMTP.getReceivedMessages()).hasSize(4);
    assertThat(sent).hasSize(4);
    assertThat(failed).hasSize(MAILS - 4).doesNotContainAnyElementsOf(sent);
    assertThat(outbox.backlog()).isEqualTo(MAILS - 4);
    assertThat(connections.get()).isOne();

    // not due yet: nothing is sent before the backoff
    proxy.open();
    assertThat(sender.runOnce()).isZero();
    assertThat(SMTP.getReceivedMessages()).hasSize(4);

    clock.advance(Duration.ofSeconds(10));
    assertThat(sender.runOnce()).isEqualTo(MAILS - 4);

    assertThat(arrivals()).hasSize(MAILS).allSatisfy((id, times) -> assertThat(times).isOne());
    assertThat(sent).hasSize(MAILS).doesNotHaveDuplicates();
    assertThat(connections.get()).as("one before the outage, one after").isEqualTo(2);
    assertThat(outbox.backlog()).isZero();
  }

  @Test
  void aRefusedAddress_failsForGood_andTheBatchGoesOn() throws Exception {
    try (MailBatch batch = mailer().build().batch()) {
      batch.send(mail("1", "mod@example.org"));
      assertThatThrownBy(() -> batch.send(mail("2", "not an address")))
          .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.permanent()).isTrue());
      batch.send(mail("3", "mod@example.org"));
    }
    assertThat(arrivals()).containsOnlyKeys("<1@blog.example.org>", "<3@blog.example.org>");
    assertThat(connections.get()).isOne();
  }

  @Test
  void send_withoutBatch_opensAConnectionPerMail() throws Exception {
    SmtpMailer mailer = mailer().build();
    mailer.send(mail("1", "mod@example.org"));
    mailer.send(mail("2", "mod@example.org"));
    assertThat(arrivals()).hasSize(2);
    assertThat(connections.get()).isEqualTo(2);
  }

  private static MailMessage mail(String id, String to) {
    return new MailMessage(id + "@blog.example.org", to, "Subject " + id, "text", "<p>html</p>",
        "https://blog.example.org/comments/notify/unsubscribe?token=x");
  }
}
