package dev.talkback.comments.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.testkit.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How long a round runs: within its lease, and not past {@link OutboxSender#close()}. Real SMTP (GreenMail). */
class SenderRoundsTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

  private static final Duration LEASE = Duration.ofMinutes(2);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private Comments comments;
  private Notifications notifications;
  private NotificationStore outbox;

  @BeforeEach
  void setUp() {
    InMemoryCommentStore store = InMemoryCommentStore.withNotifications(clock);
    comments = Comments.builder().store(store).clock(clock).moderation(ModerationMode.ALL).build();
    outbox = store.notifications().orElseThrow();
    notifications = Notifications.builder(comments, outbox,
        SignedLinks.create("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock)).build();
  }

  private SmtpMailer smtp() {
    return SmtpMailer.builder("127.0.0.1", SMTP.getSmtp().getPort()).from("blog@example.org", "Blog")
        .clock(clock).build();
  }

  private OutboxSender.Builder sender(String owner, Mailer mailer) {
    return OutboxSender.builder(comments, notifications, "https://blog.example.org/comments").owner(owner)
        .mailer(mailer).moderators(List.of("mod@example.org")).lease(LEASE).batchSize(10);
  }

  private void post(int n) {
    for (int i = 0; i < n; i++) {
      comments.post(NewComment.builder(ThreadKey.of("posts/rounds")).threadTitle("Rounds")
          .author(Author.named("Reader " + i).withEmail("reader" + i + "@example.org")).text("Comment " + i).build());
    }
  }

  private static List<String> messageIds() throws Exception {
    String[] ids = new String[SMTP.getReceivedMessages().length];
    int i = 0;
    for (MimeMessage m : SMTP.getReceivedMessages()) {
      ids[i++] = m.getMessageID();
    }
    return Arrays.asList(ids);
  }

  @Test
  void slowSmtp_roundStopsWithinItsLease_soAnotherNodeSendsNothingTwice() throws Exception {
    post(10);
    AtomicReference<OutboxSender> nodeB = new AtomicReference<>();
    Instant[] roundStart = new Instant[1];
    SmtpMailer smtp = smtp();
    // node A's SMTP server takes 40 s per mail; after each, node B runs a round of its own
    Mailer slow = mail -> {
      smtp.send(mail);
      clock.advance(Duration.ofSeconds(40));
      if (clock.instant().isAfter(roundStart[0].plus(LEASE))) {
        nodeB.get().runOnce();
      }
    };
    OutboxSender a = sender("node-a", slow).build();
    nodeB.set(sender("node-b", smtp).build());
    assertThat(a.runOnce()).as("the events become ten moderator mails").isEqualTo(10);

    roundStart[0] = clock.instant();
    assertThat(a.runOnce()).isEqualTo(10);
    List<String> first = messageIds();
    assertThat(first).as("A starts no mail after half its lease").hasSizeLessThan(10).doesNotHaveDuplicates();

    clock.advance(LEASE);
    for (int i = 0; i < 5 && nodeB.get().runOnce() > 0; i++) {
      // the rest, once A's lease has run out
    }
    assertThat(messageIds()).hasSize(10).doesNotHaveDuplicates();
    assertThat(outbox.backlog()).isZero();
  }

  @Test
  void close_stopsTheScheduledRounds_evenWithABacklog() throws Exception {
    post(5);
    AtomicReference<OutboxSender> self = new AtomicReference<>();
    AtomicInteger mails = new AtomicInteger();
    SmtpMailer smtp = smtp();
    Mailer closing = mail -> {
      smtp.send(mail);
      if (mails.incrementAndGet() == 1) {
        self.get().close(); // the host shuts down while the first mail goes out
      }
    };
    OutboxSender sender = sender("node-a", closing).batchSize(1).build();
    self.set(sender);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      sender.start(scheduler, Duration.ofHours(1));
      // one thread: this runs once the scheduled task has returned
      scheduler.submit(() -> { }).get(30, TimeUnit.SECONDS);
    } finally {
      scheduler.shutdownNow();
    }
    assertThat(mails.get()).as("no round after close()").isOne();
    assertThat(outbox.backlog()).as("the rest waits for the next start").isEqualTo(4);
  }
}
