package dev.talkback.comments.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.LinkCheck;
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
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mails through a real SMTP server (GreenMail): headers, both bodies, links that work, outages, crashes. */
class MailDeliveryTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

  private static final Pattern TOKEN = Pattern.compile("/notify/(confirm|unsubscribe|moderate)\\?token=([A-Za-z0-9_.-]+)");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private InMemoryCommentStore store;
  private Comments comments;
  private Notifications notifications;
  private NotificationStore outbox;

  @BeforeEach
  void setUp() {
    store = InMemoryCommentStore.withNotifications(clock);
    comments = Comments.builder().store(store).clock(clock).moderation(ModerationMode.FIRST_TIME).build();
    outbox = store.notifications().orElseThrow();
    notifications = Notifications.builder(comments, outbox,
        SignedLinks.create("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock)).build();
  }

  private OutboxSender.Builder sender(Mailer mailer) {
    return OutboxSender.builder(comments, notifications, "https://blog.example.org/comments")
        .blogName("Ada's <Blog>").mailer(mailer).moderators(List.of("mod@example.org"))
        .retries(Duration.ofSeconds(10), Duration.ofMinutes(10), 5);
  }

  private Mailer smtp() {
    return SmtpMailer.builder("127.0.0.1", SMTP.getSmtp().getPort()).from("blog@example.org", "Ada's Blog")
        .clock(clock).build();
  }

  /** Runs rounds until nothing is due now. */
  private void drain(OutboxSender sender) {
    for (int i = 0; i < 10 && sender.runOnce() > 0; i++) {
      // next round
    }
  }

  private Comment post(String name, String email, String text, Comment parent) {
    NewComment.Builder b = NewComment.builder(ThreadKey.of("posts/hello")).threadTitle("Hello")
        .threadUrl("https://blog.example.org/posts/hello").author(Author.named(name).withEmail(email)).text(text);
    if (parent != null) {
      b.replyTo(parent.id());
    }
    PostResult r = comments.post(b.build());
    return r.comment();
  }

  private static String token(String body, String action) {
    Matcher m = TOKEN.matcher(body);
    while (m.find()) {
      if (m.group(1).equals(action)) {
        return m.group(2);
      }
    }
    throw new AssertionError("no " + action + " link in " + body);
  }

  private static String part(MimeMessage m, int i) throws Exception {
    return (String) ((Multipart) m.getContent()).getBodyPart(i).getContent();
  }

  private MimeMessage[] to(String address) {
    return java.util.Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(address);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toArray(MimeMessage[]::new);
  }

  @Test
  void replyFlow_doubleOptIn_moderatorApproves_parentAuthorIsMailedOnce() throws Exception {
    OutboxSender sender = sender(smtp()).build();
    Comment ada = post("Ada", "ada@example.org", "First!", null);
    comments.moderation().approve(ada.site(), ada.id());
    notifications.subscribeToReplies(ada);
    drain(sender);

    // confirmation request: headers and both bodies; nothing else goes to Ada yet
    MimeMessage[] toAda = to("ada@example.org");
    assertThat(toAda).hasSize(1);
    MimeMessage confirm = toAda[0];
    assertThat(confirm.getSubject()).contains("Ada's <Blog>");
    assertThat(confirm.getHeader("List-Unsubscribe")[0]).startsWith("<https://blog.example.org/comments/notify/unsubscribe?token=");
    assertThat(confirm.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
    assertThat(confirm.getMessageID()).endsWith("@blog.example.org>");
    String text = part(confirm, 0);
    String html = part(confirm, 1);
    assertThat(text).contains("Ada's <Blog>").doesNotContain("ada@example.org");
    assertThat(html).contains("Ada&#39;s &lt;Blog&gt;").doesNotContain("<Blog>");
    assertThat(token(text, "confirm")).isEqualTo(token(html.replace("&amp;", "&"), "confirm"));

    // a reply by Bob before Ada confirmed: Ada gets nothing (and Bob, first-time, waits for moderation)
    Comment bob = post("Bob", "bob@example.org", "Hi Ada", ada);
    assertThat(bob.status()).isEqualTo(CommentStatus.PENDING);
    drain(sender);
    MimeMessage[] toMod = to("mod@example.org");
    assertThat(toMod).as("Ada's comment was approved before the mail went out, so only Bob's").hasSize(1);
    assertThat(to("ada@example.org")).hasSize(1);

    // Ada confirms (the GET check changes nothing; following acts)
    String confirmToken = token(text, "confirm");
    assertThat(notifications.check(confirmToken).ok()).isTrue();
    assertThat(outbox.subscription(ada.site(), notifications.links().parse(confirmToken).orElseThrow().subject())
        .orElseThrow().confirmed()).isFalse();
    assertThat(notifications.follow(confirmToken).ok()).isTrue();

    // the moderator approves Bob's reply through the link in the mail, once
    String modText = part(toMod[0], 0);
    assertThat(modText).contains("Bob").contains("Hi Ada");
    String approve = token(modText, "moderate");
    assertThat(notifications.follow(approve).ok()).isTrue();
    assertThat(notifications.follow(approve).outcome()).isEqualTo(LinkCheck.Outcome.USED);
    drain(sender);

    MimeMessage[] replies = to("ada@example.org");
    assertThat(replies).hasSize(2);
    assertThat(replies[1].getSubject()).contains("Bob");
    assertThat(part(replies[1], 0)).contains("Hi Ada").contains("https://blog.example.org/posts/hello#comment-" + bob.id());
    assertThat(to("bob@example.org")).as("never the replier about their own comment").isEmpty();

    // Ada unsubscribes in one click: no more mail
    String unsubscribe = token(part(replies[1], 0), "unsubscribe");
    assertThat(notifications.follow(unsubscribe).ok()).isTrue();
    Comment carol = post("Carol", "carol@example.org", "Me too", ada);
    comments.moderation().approve(carol.site(), carol.id());
    drain(sender);
    assertThat(to("ada@example.org")).hasSize(2);
  }

  @Test
  void germanTemplates() throws Exception {
    OutboxSender sender = sender(smtp()).locale(Locale.GERMAN).build();
    Comment ada = post("Ada", "ada@example.org", "Erster!", null);
    drain(sender);
    assertThat(to("mod@example.org")[0].getSubject()).contains("wartend");
    assertThat(part(to("mod@example.org")[0], 0)).contains("Freigeben");
    assertThat(ada).isNotNull();
  }

  @Test
  void smtpOutage_delaysMail_losesNone() throws Exception {
    SmtpMailer down = SmtpMailer.builder("127.0.0.1", 1).from("blog@example.org", "Blog").timeout(Duration.ofSeconds(2))
        .build();
    post("Ada", "ada@example.org", "one", null);
    post("Bea", "bea@example.org", "two", null);
    drain(sender(down).build());
    assertThat(SMTP.getReceivedMessages()).isEmpty();
    assertThat(outbox.backlog()).isEqualTo(2); // two moderator mails wait for a retry

    clock.advance(Duration.ofSeconds(10));
    drain(sender(smtp()).build());
    assertThat(to("mod@example.org")).hasSize(2);
    assertThat(outbox.backlog()).isZero();
  }

  @Test
  void crashBetweenSendAndMark_sendsOnceMore_withTheSameMessageId() throws Exception {
    post("Ada", "ada@example.org", "one", null);
    Mailer smtp = smtp();
    // the process "dies" right after the SMTP server accepted the mail, before it is marked delivered
    Mailer dying = mail -> {
      smtp.send(mail);
      throw new IllegalStateException("killed after sending");
    };
    OutboxSender first = sender(dying).retries(Duration.ofMinutes(5), Duration.ofMinutes(5), 5).build();
    first.runOnce(); // the event becomes a moderator mail
    try {
      first.runOnce();
    } catch (IllegalStateException expected) {
      // not thrown: recorded as a failure and retried
    }
    assertThat(SMTP.getReceivedMessages()).hasSize(1);

    clock.advance(Duration.ofMinutes(5));
    drain(sender(smtp).build());
    MimeMessage[] got = to("mod@example.org");
    assertThat(got).hasSize(2);
    assertThat(got[1].getMessageID()).isEqualTo(got[0].getMessageID());
    assertThat(outbox.backlog()).isZero();
    GreenMailUtil.getBody(got[0]);
  }
}
