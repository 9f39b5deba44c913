package dev.talkback.comments.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.testkit.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What an {@link OutboxListener} hears: sent, skipped, failed and given-up deliveries, against real servers. */
class OutboxListenerTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final OutboxListener recorder = new OutboxListener() {
    @Override
    public void sent(OutboxMessage message, Instant at, Duration took) {
      heard.add("sent " + message.kind() + " waited " + Duration.between(message.created(), at).toSeconds() + "s"
          + (took.isNegative() ? " negative" : ""));
    }

    @Override
    public void skipped(OutboxMessage message) {
      heard.add("skipped " + message.kind());
    }

    @Override
    public void failed(OutboxMessage message, String error) {
      heard.add("failed " + message.kind() + " attempt " + (message.attempts() + 1));
    }

    @Override
    public void gaveUp(OutboxMessage message, String error) {
      heard.add("gave up " + message.kind() + " attempt " + (message.attempts() + 1));
    }
  };

  private HttpServer server;
  private InMemoryCommentStore store;
  private Comments comments;
  private Notifications notifications;

  @BeforeEach
  void setUp() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/broken", x -> {
      x.sendResponseHeaders(500, -1);
      x.close();
    });
    server.createContext("/good", x -> {
      x.getRequestBody().readAllBytes();
      x.sendResponseHeaders(204, -1);
      x.close();
    });
    server.start();
    store = InMemoryCommentStore.withNotifications(clock);
    comments = Comments.builder().store(store).clock(clock).moderation(ModerationMode.ALL).build();
    notifications = Notifications.builder(comments, store.notifications().orElseThrow(),
        SignedLinks.create("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock)).build();
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
  }

  private OutboxSender.Builder sender() {
    return OutboxSender.builder(comments, notifications, "https://blog.example.org/comments")
        .mailer(SmtpMailer.builder("127.0.0.1", SMTP.getSmtp().getPort()).from("blog@example.org", "Blog").build())
        .moderators(List.of("mod@example.org"))
        .retries(Duration.ofSeconds(10), Duration.ofSeconds(10), 2);
  }

  private Comment post(String text) {
    return comments.post(NewComment.builder(ThreadKey.of("t")).threadTitle("T")
        .author(Author.named("Ada").withEmail("ada@example.org")).text(text).build()).comment();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void sent_mailAndWebhook_withTheTimeTheyWaited() {
    OutboxSender sender = sender().webhook(WebhookEndpoint.of(URI.create(url("/good")), SECRET))
        .listener(recorder).build();
    post("Hello");
    sender.runOnce(); // the event becomes a moderator mail and a webhook call: events are not reported
    assertThat(heard).isEmpty();
    clock.advance(Duration.ofSeconds(3));
    sender.runOnce();
    assertThat(heard).containsExactlyInAnyOrder("sent MODERATOR_MAIL waited 3s", "sent WEBHOOK waited 3s");
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
  }

  @Test
  void skipped_whenTheCommentWasModeratedBeforeTheMailWentOut() {
    OutboxSender sender = sender().listener(recorder).build();
    Comment c = post("Hello");
    sender.runOnce();
    comments.moderation().approve(c.site(), c.id());
    sender.runOnce();
    assertThat(heard).containsExactly("skipped MODERATOR_MAIL");
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void failed_thenGivenUp_afterTheLastAttempt() {
    OutboxSender sender = sender().webhook(WebhookEndpoint.of(URI.create(url("/broken")), SECRET))
        .moderators(List.of()).listener(recorder).build();
    post("Hello");
    sender.runOnce();
    sender.runOnce();
    assertThat(heard).containsExactly("failed WEBHOOK attempt 1");
    clock.advance(Duration.ofSeconds(10));
    sender.runOnce();
    assertThat(heard).containsExactly("failed WEBHOOK attempt 1", "gave up WEBHOOK attempt 2");
    assertThat(store.notifications().orElseThrow().backlog()).isZero();
  }

  @Test
  void aListenerThatThrows_failsNoDelivery_andTheOthersStillHear() {
    OutboxListener broken = new OutboxListener() {
      @Override
      public void sent(OutboxMessage message, Instant at, Duration took) {
        throw new IllegalStateException("a broken meter");
      }
    };
    OutboxSender sender = sender().listener(broken).listener(recorder).build();
    post("Hello");
    sender.runOnce();
    sender.runOnce();
    assertThat(heard).containsExactly("sent MODERATOR_MAIL waited 0s");
    assertThat(store.notifications().orElseThrow().backlog()).as("delivered, not retried").isZero();
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
  }
}
