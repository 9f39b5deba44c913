package dev.talkback.comments.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.Comments;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.testkit.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks against a real local HTTP server: Standard Webhooks signatures, retries, independent endpoints. */
class WebhookDeliveryTest {
  private static final byte[] KEY = "a webhook key of 32 bytes length".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private HttpServer server;
  private final List<Map<String, String>> good = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger flakyCalls = new AtomicInteger();
  private final AtomicInteger brokenCalls = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/good", x -> {
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      good.add(Map.of("id", x.getRequestHeaders().getFirst("webhook-id"),
          "timestamp", x.getRequestHeaders().getFirst("webhook-timestamp"),
          "signature", x.getRequestHeaders().getFirst("webhook-signature"), "body", body));
      // the first call of each message fails: a retry must follow
      int status = flakyCalls.incrementAndGet() == 1 ? 503 : 204;
      x.sendResponseHeaders(status, -1);
      x.close();
    });
    server.createContext("/broken", x -> {
      brokenCalls.incrementAndGet();
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
  void signedPerStandardWebhooks_retriedWithBackoff_aBrokenEndpointDelaysNoOther() {
    InMemoryCommentStore store = InMemoryCommentStore.withNotifications(clock);
    Comments comments = Comments.builder().store(store).clock(clock).build();
    Notifications notifications = Notifications.builder(comments, store.notifications().orElseThrow(),
        SignedLinks.create(KEY, clock)).build();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    OutboxSender sender = OutboxSender.builder(comments, notifications, "https://blog.example.org/comments")
        .webhook(WebhookEndpoint.of(URI.create(base + "/good"), SECRET))
        .webhook(WebhookEndpoint.of(URI.create(base + "/broken"), SECRET))
        .retries(Duration.ofSeconds(30), Duration.ofMinutes(5), 3)
        .build();

    Comment c = comments.post(NewComment.builder(ThreadKey.of("t")).threadTitle("T")
        .author(Author.named("Ada <script>").withEmail("ada@example.org")).text("Hello").build()).comment();
    sender.runOnce(); // the event becomes two webhook deliveries
    sender.runOnce(); // both called: good answers 503 the first time, broken always 500
    assertThat(good).hasSize(1);
    assertThat(brokenCalls).hasValue(1);

    sender.runOnce();
    assertThat(good).as("nothing is due before the backoff").hasSize(1);
    clock.advance(Duration.ofSeconds(30));
    sender.runOnce();
    assertThat(good).hasSize(2);
    assertThat(brokenCalls).hasValue(2);

    Map<String, String> call = good.get(1);
    assertThat(call.get("id")).isEqualTo(good.get(0).get("id")).as("the same message id on a retry");
    String expected = "v1," + OutboxSender.sign(KEY, call.get("id") + "." + call.get("timestamp") + "." + call.get("body"));
    assertThat(call.get("signature")).isEqualTo(expected);
    assertThat(call.get("body")).startsWith("{\"type\":\"comment.posted\"").contains(c.id().toString())
        .doesNotContain("ada@example.org").doesNotContain("<script>");

    // the broken endpoint is given up on after its attempts; the good one was done long before
    clock.advance(Duration.ofMinutes(1));
    sender.runOnce();
    assertThat(brokenCalls).hasValue(3);
    clock.advance(Duration.ofMinutes(10));
    sender.runOnce();
    assertThat(brokenCalls).as("abandoned after 3 attempts").hasValue(3);
    assertThat(store.notifications().orElseThrow().backlog()).isZero();
  }
}
