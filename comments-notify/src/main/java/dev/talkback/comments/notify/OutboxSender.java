package dev.talkback.comments.notify;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.notification.LinkToken;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notification.OutboxMessage.Kind;
import dev.talkback.comments.notification.Subscription;
import dev.talkback.comments.spi.NotificationStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties the outbox: claims due messages, turns each event into deliveries (reply and thread mails to
 * confirmed subscribers, moderator mails or digests, webhook calls), and delivers them with retries and
 * exponential backoff. At least once: a message is marked delivered only after the SMTP server or the
 * endpoint accepted it, so a crash in between sends it once more when its lease ends, with the same
 * {@code Message-ID} or {@code webhook-id}. Several nodes may run a sender on one store: claims are leases.
 *
 * <p>Rounds are driven from outside: {@link #runOnce()} runs one (tests call it directly), {@link #start}
 * runs one every interval on the host's scheduler. A round's mails go out one after another over one
 * {@link Mailer#batch()} (with {@link SmtpMailer}: one SMTP connection), each marked delivered once the
 * server accepted it, or retried on its own if it failed. Webhook calls of a round go out concurrently, each
 * with its own timeout and its own retry state, so one failing endpoint never holds up another. Thread-safe.
 *
 * <pre>{@code
 * OutboxSender sender = OutboxSender.builder(comments, notifications, "https://blog.example.org/comments")
 *     .blogName("My Blog")
 *     .mailer(SmtpMailer.builder("smtp.example.org", 587).security(SmtpMailer.Security.STARTTLS)
 *         .login(user, password).from("blog@example.org", "My Blog").build())
 *     .moderators(List.of("me@example.org"))
 *     .webhook(WebhookEndpoint.of(URI.create("https://hooks.example.org/talkback"), "whsec_..."))
 *     .build();
 * sender.start(scheduler, Duration.ofSeconds(10));
 * }</pre>
 */
public final class OutboxSender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

  private final Comments comments;
  private final Notifications notifications;
  private final NotificationStore store;
  private final String publicUrl;
  private final String blogName;
  private final Locale locale;
  private final MailTemplates templates;
  private final @Nullable Mailer mailer;
  private final List<String> moderators;
  private final ModeratorAlerts moderatorAlerts;
  private final Duration digestInterval;
  private final String moderatorUnsubscribeUrl;
  private final Map<String, WebhookEndpoint> webhooks;
  private final HttpClient http;
  private final Duration webhookTimeout;
  private final Clock clock;
  private final String owner;
  private final int batchSize;
  private final Duration lease;
  private final int maxAttempts;
  private final Duration backoffBase;
  private final Duration backoffMax;
  private final String mailDomain;
  private final List<OutboxListener> listeners;
  private volatile @Nullable ScheduledFuture<?> schedule;
  /** Cleared by {@link #close()}: the scheduled task stops after the round under way. */
  private volatile @Nullable AtomicBoolean running;

  private OutboxSender(Builder b) {
    this.comments = b.comments;
    this.notifications = b.notifications;
    this.store = b.notifications.store();
    this.publicUrl = b.publicUrl;
    this.blogName = b.blogName;
    this.locale = b.locale;
    this.templates = b.templates;
    this.mailer = b.mailer;
    this.moderators = List.copyOf(b.moderators);
    this.moderatorAlerts = b.moderatorAlerts;
    this.digestInterval = b.digestInterval;
    this.moderatorUnsubscribeUrl = b.moderatorUnsubscribeUrl != null ? b.moderatorUnsubscribeUrl
        : publicUrl + "/admin";
    Map<String, WebhookEndpoint> hooks = new LinkedHashMap<>();
    for (WebhookEndpoint w : b.webhooks) {
      hooks.put(w.url().toString(), w);
    }
    this.webhooks = Map.copyOf(hooks);
    this.http = b.http != null ? b.http
        : HttpClient.newBuilder().connectTimeout(b.webhookTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.webhookTimeout = b.webhookTimeout;
    this.clock = comments.settings().clock();
    this.owner = b.owner;
    this.batchSize = b.batchSize;
    this.lease = b.lease;
    this.maxAttempts = b.maxAttempts;
    this.backoffBase = b.backoffBase;
    this.backoffMax = b.backoffMax;
    String host = URI.create(publicUrl).getHost();
    this.mailDomain = host == null ? "talkback.invalid" : host;
    this.listeners = List.copyOf(b.listeners);
  }

  /**
   * A builder.
   *
   * @param comments the comments (for their text, thread and moderation queue; its clock is the sender's)
   * @param notifications the outbox, subscriptions and link signer
   * @param publicUrl the absolute URL where the servlet is mounted, such as
   *     {@code https://blog.example.org/comments}: mail links point below it
   * @return a builder
   */
  public static Builder builder(Comments comments, Notifications notifications, String publicUrl) {
    return new Builder(comments, notifications, publicUrl);
  }

  /**
   * Runs a round every {@code interval} on {@code scheduler} (with a fixed delay, so rounds never overlap on
   * this node), and further rounds at once while rounds come back full. A failing round is logged and the
   * next one runs as planned.
   *
   * @param scheduler the host's scheduler
   * @param interval the pause between rounds
   * @throws IllegalStateException if already started
   */
  public synchronized void start(ScheduledExecutorService scheduler, Duration interval) {
    if (schedule != null) {
      throw new IllegalStateException("already started");
    }
    long ms = Math.max(1, interval.toMillis());
    AtomicBoolean live = new AtomicBoolean(true);
    running = live;
    schedule = scheduler.scheduleWithFixedDelay(() -> {
      try {
        while (live.get() && runOnce() == batchSize) {
          // a full batch: more may be due at once, unless close() was called meanwhile
        }
      } catch (RuntimeException e) {
        log.warn("an outbox round failed; the next one runs in {} ms", ms, e);
      }
    }, 0, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the rounds {@link #start} scheduled: a round under way finishes (it takes at most half the lease,
   * see {@link #runOnce()}) and none follows, even if a backlog remains. The scheduler stays the host's.
   */
  @Override
  public synchronized void close() {
    AtomicBoolean live = running;
    if (live != null) {
      live.set(false);
      running = null;
    }
    ScheduledFuture<?> s = schedule;
    if (s != null) {
      s.cancel(false);
      schedule = null;
    }
  }

  /**
   * Runs one round: claims up to the batch size of due messages and handles each. Events are expanded into
   * deliveries (due at once, so the next round sends them).
   *
   * <p>The claim is a lease, and another node may claim a message again once it has run out, so a round
   * starts no message after half its lease has passed (a slow or unreachable SMTP server makes each mail
   * take up to the mailer's timeouts): the messages it did not start stay leased until the lease ends and are
   * then claimed again, by this node or another, without counting as a failed attempt.
   *
   * @return how many messages were claimed
   */
  public int runOnce() {
    Instant now = now();
    List<OutboxMessage> claimed = store.claim(owner, now, lease, batchSize);
    Instant stopAt = now.plus(lease.dividedBy(2));
    List<CompletableFuture<Void>> calls = new ArrayList<>();
    try (Mails mails = new Mails()) {
      for (int i = 0; i < claimed.size(); i++) {
        OutboxMessage m = claimed.get(i);
        if (!now().isBefore(stopAt)) {
          log.warn("an outbox round ran for half its lease of {}; {} of its messages are left for the lease to end",
              lease, claimed.size() - i);
          break;
        }
        try {
          if (m.kind().isEvent()) {
            store.expand(m, expand(m, now), now);
          } else if (m.kind() == Kind.WEBHOOK) {
            calls.add(callWebhook(m));
          } else {
            sendMail(m, mails);
          }
        } catch (RuntimeException e) {
          failed(m, e, e instanceof MailDeliveryException mde && mde.permanent());
        }
      }
    }
    CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).join();
    return claimed.size();
  }

  /** A round's mail batch ({@link Mailer#batch()}: one SMTP connection), opened by its first mail. */
  private static final class Mails implements AutoCloseable {
    private @Nullable MailBatch batch;

    MailBatch batch(Mailer mailer) {
      MailBatch b = batch;
      if (b == null) {
        b = mailer.batch();
        batch = b;
      }
      return b;
    }

    @Override
    public void close() {
      MailBatch b = batch;
      if (b != null) {
        try {
          b.close();
        } catch (RuntimeException e) {
          log.warn("could not close the mail batch {}", b, e);
        }
      }
    }
  }

  // ---- events into deliveries

  private List<OutboxMessage> expand(OutboxMessage event, Instant now) {
    Optional<Comment> found = comments.find(event.site(), Objects.requireNonNull(event.commentId(), "events name a comment"));
    if (found.isEmpty()) {
      return List.of();
    }
    Comment c = found.get();
    List<OutboxMessage> out = new ArrayList<>();
    for (WebhookEndpoint w : webhooks.values()) {
      if (w.events().contains(event.kind())) {
        out.add(OutboxMessage.delivery(c.site(), Kind.WEBHOOK, c.id(), w.url().toString(), event.kind(),
            "hook:" + event.id() + ':' + Notifications.addressHash("x@" + w.url().getHost() + w.url().hashCode()),
            now, now));
      }
    }
    if (event.kind() == Kind.COMMENT_POSTED && mailer != null) {
      moderatorMails(c, out, now);
    }
    boolean visibleNow = (event.kind() == Kind.COMMENT_POSTED || event.kind() == Kind.COMMENT_APPROVED)
        && c.status() == CommentStatus.APPROVED;
    if (visibleNow && mailer != null) {
      String authorEmail = c.author().email() == null ? null : c.author().email().toLowerCase(Locale.ROOT);
      for (Subscription s : store.subscribers(c.site(), c.parentId().orElse(null), c.thread())) {
        if (s.email().equals(authorEmail)) {
          continue; // never the author about their own comment
        }
        if (s.scope() == Subscription.Scope.REPLIES && s.commentId() != null && s.commentId().equals(c.id())) {
          continue;
        }
        Kind kind = s.scope() == Subscription.Scope.REPLIES ? Kind.REPLY_MAIL : Kind.THREAD_MAIL;
        // one mail per comment and address, whichever subscriptions the address has
        out.add(OutboxMessage.delivery(c.site(), kind, c.id(), s.id(), event.kind(),
            "mail:" + c.id() + ':' + Notifications.addressHash(s.email()), now, now));
      }
    }
    return dedupeMails(out);
  }

  /** A reply subscription wins over a thread subscription of the same address for the same comment. */
  private static List<OutboxMessage> dedupeMails(List<OutboxMessage> out) {
    Map<String, OutboxMessage> byKey = new LinkedHashMap<>();
    for (OutboxMessage m : out) {
      byKey.merge(m.dedupeKey(), m, (a, b) -> a.kind() == Kind.REPLY_MAIL ? a : b);
    }
    return new ArrayList<>(byKey.values());
  }

  private void moderatorMails(Comment c, List<OutboxMessage> out, Instant now) {
    boolean pending = c.status() == CommentStatus.PENDING;
    for (String moderator : moderators) {
      String hash = Notifications.addressHash(moderator);
      switch (moderatorAlerts) {
        case PENDING, ALL -> {
          if (pending || moderatorAlerts == ModeratorAlerts.ALL) {
            out.add(OutboxMessage.delivery(c.site(), Kind.MODERATOR_MAIL, c.id(), moderator, Kind.COMMENT_POSTED,
                "mod:" + c.id() + ':' + hash, now, now));
          }
        }
        case DIGEST -> {
          if (pending) {
            long window = digestInterval.toSeconds();
            long start = now.getEpochSecond() / window * window;
            Instant due = Instant.ofEpochSecond(start + window);
            out.add(OutboxMessage.delivery(c.site(), Kind.MODERATOR_DIGEST, null, moderator, Kind.COMMENT_POSTED,
                "digest:" + c.site().value() + ':' + hash + ':' + start, now, due));
          }
        }
        case NONE -> {
          // no moderator mails
        }
      }
    }
  }

  // ---- mails

  private void sendMail(OutboxMessage m, Mails mails) {
    Mailer mail = mailer;
    if (mail == null) {
      store.abandon(m.id(), now(), "no mailer configured");
      tell(l -> l.gaveUp(m, "no mailer configured"));
      return;
    }
    Optional<MailMessage> composed = compose(m);
    if (composed.isEmpty()) {
      store.delivered(m.id(), now()); // nothing to send any more: unsubscribed, unconfirmed, moderated, removed
      tell(l -> l.skipped(m));
      return;
    }
    long start = System.nanoTime();
    mails.batch(mail).send(composed.get());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    Instant at = now();
    store.delivered(m.id(), at);
    tell(l -> l.sent(m, at, took));
  }

  private Optional<MailMessage> compose(OutboxMessage m) {
    SiteId site = m.site();
    Map<String, String> v = new HashMap<>();
    v.put("blogName", blogName);
    String to;
    String unsubscribe;
    boolean oneClick = true; // a subscriber's unsubscribe link takes the RFC 8058 POST
    switch (m.kind()) {
      case CONFIRMATION_MAIL -> {
        Optional<Subscription> s = store.subscription(site, Objects.requireNonNull(m.target()));
        if (s.isEmpty() || s.get().confirmed()) {
          return Optional.empty();
        }
        to = s.get().email();
        unsubscribe = link(LinkToken.Action.UNSUBSCRIBE, notifications.unsubscribeToken(s.get()));
        v.put("confirmUrl", link(LinkToken.Action.CONFIRM, notifications.confirmToken(s.get())));
        v.put("about", about(s.get()));
      }
      case REPLY_MAIL, THREAD_MAIL -> {
        Optional<Subscription> s = store.subscription(site, Objects.requireNonNull(m.target()));
        Optional<Comment> c = comments.find(site, Objects.requireNonNull(m.commentId()));
        if (s.isEmpty() || !s.get().confirmed() || c.isEmpty() || c.get().status() != CommentStatus.APPROVED) {
          return Optional.empty();
        }
        to = s.get().email();
        unsubscribe = link(LinkToken.Action.UNSUBSCRIBE, notifications.unsubscribeToken(s.get()));
        commentValues(c.get(), v);
      }
      case MODERATOR_MAIL -> {
        Optional<Comment> c = comments.find(site, Objects.requireNonNull(m.commentId()));
        if (c.isEmpty() || c.get().status() == CommentStatus.DELETED
            || (moderatorAlerts != ModeratorAlerts.ALL && c.get().status() != CommentStatus.PENDING)) {
          return Optional.empty();
        }
        to = Objects.requireNonNull(m.target());
        unsubscribe = moderatorUnsubscribeUrl;
        oneClick = false; // a settings page, not an unsubscribe endpoint
        commentValues(c.get(), v);
        moderatorLinks(c.get(), v);
      }
      case MODERATOR_DIGEST -> {
        to = Objects.requireNonNull(m.target());
        unsubscribe = moderatorUnsubscribeUrl;
        oneClick = false;
        // the queue as it stands, not only the comments created in the digest's window: a comment's event
        // may be turned into its digest after its window ended (posted just before the hour, or replayed
        // from the write spool hours later), and its digest is then a later window's
        Instant end = m.due();
        List<Comment> waiting = new ArrayList<>();
        for (Comment c : comments.moderation().pending(site, 200)) {
          if (c.created().isBefore(end)) {
            waiting.add(c);
          }
        }
        if (waiting.isEmpty()) {
          return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<ul>");
        for (Comment c : waiting) {
          Map<String, String> one = new HashMap<>();
          commentValues(c, one);
          moderatorLinks(c, one);
          text.append("* ").append(one.get("author")).append(" on ").append(one.get("threadTitle")).append(":\n  ")
              .append(one.get("excerpt")).append("\n  Approve: ").append(one.get("approveUrl"))
              .append("\n  Spam: ").append(one.get("spamUrl")).append("\n  Delete: ").append(one.get("deleteUrl"))
              .append("\n\n");
          html.append(new MailTemplate("", "", "<li><b>{{author}}</b> on <a href=\"{{threadUrl}}\">{{threadTitle}}"
              + "</a>:<blockquote>{{{commentHtml}}}</blockquote><a href=\"{{approveUrl}}\">Approve</a> · "
              + "<a href=\"{{spamUrl}}\">Spam</a> · <a href=\"{{deleteUrl}}\">Delete</a></li>").renderHtml(one));
        }
        v.put("items", text.toString());
        v.put("itemsHtml", html.append("</ul>").toString());
        v.put("count", Integer.toString(waiting.size()));
      }
      default -> throw new IllegalArgumentException(m.kind() + " is not a mail");
    }
    v.put("unsubscribeUrl", unsubscribe);
    MailTemplate t = templates.template(m.kind(), locale);
    try {
      return Optional.of(new MailMessage(m.id() + "@" + mailDomain, to, t.renderSubject(v), t.renderText(v),
          t.renderHtml(v), unsubscribe, oneClick));
    } catch (IllegalArgumentException e) {
      // the same values next time: trying again cannot help
      throw new MailDeliveryException("the mail cannot be made: " + e.getMessage(), true, e);
    }
  }

  private void commentValues(Comment c, Map<String, String> v) {
    Optional<ThreadInfo> info = comments.threadInfo(c.site(), c.thread());
    // only a web page: a thread URL from the API or an import may be anything without spaces (javascript:, data:)
    String threadUrl = info.map(ThreadInfo::url).filter(Objects::nonNull).map(String::valueOf)
        .filter(MailMessage::webUrl).orElse(publicUrl);
    v.put("threadTitle", info.map(ThreadInfo::title).filter(t -> !t.isBlank()).orElse(c.thread().value()));
    v.put("threadUrl", threadUrl);
    v.put("commentUrl", threadUrl + "#comment-" + c.id());
    v.put("author", c.author().name());
    v.put("excerpt", comments.settings().contentPolicy().excerpt(c));
    v.put("commentHtml", c.html());
    v.put("ipHash", c.ipHash().orElse("-"));
    v.put("status", c.status() == CommentStatus.PENDING ? statusWord(true) : statusWord(false));
  }

  private String statusWord(boolean pending) {
    boolean de = "de".equals(locale.getLanguage());
    return pending ? (de ? "wartend" : "waiting") : (de ? "veröffentlicht" : "published");
  }

  private void moderatorLinks(Comment c, Map<String, String> v) {
    v.put("approveUrl", link(LinkToken.Action.APPROVE, notifications.moderatorToken(LinkToken.Action.APPROVE, c)));
    v.put("spamUrl", link(LinkToken.Action.SPAM, notifications.moderatorToken(LinkToken.Action.SPAM, c)));
    v.put("deleteUrl", link(LinkToken.Action.DELETE, notifications.moderatorToken(LinkToken.Action.DELETE, c)));
  }

  private String about(Subscription s) {
    boolean de = "de".equals(locale.getLanguage());
    return s.scope() == Subscription.Scope.REPLIES
        ? (de ? "Antworten auf Ihren Kommentar" : "replies to your comment")
        : (de ? "neue Kommentare" : "new comments");
  }

  private String link(LinkToken.Action action, String token) {
    return publicUrl + Notifications.path(action) + "?token=" + token;
  }

  // ---- webhooks

  private CompletableFuture<Void> callWebhook(OutboxMessage m) {
    WebhookEndpoint w = webhooks.get(Objects.requireNonNull(m.target()));
    if (w == null) {
      store.abandon(m.id(), now(), "the endpoint is no longer configured");
      tell(l -> l.gaveUp(m, "the endpoint is no longer configured"));
      return CompletableFuture.completedFuture(null);
    }
    Optional<Comment> c = comments.find(m.site(), Objects.requireNonNull(m.commentId()));
    if (c.isEmpty()) {
      store.delivered(m.id(), now());
      tell(l -> l.skipped(m));
      return CompletableFuture.completedFuture(null);
    }
    String body = WebhookJson.event(Objects.requireNonNull(m.cause(), "a webhook names its event"), m.created(),
        c.get());
    String timestamp = Long.toString(now().getEpochSecond());
    String signature = "v1," + sign(WebhookEndpoint.key(w.secret()), m.id() + '.' + timestamp + '.' + body);
    HttpRequest request = HttpRequest.newBuilder(w.url())
        .timeout(webhookTimeout)
        .header("content-type", "application/json")
        .header("webhook-id", m.id())
        .header("webhook-timestamp", timestamp)
        .header("webhook-signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    long start = System.nanoTime();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
      try {
        if (error == null && response.statusCode() / 100 == 2) {
          Duration took = Duration.ofNanos(System.nanoTime() - start);
          Instant at = now();
          store.delivered(m.id(), at);
          tell(l -> l.sent(m, at, took));
        } else {
          String why = error != null ? String.valueOf(error.getMessage()) : "HTTP " + response.statusCode();
          failed(m, new IllegalStateException("webhook " + w.url() + " failed: " + why), false);
        }
      } catch (RuntimeException e) {
        log.warn("could not record the webhook call {}; it will be sent again when its lease ends", m.id(), e);
      }
      return null;
    });
  }

  static String sign(byte[] key, String content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  // ---- failures

  private void failed(OutboxMessage m, RuntimeException e, boolean permanent) {
    Instant now = now();
    String error = String.valueOf(e.getMessage());
    try {
      if (permanent || m.attempts() + 1 >= maxAttempts) {
        log.warn("giving up on outbox message {} ({}) after {} attempts: {}", m.id(), m.kind(), m.attempts() + 1,
            error);
        store.abandon(m.id(), now, error);
        if (!m.kind().isEvent()) {
          tell(l -> l.gaveUp(m, error));
        }
      } else {
        Instant due = now.plus(backoff(m.attempts()));
        log.info("outbox message {} ({}) failed, attempt {}; trying again at {}: {}", m.id(), m.kind(),
            m.attempts() + 1, due, error);
        store.retry(m.id(), due, error);
        if (!m.kind().isEvent()) {
          tell(l -> l.failed(m, error));
        }
      }
    } catch (RuntimeException storeDown) {
      log.warn("could not record the failure of outbox message {}; it is tried again when its lease ends", m.id(),
          storeDown);
    }
  }

  /** Tells every listener; one that throws is logged and the others still hear. */
  private void tell(Consumer<OutboxListener> call) {
    for (OutboxListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        log.warn("an outbox listener failed: {}", l, e);
      }
    }
  }

  /**
   * The wait after a message's {@code attempts}-th failure: the base doubled per attempt, at most the maximum.
   *
   * @param attempts failed attempts before this one
   * @return the wait
   */
  Duration backoff(int attempts) {
    Duration d = backoffBase;
    for (int i = 0; i < attempts && d.compareTo(backoffMax) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(backoffMax) > 0 ? backoffMax : d;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  @Override
  public String toString() {
    return "OutboxSender{owner=" + owner + ", webhooks=" + webhooks.size() + ", moderators=" + moderators.size()
        + "}";
  }

  /** Builds an {@link OutboxSender}; validates each argument at once. */
  public static final class Builder {
    private final Comments comments;
    private final Notifications notifications;
    private final String publicUrl;
    private String blogName = "Talkback";
    private Locale locale = Locale.ENGLISH;
    private MailTemplates templates = MailTemplates.defaults();
    private @Nullable Mailer mailer;
    private List<String> moderators = List.of();
    private ModeratorAlerts moderatorAlerts = ModeratorAlerts.PENDING;
    private Duration digestInterval = Duration.ofMinutes(60);
    private @Nullable String moderatorUnsubscribeUrl;
    private final List<WebhookEndpoint> webhooks = new ArrayList<>();
    private @Nullable HttpClient http;
    private Duration webhookTimeout = Duration.ofSeconds(10);
    private String owner = "node-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private int batchSize = 50;
    private Duration lease = NotificationStore.DEFAULT_LEASE;
    private int maxAttempts = 12;
    private Duration backoffBase = Duration.ofSeconds(30);
    private Duration backoffMax = Duration.ofHours(6);
    private final List<OutboxListener> listeners = new ArrayList<>();

    private Builder(Comments comments, Notifications notifications, String publicUrl) {
      this.comments = Objects.requireNonNull(comments, "comments");
      this.notifications = Objects.requireNonNull(notifications, "notifications");
      Objects.requireNonNull(publicUrl, "publicUrl");
      URI u = URI.create(publicUrl);
      if (!u.isAbsolute() || u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))
          || u.getQuery() != null || u.getFragment() != null) {
        throw new IllegalArgumentException("publicUrl must be an absolute http(s) URL without query or fragment,"
            + " such as https://blog.example.org/comments: " + publicUrl);
      }
      String ascii = u.toASCIIString(); // mail headers are ASCII: a non-ASCII path is percent-encoded
      this.publicUrl = ascii.endsWith("/") ? ascii.substring(0, ascii.length() - 1) : ascii;
    }

    /**
     * The blog's name, in subjects and bodies.
     *
     * @param name not blank
     * @return this builder
     */
    public Builder blogName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("blogName must not be blank");
      }
      this.blogName = name.strip();
      return this;
    }

    /**
     * The language of the mails.
     *
     * @param locale English by default; German is built in too
     * @return this builder
     */
    public Builder locale(Locale locale) {
      this.locale = Objects.requireNonNull(locale, "locale");
      return this;
    }

    /**
     * The templates.
     *
     * @param templates {@link MailTemplates#defaults()} with the host's overrides
     * @return this builder
     */
    public Builder templates(MailTemplates templates) {
      this.templates = Objects.requireNonNull(templates, "templates");
      return this;
    }

    /**
     * Sends mail with this mailer; without one, no mail deliveries are made (webhooks only).
     *
     * @param mailer the mailer
     * @return this builder
     */
    public Builder mailer(Mailer mailer) {
      this.mailer = Objects.requireNonNull(mailer, "mailer");
      return this;
    }

    /**
     * The moderators' addresses.
     *
     * @param addresses the addresses (confirmed by the host's configuration, so no opt-in)
     * @return this builder
     */
    public Builder moderators(List<String> addresses) {
      List<String> copy = new ArrayList<>();
      for (String a : Objects.requireNonNull(addresses, "addresses")) {
        copy.add(Subscription.normalizeEmail(a));
      }
      this.moderators = copy;
      return this;
    }

    /**
     * Which comments moderators hear about.
     *
     * @param alerts PENDING (default), ALL, DIGEST or NONE
     * @return this builder
     */
    public Builder moderatorAlerts(ModeratorAlerts alerts) {
      this.moderatorAlerts = Objects.requireNonNull(alerts, "alerts");
      return this;
    }

    /**
     * With {@link ModeratorAlerts#DIGEST}: at most one digest per moderator this often.
     *
     * @param interval at least one minute; default one hour
     * @return this builder
     */
    public Builder digestInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException("digestInterval must be at least one minute: " + interval);
      }
      this.digestInterval = interval;
      return this;
    }

    /**
     * The {@code List-Unsubscribe} URL of moderator mails (where a moderator turns them off); default the
     * servlet's {@code /admin} page. It is a page the moderator acts on, so moderator mails do not claim the
     * RFC 8058 one-click POST ({@code List-Unsubscribe-Post}), which a mailbox provider would send to it and
     * report as done.
     *
     * @param url an absolute http(s) URL
     * @return this builder
     * @throws IllegalArgumentException if it is not one
     */
    public Builder moderatorUnsubscribeUrl(String url) {
      URI u = URI.create(Objects.requireNonNull(url, "url"));
      if (!u.isAbsolute() || u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
        throw new IllegalArgumentException("moderatorUnsubscribeUrl must be an absolute http(s) URL: " + url);
      }
      this.moderatorUnsubscribeUrl = u.toASCIIString();
      return this;
    }

    /**
     * Adds a webhook endpoint.
     *
     * @param endpoint the endpoint
     * @return this builder
     */
    public Builder webhook(WebhookEndpoint endpoint) {
      webhooks.add(Objects.requireNonNull(endpoint, "endpoint"));
      return this;
    }

    /**
     * The HTTP client for webhooks; default a new one that follows no redirects.
     *
     * @param client the client
     * @return this builder
     */
    public Builder httpClient(HttpClient client) {
      this.http = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * How long one webhook call may take.
     *
     * @param timeout positive; default 10 seconds
     * @return this builder
     */
    public Builder webhookTimeout(Duration timeout) {
      this.webhookTimeout = positive(timeout, "webhookTimeout");
      return this;
    }

    /**
     * This node's name in claims (for operators reading the outbox table).
     *
     * @param owner 1 to 100 characters
     * @return this builder
     */
    public Builder owner(String owner) {
      Objects.requireNonNull(owner, "owner");
      if (owner.isEmpty() || owner.length() > 100) {
        throw new IllegalArgumentException("owner must be 1 to 100 characters");
      }
      this.owner = owner;
      return this;
    }

    /**
     * Messages claimed per round.
     *
     * @param size 1 to 1000; default 50
     * @return this builder
     */
    public Builder batchSize(int size) {
      if (size < 1 || size > 1000) {
        throw new IllegalArgumentException("batchSize must be 1 to 1000: " + size);
      }
      this.batchSize = size;
      return this;
    }

    /**
     * How long a claim holds: a message whose sender died is sent again after this.
     *
     * @param lease positive; default two minutes
     * @return this builder
     */
    public Builder lease(Duration lease) {
      this.lease = positive(lease, "lease");
      return this;
    }

    /**
     * Retries: the first wait, doubled per failure up to the maximum, and the attempts before giving up.
     *
     * @param base positive; default 30 seconds
     * @param max at least base; default 6 hours
     * @param maxAttempts at least 1; default 12
     * @return this builder
     */
    public Builder retries(Duration base, Duration max, int maxAttempts) {
      positive(base, "base");
      positive(max, "max");
      if (max.compareTo(base) < 0) {
        throw new IllegalArgumentException("max must be at least base");
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.backoffBase = base;
      this.backoffMax = max;
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Adds a listener that hears of every delivery sent, skipped, failed or given up (for metrics).
     *
     * @param listener the listener; called on the sender's threads, must be threadsafe
     * @return this builder
     */
    public Builder listener(OutboxListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    /**
     * The sender.
     *
     * @return the sender
     * @throws IllegalStateException if moderators are set but there is no mailer
     */
    public OutboxSender build() {
      if (!moderators.isEmpty() && mailer == null && moderatorAlerts != ModeratorAlerts.NONE) {
        throw new IllegalStateException("moderators need a mailer: set mailer(...)");
      }
      return new OutboxSender(this);
    }
  }
}
