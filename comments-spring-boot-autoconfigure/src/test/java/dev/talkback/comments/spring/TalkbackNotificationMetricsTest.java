package dev.talkback.comments.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.notify.OutboxSender;
import dev.talkback.comments.notify.WebhookEndpoint;
import dev.talkback.comments.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link TalkbackNotificationMetrics} without Spring: an in-memory outbox, a real HTTP endpoint, a moved clock. */
class TalkbackNotificationMetricsTest {
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/good", x -> {
      x.getRequestBody().readAllBytes();
      x.sendResponseHeaders(204, -1);
      x.close();
    });
    server.createContext("/broken", x -> {
      x.sendResponseHeaders(500, -1);
      x.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void webhooks_sentFailedGivenUp_latencyAndBacklog() {
    InMemoryCommentStore store = InMemoryCommentStore.withNotifications(clock);
    Comments comments = Comments.builder().store(store).clock(clock).build();
    Notifications notifications = Notifications.builder(comments, store.notifications().orElseThrow(),
        SignedLinks.create("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock)).build();
    TalkbackNotificationMetrics metrics = new TalkbackNotificationMetrics(notifications::store);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    OutboxSender sender = OutboxSender.builder(comments, notifications, "https://blog.example.org/comments")
        .webhook(WebhookEndpoint.of(URI.create(base + "/good"), SECRET))
        .webhook(WebhookEndpoint.of(URI.create(base + "/broken"), SECRET))
        .retries(Duration.ofSeconds(30), Duration.ofSeconds(30), 2)
        .listener(metrics)
        .build();

    comments.post(NewComment.builder(ThreadKey.of("t")).threadTitle("T").author(Author.named("Ada")).text("Hi")
        .build());
    assertThat(registry.get("talkback.notifications.backlog").gauge().value()).as("the event").isEqualTo(1);
    sender.runOnce(); // the event becomes two webhook deliveries
    assertThat(registry.get("talkback.notifications.backlog").gauge().value()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(5));
    sender.runOnce();
    assertThat(count(registry, "webhook", "sent")).isEqualTo(1);
    assertThat(count(registry, "webhook", "failed")).isEqualTo(1);
    assertThat(count(registry, "webhook", "given_up")).isZero();
    assertThat(registry.get("talkback.notifications.delivery.latency").tags("kind", "webhook").timer()
        .totalTime(TimeUnit.SECONDS)).as("made at 10:00:00, delivered at 10:00:05").isEqualTo(5);
    assertThat(registry.get("talkback.notifications.send.duration").tags("kind", "webhook").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("talkback.notifications.backlog").gauge().value()).as("the broken one waits")
        .isEqualTo(1);

    clock.advance(Duration.ofSeconds(30));
    sender.runOnce();
    assertThat(count(registry, "webhook", "given_up")).isEqualTo(1);
    assertThat(count(registry, "mail", "sent")).isZero();
    assertThat(registry.get("talkback.notifications.backlog").gauge().value()).isZero();
  }

  @Test
  void unbound_countsNothing_andFailsNothing() {
    TalkbackNotificationMetrics metrics = new TalkbackNotificationMetrics(() -> {
      throw new AssertionError("the gauge is not read before binding");
    });
    InMemoryCommentStore store = InMemoryCommentStore.withNotifications(clock);
    Comments comments = Comments.builder().store(store).clock(clock).build();
    Notifications notifications = Notifications.builder(comments, store.notifications().orElseThrow(),
        SignedLinks.create("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock)).build();
    OutboxSender sender = OutboxSender.builder(comments, notifications, "https://blog.example.org/comments")
        .webhook(WebhookEndpoint.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/good"), SECRET))
        .listener(metrics).build();
    comments.post(NewComment.builder(ThreadKey.of("t")).threadTitle("T").author(Author.named("Ada")).text("Hi")
        .build());
    sender.runOnce();
    sender.runOnce();
    assertThat(store.notifications().orElseThrow().backlog()).isZero();
  }

  private static double count(SimpleMeterRegistry r, String kind, String result) {
    return r.get("talkback.notifications.deliveries").tags("kind", kind, "result", result).counter().count();
  }
}
