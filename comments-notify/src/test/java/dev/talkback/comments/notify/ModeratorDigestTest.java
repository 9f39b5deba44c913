package dev.talkback.comments.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.testkit.MutableClock;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Moderator digests through a real SMTP server (GreenMail): every waiting comment is in one. */
class ModeratorDigestTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:59:59Z"));
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

  private OutboxSender sender() {
    return OutboxSender.builder(comments, notifications, "https://blog.example.org/comments")
        .mailer(SmtpMailer.builder("127.0.0.1", SMTP.getSmtp().getPort()).from("blog@example.org", "Blog")
            .clock(clock).build())
        .moderators(List.of("mod@example.org")).moderatorAlerts(ModeratorAlerts.DIGEST)
        .digestInterval(Duration.ofHours(1)).build();
  }

  private Comment post(String name, String text) {
    return comments.post(NewComment.builder(ThreadKey.of("posts/hello")).threadTitle("Hello")
        .author(Author.named(name).withEmail(name.toLowerCase(java.util.Locale.ROOT) + "@example.org")).text(text)
        .build()).comment();
  }

  private static String text(MimeMessage m) throws Exception {
    return (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
  }

  @Test
  void commentPostedJustBeforeTheHour_expandedAfterIt_isInTheNextDigest() throws Exception {
    OutboxSender sender = sender();
    post("Ada", "Posted a second before eleven");
    clock.advance(Duration.ofSeconds(2)); // the sender's round comes at 11:00:01
    assertThat(sender.runOnce()).isOne();

    clock.set(Instant.parse("2026-01-01T12:00:00Z"));
    while (sender.runOnce() > 0) {
      // the digest of 11:00 to 12:00 is due
    }
    MimeMessage[] got = SMTP.getReceivedMessages();
    assertThat(got).as("the moderator hears of the comment").hasSize(1);
    assertThat(text(got[0])).contains("Ada").contains("Posted a second before eleven");
    assertThat(outbox.backlog()).isZero();
  }

  @Test
  void digest_listsTheCommentsThatStillWait() throws Exception {
    OutboxSender sender = sender();
    clock.set(Instant.parse("2026-01-01T11:10:00Z"));
    Comment ada = post("Ada", "first");
    post("Bea", "second");
    assertThat(sender.runOnce()).isEqualTo(2);
    comments.moderation().approve(ada.site(), ada.id());

    clock.set(Instant.parse("2026-01-01T12:00:00Z"));
    while (sender.runOnce() > 0) {
      // one digest per moderator and window
    }
    MimeMessage[] got = SMTP.getReceivedMessages();
    assertThat(got).hasSize(1);
    assertThat(got[0].getSubject()).contains("1 comments wait");
    assertThat(text(got[0])).contains("Bea").doesNotContain("Ada");
  }
}
