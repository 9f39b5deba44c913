package dev.talkback.benchmarks.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notify.Mailer;
import dev.talkback.comments.notify.OutboxListener;
import dev.talkback.comments.notify.OutboxSender;
import dev.talkback.comments.notify.SmtpMailer;
import dev.talkback.comments.notify.WebhookEndpoint;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.NotificationStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The outbox delivery rate: {@link #MESSAGES} comments wait in the outbox (posted untimed before each
 * iteration, moderation ALL), and one timed invocation empties it with {@code OutboxSender.runOnce()} rounds
 * (batch 50): each event is claimed and expanded into its delivery, which is claimed and sent, then marked.
 * {@code target=mail}: one moderator mail per comment to GreenMail over SMTP, a round's mails over one
 * connection ({@code connection=per-round}, what {@code SmtpMailer.batch()} does) or over a new connection each
 * ({@code connection=per-mail}, {@code SmtpMailer.send} per mail, as before the batch); {@code target=webhook}:
 * one signed call per comment to a local JDK HTTP server
 * answering 204. The score is the time per delivered message; messages/s is its inverse.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class OutboxDeliveryBenchmark {
  static final int MESSAGES = 200;
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);

  /** The database: h2 or postgresql (or memory, the in-memory store, for comparison). */
  @Param({"h2", "postgresql"})
  public String db;

  /** Where the messages go: mail or webhook. */
  @Param({"mail", "webhook"})
  public String target;

  /**
   * Mail only: {@code per-round}, the sender's batch over one SMTP connection; {@code per-mail}, a connection
   * per mail (the mailer hidden behind {@code Mailer}'s default batch, which calls {@code send} per mail).
   */
  @Param({"per-round"})
  public String connection;

  private HikariDataSource pool;
  private Comments comments;
  private NotificationStore outbox;
  private OutboxSender sender;
  private GreenMail smtp;
  private HttpServer http;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  /** An empty schema, GreenMail and the webhook endpoint on free ports, and the sender. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    CommentStore store;
    if (db.equals("memory")) { // no database: what the SMTP exchange or HTTP call and the sender cost alone
      store = InMemoryCommentStore.withNotifications(Clock.systemUTC());
    } else {
      pool = NotifyBenchDb.fresh(db);
      JdbiCommentStore jdbi = JdbiCommentStore.builder(pool).notifications(true).build();
      jdbi.initialize();
      store = jdbi;
    }
    comments = Comments.builder().store(store).moderation(ModerationMode.ALL).build();
    outbox = store.notifications().orElseThrow();
    Notifications notifications = Notifications.builder(comments, outbox, SignedLinks.create(
        "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), Clock.systemUTC())).build();
    OutboxSender.Builder b = OutboxSender.builder(comments, notifications, "https://blog.example/comments")
        .blogName("Bench")
        // a failed call (the JDK's HTTP server drops a kept-alive connection now and then) is retried at once,
        // and counted, rather than waiting out the production backoff
        .retries(Duration.ofMillis(1), Duration.ofMillis(1), 12)
        .listener(new OutboxListener() {
          @Override
          public void failed(OutboxMessage message, String error) {
            failures.incrementAndGet();
          }
        });
    if (target.equals("mail")) {
      smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
      smtp.start();
      SmtpMailer mailer = SmtpMailer.builder("127.0.0.1", smtp.getSmtp().getPort()).from("blog@example.org", "Bench")
          .build();
      if (connection.equals("per-mail")) {
        Mailer perMail = mail -> mailer.send(mail); // only send(): the default batch, a connection per mail
        b.mailer(perMail);
      } else if (connection.equals("per-round")) {
        b.mailer(mailer);
      } else {
        throw new IllegalArgumentException("connection is per-round or per-mail: " + connection);
      }
      b.moderators(List.of("mod@example.org"));
    } else {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
      http.setExecutor(Executors.newFixedThreadPool(4));
      http.createContext("/hook", x -> {
        x.getRequestBody().readAllBytes();
        calls.incrementAndGet();
        x.sendResponseHeaders(204, -1);
        x.close();
      });
      http.start();
      b.webhook(WebhookEndpoint.of(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/hook"), SECRET));
    }
    sender = b.build();
  }

  /** Fills the outbox with {@link #MESSAGES} events (untimed). */
  @Setup(Level.Iteration)
  public void fill() throws Exception {
    if (outbox.backlog() != 0) {
      throw new IllegalStateException("the outbox was not emptied: " + outbox.backlog());
    }
    if (smtp != null) {
      smtp.purgeEmailFromAllMailboxes();
    }
    for (int i = 0; i < MESSAGES; i++) {
      comments.post(NewComment.builder(ThreadKey.of("posts/outbox-bench-" + (i % 50))).threadTitle("Post " + (i % 50))
          .threadUrl("https://blog.example/p" + (i % 50)).author(Author.named("Reader").withEmail("r@example.org"))
          .text("Comment number " + i + " of the outbox benchmark, long enough to look like one.").build());
    }
  }

  /**
   * Empties the outbox: every event expanded, every delivery sent and marked.
   *
   * @return the rounds it took
   */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OperationsPerInvocation(MESSAGES)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int drain() {
    int rounds = 0;
    while ((sender.runOnce() > 0 || outbox.backlog() > 0) && rounds < 10 * MESSAGES) {
      rounds++;
    }
    if (outbox.backlog() != 0) {
      throw new IllegalStateException("deliveries failed: " + outbox.backlog() + " left");
    }
    return rounds;
  }

  /** Checks every message arrived, then stops the servers and closes the pool. */
  @TearDown(Level.Trial)
  public void close() {
    System.out.println("failed attempts (retried): " + failures.get() + ", webhook calls answered: " + calls.get());
    if (smtp != null) {
      smtp.stop();
    }
    if (http != null) {
      http.stop(0);
    }
    comments.close();
    if (pool != null) {
      pool.close();
    }
  }
}
