package dev.talkback.comments.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.NewComment;
import dev.talkback.comments.PostResult;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.jdbi.JdbiCommentStore;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.notification.LinkCheck;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.notification.SubscriptionRequest;
import dev.talkback.comments.testkit.Await;
import dev.talkback.comments.testkit.FaultInjectingStore;
import dev.talkback.comments.testkit.MutableClock;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, "while the store is read-only": comments queued in the write spool make their mails when the spool
 * is replayed, and a reader's opt-in made with a queued comment is recorded then (one confirmation mail, also
 * when the replay runs twice), through a real {@link FallbackCommentStore}, {@link FileWriteSpool} and
 * {@link JdbiCommentStore} on each database, and a real SMTP server (GreenMail). The outage is a
 * {@link FaultInjectingStore} around the real store. Each subclass names the database.
 */
abstract class ReplayedNotificationsTest {
  @RegisterExtension
  final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

  private static final Pattern TOKEN = Pattern.compile("/notify/(confirm|unsubscribe|moderate)\\?token=([A-Za-z0-9_.-]+)");
  private static final Pattern MODERATE = Pattern.compile("(Approve|Spam|Delete):\\s+\\S+\\?token=([A-Za-z0-9_.-]+)");
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final ThreadKey THREAD = ThreadKey.of("posts/outage");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private TestDatabase database;
  private JdbiCommentStore jdbi;
  private FaultInjectingStore db;
  private FallbackCommentStore store;
  private Comments comments;
  private Notifications notifications;
  private OutboxSender sender;

  /** A new, empty database of this class's kind. */
  protected abstract TestDatabase newDatabase();

  @BeforeEach
  void setUp() {
    database = newDatabase();
    jdbi = JdbiCommentStore.builder(database.dataSource()).notifications(true).clock(clock).build();
    db = new FaultInjectingStore(jdbi);
    open(dir.resolve("spool.log"));
  }

  /** A fallback store over the database with this spool, and the services around it. */
  private void open(Path spool) {
    // deadlines far above a loaded machine's pauses: only the injected outage may make the store read-only
    store = FallbackCommentStore.builder().primary(db).spool(FileWriteSpool.open(spool))
        .readDeadline(Duration.ofSeconds(10)).writeDeadline(Duration.ofSeconds(10))
        .probeInterval(Duration.ofMillis(50)).clock(clock).build();
    comments = Comments.builder().store(store).clock(clock).moderation(ModerationMode.ALL).build();
    notifications = Notifications.builder(comments, store.notifications().orElseThrow(),
        SignedLinks.create(SECRET, clock)).build();
    sender = OutboxSender.builder(comments, notifications, "https://blog.example.org/comments").blogName("Blog")
        .mailer(SmtpMailer.builder("127.0.0.1", smtp.getSmtp().getPort()).from("blog@example.org", "Blog")
            .clock(clock).build())
        .moderators(List.of("mod@example.org")).build();
  }

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  @DisplayName("an opt-in made with a queued comment is recorded at replay: one confirmation mail, also when the replay runs twice")
  void optInWhileReadOnly_replayedTwice_oneConfirmationAndWorkingSubscriptions() throws Exception {
    down();
    PostResult queued = post("Ada", "ada@example.org", "Tell me about replies", null,
        new SubscriptionRequest(true, true));
    assertThat(queued.outcome()).isEqualTo(PostResult.Outcome.QUEUED);
    // what the disk holds if the process dies after the replay stored everything but before the spool
    // recorded it: the whole entry is replayed again by the next process
    Path copy = dir.resolve("spool-before-replay.log");
    Files.copy(dir.resolve("spool.log"), copy);

    up();
    assertThat(count("SELECT COUNT(*) FROM talkback_subscriptions WHERE email = 'ada@example.org'")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM talkback_outbox WHERE kind = 'CONFIRMATION_MAIL'")).isEqualTo(1);

    store.close();
    Files.copy(copy, dir.resolve("spool.log"), StandardCopyOption.REPLACE_EXISTING);
    clock.advance(Duration.ofDays(2)); // a later day: the confirmation still belongs to the day of the post
    open(dir.resolve("spool.log"));
    Await.until(WAIT, "the copied spool replayed", () -> store.mode() == StoreMode.READ_WRITE
        && store.health().spoolDepth() == 0);
    assertThat(count("SELECT COUNT(*) FROM talkback_comments")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM talkback_subscriptions")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM talkback_outbox WHERE kind = 'CONFIRMATION_MAIL'")).isEqualTo(1);

    deliver();
    List<MimeMessage> toAda = to("ada@example.org");
    assertThat(toAda).as("exactly one confirmation request").hasSize(1);
    LinkCheck confirmed = notifications.follow(token(text(toAda.get(0)), "confirm"));
    assertThat(confirmed.ok()).as(confirmed.message()).isTrue();
    assertThat(count("SELECT COUNT(*) FROM talkback_subscriptions WHERE confirmed_us IS NOT NULL")).isEqualTo(2);

    // the subscriptions work: Bob's reply, once approved, mails Ada once (replies and thread: one mail)
    Comment ada = queued.comment();
    comments.moderation().approve(ada.site(), ada.id());
    Comment bob = post("Bob", "bob@example.org", "Hi Ada", ada.id(), SubscriptionRequest.NONE).comment();
    comments.moderation().approve(bob.site(), bob.id());
    deliver();
    assertThat(to("ada@example.org")).hasSize(2);
    assertThat(text(to("ada@example.org").get(1))).contains("Hi Ada");
  }

  @Test
  @DisplayName("comments queued while read-only make their moderator mails and, once approved, their reply mails when replayed")
  void commentsQueuedWhileReadOnly_makeTheirMailsOnReplay() throws Exception {
    Comment ada = post("Ada", "ada@example.org", "First!", null, SubscriptionRequest.NONE).comment();
    comments.moderation().approve(ada.site(), ada.id());
    notifications.subscribeToReplies(ada);
    deliver();
    assertThat(notifications.follow(token(text(to("ada@example.org").get(0)), "confirm")).ok()).isTrue();
    int moderatorMails = to("mod@example.org").size();
    // the page is cached, so a reply to Ada can still be checked against its parent while the database is down
    assertThat(comments.thread(SiteId.DEFAULT, THREAD, ThreadPageRequest.DEFAULT).comments()).hasSize(1);

    down();
    PostResult bob = post("Bob", "bob@example.org", "A reply while the database was down", ada.id(),
        SubscriptionRequest.NONE);
    PostResult carol = post("Carol", null, "A top-level comment while it was down", null, SubscriptionRequest.NONE);
    assertThat(List.of(bob.outcome(), carol.outcome())).containsOnly(PostResult.Outcome.QUEUED);
    deliver();
    assertThat(to("mod@example.org")).as("nothing is stored yet, so nothing is sent").hasSize(moderatorMails);

    up();
    deliver();
    List<MimeMessage> toMod = to("mod@example.org");
    assertThat(toMod).as("one moderator mail per replayed comment").hasSize(moderatorMails + 2);
    MimeMessage bobsMail = toMod.stream().filter(m -> textOf(m).contains("A reply while the database was down"))
        .findFirst().orElseThrow();
    Matcher approve = MODERATE.matcher(text(bobsMail));
    String approveToken = null;
    while (approve.find()) {
      if (approve.group(1).equals("Approve")) {
        approveToken = approve.group(2);
      }
    }
    assertThat(approveToken).as("an approve link in " + text(bobsMail)).isNotNull();
    assertThat(notifications.follow(approveToken).ok()).isTrue();
    assertThat(store.find(SiteId.DEFAULT, bob.comment().id())).get()
        .satisfies(c -> assertThat(c.status()).isEqualTo(CommentStatus.APPROVED));

    deliver();
    List<MimeMessage> toAda = to("ada@example.org");
    assertThat(toAda).as("the confirmation, then one reply mail").hasSize(2);
    assertThat(text(toAda.get(1))).contains("A reply while the database was down");
    assertThat(to("bob@example.org")).as("never the replier").isEmpty();
  }

  @Test
  @DisplayName("a spool written by the previous release replays into the database and makes its moderator mails")
  void spoolOfPreviousRelease_replays() throws Exception {
    store.close();
    Path spool = dir.resolve("old-spool.log");
    try (InputStream in = ReplayedNotificationsTest.class.getResourceAsStream("spool-v1.log")) {
      Files.copy(Objects.requireNonNull(in, "spool-v1.log"), spool);
    }
    open(spool);
    Await.until(WAIT, "the old spool replayed", () -> store.mode() == StoreMode.READ_WRITE
        && store.health().spoolDepth() == 0);
    CommentId top = CommentId.of(UUID.fromString("0190f000-0000-7000-8000-000000000001"));
    CommentId reply = CommentId.of(UUID.fromString("0190f000-0000-7000-8000-000000000002"));
    assertThat(jdbi.find(SiteId.DEFAULT, top)).get().satisfies(c -> assertThat(c.author().name()).isEqualTo("Ada"));
    assertThat(jdbi.find(SiteId.DEFAULT, reply)).get().satisfies(c -> assertThat(c.parentId()).contains(top));
    // staged by the replay's inserts (talkback_outbox_new) until the sender's claim moves them
    assertThat(count("SELECT (SELECT COUNT(*) FROM talkback_outbox WHERE kind = 'COMMENT_POSTED')"
        + " + (SELECT COUNT(*) FROM talkback_outbox_new WHERE kind = 'COMMENT_POSTED')")).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM talkback_subscriptions")).isZero();
    deliver();
    assertThat(to("mod@example.org")).hasSize(2);
  }

  private void down() {
    db.failReads(true);
    db.failWrites(true);
  }

  private void up() {
    db.recover();
    Await.until(WAIT, "the spool replayed and the store read-write", () -> store.mode() == StoreMode.READ_WRITE
        && store.health().spoolDepth() == 0);
  }

  private PostResult post(String name, String email, String text, CommentId parent, SubscriptionRequest optIn) {
    Author author = email == null ? Author.named(name) : Author.named(name).withEmail(email);
    return comments.post(NewComment.builder(THREAD).threadTitle("Outage").author(author).text(text)
        .replyTo(parent).subscribe(optIn).build());
  }

  /** Runs sender rounds until nothing more is due. */
  private void deliver() {
    for (int i = 0; i < 10 && sender.runOnce() > 0; i++) {
      // events become deliveries; the next round sends them
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<MimeMessage> to(String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(address);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private static String text(MimeMessage m) throws Exception {
    return (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
  }

  private static String textOf(MimeMessage m) {
    try {
      return text(m);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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
}
