package dev.talkback.comments.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Comments;
import dev.talkback.comments.ModerationMode;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.memory.InMemoryCommentStore;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.SignedLinks;
import dev.talkback.comments.notification.Subscription;
import dev.talkback.comments.notify.OutboxSender;
import dev.talkback.comments.notify.SmtpMailer;
import dev.talkback.comments.servlet.support.Container;
import dev.talkback.comments.servlet.support.Http;
import dev.talkback.comments.servlet.support.Http.Reply;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.fallback.FallbackCommentStore;
import dev.talkback.comments.fallback.FileWriteSpool;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.testkit.Await;
import dev.talkback.comments.testkit.FaultInjectingStore;
import dev.talkback.comments.testkit.MutableClock;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notification links taken from real mails (a real {@link OutboxSender} and {@link SmtpMailer} delivering to
 * GreenMail) and followed over HTTP against the servlet in a real container: each subclass supplies one.
 * Every test starts a fresh container, store and SMTP server.
 */
abstract class NotificationLinksContract {
  @RegisterExtension
  final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp"));

  static final byte[] LINK_SECRET = "0123456789abcdef0123456789abcdef-links".getBytes(StandardCharsets.UTF_8);
  private static final Pattern LINK = Pattern.compile("https?://\\S+/notify/(confirm|unsubscribe|moderate)\\?token=[A-Za-z0-9_.-]+");
  private static final Pattern MODERATE = Pattern.compile("(Approve|Spam|Delete):\\s+(\\S+)");

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
  InMemoryCommentStore store;
  NotificationStore outbox;
  Comments comments;
  Notifications notifications;
  Container container;
  Http http;
  OutboxSender sender;
  /** A client like a mailbox provider's: no cookies, no Origin, no redirects. */
  final HttpClient provider = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  abstract Container container();

  void start() throws Exception {
    store = InMemoryCommentStore.withNotifications(clock);
    start(store);
  }

  /** Starts the servlet on this store (the in-memory {@link #store}, or a store around it). */
  void start(CommentStore on) throws Exception {
    outbox = on.notifications().orElseThrow();
    comments = Comments.builder().store(on).clock(clock).moderation(ModerationMode.FIRST_TIME).build();
    notifications = Notifications.builder(comments, outbox, SignedLinks.create(LINK_SECRET, clock)).build();
    CommentsServlet servlet = CommentsServlet.builder(comments).notifications(notifications)
        .secret("0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8))
        .postsPerClient(RateLimit.unlimited()).postsPerThread(RateLimit.unlimited())
        .formTimeTrap(Duration.ZERO, Duration.ofDays(30))
        .build();
    container = container();
    URI base = container.start(servlet);
    http = new Http(base);
    sender = OutboxSender.builder(comments, notifications, base.toString()).blogName("Test blog")
        .mailer(SmtpMailer.builder("127.0.0.1", smtp.getSmtp().getPort()).from("blog@example.org", "Test blog")
            .clock(clock).build())
        .moderators(List.of("mod@example.org")).build();
  }

  @AfterEach
  void stop() throws Exception {
    if (container != null) {
      container.close();
    }
  }

  /** Runs sender rounds until nothing more is due. */
  void deliver() {
    for (int i = 0; i < 10 && sender.runOnce() > 0; i++) {
      // events become deliveries; the next round sends them
    }
  }

  List<MimeMessage> mailsTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return m.getAllRecipients()[0].toString().equals(address);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  static String text(MimeMessage m) throws Exception {
    return (String) ((Multipart) m.getContent()).getBodyPart(0).getContent();
  }

  static String link(MimeMessage m, String action) throws Exception {
    Matcher l = LINK.matcher(text(m));
    while (l.find()) {
      if (l.group(1).equals(action)) {
        return l.group();
      }
    }
    throw new AssertionError("no " + action + " link in " + text(m));
  }

  static String moderatorLink(MimeMessage m, String verb) throws Exception {
    Matcher l = MODERATE.matcher(text(m));
    while (l.find()) {
      if (l.group(1).equals(verb)) {
        return l.group(2);
      }
    }
    throw new AssertionError("no " + verb + " link in " + text(m));
  }

  static String token(String link) {
    return link.substring(link.indexOf("token=") + 6);
  }

  Reply get(String link) {
    return http.send(HttpRequest.newBuilder(URI.create(link)).GET().build());
  }

  /** The page's button: the token in the form body, from the page's own origin. */
  Reply press(String link) {
    String path = link.substring(0, link.indexOf('?'));
    return http.send(HttpRequest.newBuilder(URI.create(path))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin())
        .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(token(link)) + "&confirm=yes")).build());
  }

  /** An RFC 8058 one-click unsubscribe as a mailbox provider sends it: no cookies, no Origin. */
  Reply oneClick(String listUnsubscribe, String contentType, String body) throws Exception {
    return new Reply(provider.send(HttpRequest.newBuilder(URI.create(listUnsubscribe))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray()));
  }

  String origin() {
    URI b = http.base();
    return b.getScheme() + "://" + b.getHost() + ":" + b.getPort();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  JsonNode post(String name, String email, String text, String parentId, boolean replies) {
    String body = "{\"thread\":\"posts/hello\",\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"text\":\"" + text
        + "\"" + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"") + ",\"notifyReplies\":" + replies + "}";
    Reply r = http.json("POST", "/api/comments", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.body()).as("the address is never shown").doesNotContain(email);
    return r.json();
  }

  Comment comment(String id) {
    return comments.find(SiteId.DEFAULT, CommentId.parse(id)).orElseThrow();
  }

  Subscription subscriptionOf(String confirmLink) {
    String id = notifications.links().parse(token(confirmLink)).orElseThrow().subject();
    return outbox.subscription(SiteId.DEFAULT, id).orElse(null);
  }

  static void assertPage(Reply r, int status, String text) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.type()).startsWith("text/html");
    assertThat(r.body()).contains(text).doesNotContain("@example.org");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.header("Referrer-Policy")).as("the URL holds the token").isEqualTo("same-origin");
  }

  @Test
  @DisplayName("a reply thread from mails: confirm, approve and delete once, the reply mail, unsubscribe by page and one click")
  void linksFromRealMails() throws Exception {
    start();
    JsonNode ada = post("Ada", "ada@example.org", "First!", null, true);
    assertThat(ada.path("subscription").asText()).isEqualTo("requested");
    String adaId = ada.path("comment").path("id").asText();
    assertThat(ada.path("outcome").asText()).isEqualTo("pending");
    deliver();

    // the confirmation mail: GET shows a page and changes nothing; the button's POST confirms
    MimeMessage confirmMail = mailsTo("ada@example.org").get(0);
    String confirm = link(confirmMail, "confirm");
    Reply page = get(confirm);
    assertPage(page, 200, "Confirm my address");
    assertThat(page.body()).contains("name=\"token\"").contains("method=\"post\"");
    assertThat(subscriptionOf(confirm).confirmed()).isFalse();
    assertPage(press(confirm), 200, "your address is confirmed");
    assertThat(subscriptionOf(confirm).confirmed()).isTrue();

    // the moderator approves Ada's first comment from the mail, once
    MimeMessage modMail = mailsTo("mod@example.org").get(0);
    String approve = moderatorLink(modMail, "Approve");
    assertPage(get(approve), 200, "Approve the comment by Ada");
    assertThat(comment(adaId).status()).as("GET changes nothing").isEqualTo(CommentStatus.PENDING);
    assertPage(press(approve), 200, "is approved");
    assertThat(comment(adaId).status()).isEqualTo(CommentStatus.APPROVED);
    assertPage(press(approve), 409, "used already");
    assertPage(get(approve), 409, "used already");

    // Bob replies; the moderator approves him; Ada gets one reply mail
    JsonNode bob = post("Bob", "bob@example.org", "Hi Ada", adaId, false);
    assertThat(bob.has("subscription")).isFalse();
    deliver();
    press(moderatorLink(mailsTo("mod@example.org").get(1), "Approve"));
    deliver();
    List<MimeMessage> toAda = mailsTo("ada@example.org");
    assertThat(toAda).hasSize(2);
    assertThat(text(toAda.get(1))).contains("Hi Ada");

    // Mallory's reply is deleted from the mail, once
    String mallory = post("Mallory", "mallory@example.org", "spam spam", adaId, false).path("comment").path("id").asText();
    deliver();
    String delete = moderatorLink(mailsTo("mod@example.org").get(2), "Delete");
    assertPage(press(delete), 200, "is deleted");
    assertThat(comment(mallory).status()).isEqualTo(CommentStatus.DELETED);
    assertPage(press(delete), 409, "used already");

    // unsubscribe: the GET page changes nothing; the provider's one-click POST acts, twice is fine
    String unsubscribe = link(toAda.get(1), "unsubscribe");
    assertPage(get(unsubscribe), 200, "Stop mail about replies to your comment");
    assertThat(subscriptionOf(confirm)).as("the GET unsubscribed nobody").isNotNull();
    String header = toAda.get(1).getHeader("List-Unsubscribe")[0];
    assertThat(toAda.get(1).getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
    String listUnsubscribe = header.substring(1, header.length() - 1);
    Reply one = oneClick(listUnsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
    assertPage(one, 200, "no more mail");
    assertThat(subscriptionOf(confirm)).as("unsubscribed").isNull();
    assertPage(oneClick(listUnsubscribe, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"), 200,
        "no more mail");
  }

  @Test
  @DisplayName("the one-click POST also works as multipart/form-data, which RFC 8058 prefers")
  void oneClick_multipart() throws Exception {
    start();
    post("Ada", "ada@example.org", "First!", null, true);
    deliver();
    MimeMessage mail = mailsTo("ada@example.org").get(0);
    String confirm = link(mail, "confirm");
    String header = mail.getHeader("List-Unsubscribe")[0];
    String boundary = "tb" + Long.toHexString(System.nanoTime());
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--"
        + boundary + "--\r\n";
    assertPage(oneClick(header.substring(1, header.length() - 1), "multipart/form-data; boundary=" + boundary, body), 200,
        "no more mail");
    assertThat(subscriptionOf(confirm)).isNull();
  }

  @Test
  @DisplayName("bad links are 4xx pages that say why and change nothing: missing, tampered, wrong page, GET acting, expired, cross-site")
  void badLinks() throws Exception {
    start();
    post("Ada", "ada@example.org", "First!", null, true);
    deliver();
    String confirm = link(mailsTo("ada@example.org").get(0), "confirm");
    String approve = moderatorLink(mailsTo("mod@example.org").get(0), "Approve");

    assertPage(http.get("/notify/confirm"), 400, "needs the link from the mail");
    assertPage(http.form("/notify/confirm", "confirm=yes", "Origin", origin()), 400, "needs the link from the mail");
    String t = token(confirm);
    String tampered = t.substring(0, 5) + (t.charAt(5) == 'A' ? 'B' : 'A') + t.substring(6);
    assertPage(http.get("/notify/confirm?token=" + tampered), 400, "not valid");
    assertPage(http.form("/notify/confirm", "token=" + enc(tampered), "Origin", origin()), 400, "not valid");
    assertPage(http.get("/notify/confirm?token=%FF%FE"), 400, "not valid");
    assertPage(http.get("/notify/moderate?token=" + t), 400, "not valid");
    Reply getActs = get(confirm + "&confirm=yes");
    assertPage(getActs, 405, "only when you press the button");
    assertThat(getActs.header("Allow")).contains("POST");
    assertPage(get(approve.replace("?", "?List-Unsubscribe=One-Click&")), 405, "only when you press the button");
    Reply crossSite = http.form("/notify/confirm", "token=" + enc(t), "Origin", "https://evil.example");
    assertPage(crossSite, 403, "another site");
    Reply fetchMeta = http.form("/notify/moderate", "token=" + enc(token(approve)), "Sec-Fetch-Site", "cross-site");
    assertPage(fetchMeta, 403, "another site");
    assertThat(subscriptionOf(confirm).confirmed()).as("nothing acted").isFalse();
    assertThat(comments.moderation().pending(SiteId.DEFAULT, 10)).hasSize(1);

    clock.advance(Duration.ofDays(8));
    assertPage(get(confirm), 410, "expired");
    assertPage(press(approve), 410, "expired");
    assertThat(subscriptionOf(confirm).confirmed()).isFalse();
    assertThat(comments.moderation().pending(SiteId.DEFAULT, 10)).hasSize(1);
  }

  @Test
  @DisplayName("a box ticked without an address is a clear 400 naming the email field, and nothing is posted")
  void optIn_withoutAddress_is400() throws Exception {
    start();
    Reply r = http.json("POST", "/api/comments", "{\"thread\":\"posts/hello\",\"name\":\"Ada\",\"text\":\"Hi\",\"notifyThread\":true}");
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("email_required");
    assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("email");
    Reply bad = http.json("POST", "/api/comments", "{\"thread\":\"posts/hello\",\"name\":\"Ada\",\"text\":\"Hi\","
        + "\"email\":\"not an address\",\"notifyReplies\":true}");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    Reply notBoolean = http.json("POST", "/api/comments", "{\"thread\":\"posts/hello\",\"text\":\"Hi\",\"notifyReplies\":\"yes\"}");
    assertThat(notBoolean.status()).isEqualTo(422);
    assertThat(comments.counts(SiteId.DEFAULT, List.of(ThreadKey.of("posts/hello"))).getOrDefault(ThreadKey.of("posts/hello"), 0))
        .isZero();
    assertThat(comments.moderation().pending(SiteId.DEFAULT, 10)).isEmpty();
    assertThat(outbox.backlog()).isZero();
  }

  @Test
  @DisplayName("the no-JS form's boxes subscribe after the post, and a box without an address keeps the text")
  void form_optIn() throws Exception {
    start();
    Reply fragment = http.get("/fragment?thread=posts/hello&return=/posts/hello");
    assertThat(fragment.body()).contains("name=\"notifyReplies\"").contains("name=\"notifyThread\"")
        .doesNotContain("checked");
    Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(fragment.body());
    assertThat(m.find()).isTrue();
    String form = "thread=posts%2Fhello&return=%2Fposts%2Fhello&token=" + enc(m.group(1)) + "&name=Ada&text=Hello&homepage=";

    Reply noAddress = http.form("/form", form + "&notifyThread=yes", "Origin", origin());
    assertThat(noAddress.status()).isEqualTo(400);
    assertThat(noAddress.body()).contains("fill in your email address").contains("Hello")
        .contains("name=\"notifyThread\" type=\"checkbox\" value=\"yes\" aria-describedby=\"tb-nojs-notify-hint\" checked");

    Reply ok = http.form("/form", form + "&email=ada%40example.org&notifyThread=yes", "Origin", origin());
    assertThat(ok.status()).as(ok.toString()).isEqualTo(303);
    assertThat(ok.header("Location")).isEqualTo("/posts/hello#talkback-pending-subscribed");
    deliver();
    assertThat(mailsTo("ada@example.org")).hasSize(1);
    assertThat(text(mailsTo("ada@example.org").get(0))).contains("/notify/confirm?token=");
  }

  @Test
  @DisplayName("a comment queued while the store is read-only keeps its opt-in in the spool; the replay asks for one confirmation, whose link works")
  void readOnly_optInKeptInSpool_recordedOnReplay(@TempDir Path dir) throws Exception {
    store = InMemoryCommentStore.withNotifications(clock);
    FaultInjectingStore db = new FaultInjectingStore(store);
    try (FallbackCommentStore fallback = FallbackCommentStore.builder().primary(db)
        .spool(FileWriteSpool.open(dir.resolve("spool.log"))).probeInterval(Duration.ofMillis(50)).clock(clock)
        .readDeadline(Duration.ofSeconds(10)).writeDeadline(Duration.ofSeconds(10)).build()) {
      start(fallback);
      Reply fragment = http.get("/fragment?thread=posts/hello&return=/posts/hello");
      Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(fragment.body());
      assertThat(m.find()).isTrue();
      db.failReads(true);
      db.failWrites(true);

      Reply r = http.json("POST", "/api/comments", "{\"thread\":\"posts/hello\",\"name\":\"Ada\","
          + "\"email\":\"ada@example.org\",\"text\":\"Hi\",\"notifyReplies\":true}");
      assertThat(r.status()).as(r.toString()).isEqualTo(202);
      assertThat(r.json().path("outcome").asText()).isEqualTo("queued");
      assertThat(r.json().path("subscription").asText()).isEqualTo("requested");
      Reply form = http.form("/form", "thread=posts%2Fhello&return=%2Fposts%2Fhello&token=" + enc(m.group(1))
          + "&name=Ada&email=ada%40example.org&text=Again&homepage=&notifyThread=yes", "Origin", origin());
      assertThat(form.status()).as(form.toString()).isEqualTo(303);
      assertThat(form.header("Location")).isEqualTo("/posts/hello#talkback-queued-subscribed");
      assertThat(store.notifications().orElseThrow().backlog()).as("nothing recorded while down").isZero();

      db.recover();
      Await.until(Duration.ofSeconds(30), "the spool replayed", () -> fallback.mode() == StoreMode.READ_WRITE
          && fallback.health().spoolDepth() == 0);
      deliver();
      List<MimeMessage> toAda = mailsTo("ada@example.org");
      assertThat(toAda).as("one confirmation for both subscriptions of the address").hasSize(1);
      String confirm = link(toAda.get(0), "confirm");
      assertPage(press(confirm), 200, "your address is confirmed");
      assertThat(subscriptionOf(confirm).confirmed()).isTrue();
      assertThat(outbox.subscribers(SiteId.DEFAULT, null, ThreadKey.of("posts/hello")))
          .extracting(Subscription::scope).containsExactly(Subscription.Scope.THREAD);
    }
  }

  @Test
  @DisplayName("without notifications there are no link pages, no boxes, and a ticked box is refused")
  void off() throws Exception {
    Comments c = Comments.builder().store(new InMemoryCommentStore()).clock(clock).build();
    container = container();
    http = new Http(container.start(CommentsServlet.builder(c).build()));
    assertThat(http.get("/notify/confirm?token=x").status()).isEqualTo(404);
    assertThat(http.get("/api/session").json().path("notifications").asBoolean()).isFalse();
    assertThat(http.get("/fragment?thread=t&return=/t").body()).doesNotContain("notifyReplies");
    Reply r = http.json("POST", "/api/comments", "{\"thread\":\"t\",\"text\":\"Hi\",\"email\":\"a@b.org\",\"notifyReplies\":true}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asText()).isEqualTo("notifications_off");
  }
}
