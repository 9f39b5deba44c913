package dev.talkback.comments.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notification.OutboxMessage.Kind;
import dev.talkback.comments.notification.Subscription;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.NotificationStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The suite every {@link NotificationStore} must pass, together with the {@link CommentStore} that writes its
 * events: the in-memory store and the JDBI store on H2, PostgreSQL and MariaDB run it; so should yours.
 *
 * <pre>{@code
 * class MyStoreNotificationContractTest extends NotificationStoreContract {
 *   private static final MyStore STORE = MyStore.withOutbox();
 *
 *   @Override
 *   protected CommentStore createStore() {
 *     return STORE; // one store for every test: each test uses its own random site
 *   }
 * }
 * }</pre>
 *
 * <p>Every test works under a fresh random site and looks only at its own site's messages, so tests sharing a
 * store never disturb each other. Claims use instants far in the future, so every message a test wrote is
 * due. The concurrency test claims from eight threads at once (a pooled store wants eight connections).
 */
@Tag("contract")
public abstract class NotificationStoreContract {
  /** The deadline of the concurrent test. */
  protected static final Duration DEADLINE = Duration.ofSeconds(60);
  /** A lease for claims in these tests. */
  protected static final Duration LEASE = Duration.ofMinutes(2);

  private @Nullable CommentStore store;
  private @Nullable SiteId site;
  private Instant now = Instant.parse("2090-01-01T00:00:00Z");

  /**
   * Returns the store under test, whose {@link CommentStore#notifications()} is present. Called before each
   * test; may return the same instance every time.
   *
   * @return the store under test
   */
  protected abstract CommentStore createStore();

  /** Creates the store and a fresh site for each test. */
  @BeforeEach
  protected final void setUpNotificationStoreContract() {
    store = Objects.requireNonNull(createStore(), "createStore() returned null");
    site = SiteId.of("n-" + UUID.randomUUID().toString().substring(0, 18));
    now = Instant.parse("2090-01-01T00:00:00Z").plusSeconds(UUID.randomUUID().hashCode() & 0xffff)
        .truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The comment store of the current test.
   *
   * @return the store
   */
  protected final CommentStore comments() {
    return Objects.requireNonNull(store, "only while a test runs");
  }

  /**
   * The notification store of the current test.
   *
   * @return the store's notifications
   */
  protected final NotificationStore outbox() {
    return comments().notifications().orElseThrow(() -> new AssertionError(
        "createStore() must return a store whose notifications() is present"));
  }

  /**
   * This test's random site.
   *
   * @return the site
   */
  protected final SiteId site() {
    return Objects.requireNonNull(site, "only while a test runs");
  }

  /**
   * Claims everything due by this test's far-future instant, and keeps this site's messages.
   *
   * @param at when the claim happens
   * @return this site's claimed messages
   */
  protected final List<OutboxMessage> claimMine(Instant at) {
    List<OutboxMessage> mine = new ArrayList<>();
    for (OutboxMessage m : outbox().claim("contract", at, LEASE, 10_000)) {
      if (m.site().equals(site())) {
        mine.add(m);
      }
    }
    return mine;
  }

  private Comment stored(ThreadKey thread, @Nullable Comment parent, CommentStatus status) {
    CommentId id = CommentId.of(UUID.randomUUID());
    Comment c = Comment.builder().id(id).site(site()).thread(thread)
        .parentId(parent == null ? null : parent.id()).rootId(parent == null ? null : parent.rootId())
        .author(Author.named("Ada").withEmail("ada@example.org")).source("Comment " + id).format(Format.PLAIN)
        .html("<p>Comment " + id + "</p>").status(status).created(Instant.parse("2024-01-01T00:00:00Z")).build();
    return comments().insert(new ThreadInfo(site(), thread, "Title", null, false), c).comment();
  }

  private OutboxMessage delivery(String key, Instant due) {
    return OutboxMessage.delivery(site(), Kind.WEBHOOK, null, "https://hooks.example.org/x", Kind.COMMENT_POSTED,
        key + ':' + UUID.randomUUID(), now, due);
  }

  private static List<Kind> kinds(List<OutboxMessage> messages) {
    return messages.stream().map(OutboxMessage::kind).toList();
  }

  /** The events a store writes with its comment changes. */
  @Nested
  @DisplayName("Events")
  class Events {
    @Test
    @DisplayName("an insert that creates a comment writes one COMMENT_POSTED event; inserting it again writes none")
    void insert_writesPostedOnce() {
      ThreadKey t = ThreadKey.of("events");
      Comment c = stored(t, null, CommentStatus.PENDING);
      comments().insert(new ThreadInfo(site(), t, "Title", null, false), c.toBuilder().version(0).build());

      List<OutboxMessage> mine = claimMine(now);
      assertThat(kinds(mine)).containsExactly(Kind.COMMENT_POSTED);
      assertThat(mine.get(0).commentId()).isEqualTo(c.id());
      assertThat(mine.get(0).attempts()).isZero();
    }

    @Test
    @DisplayName("approve, edit, spam and delete each write their event; a like writes none")
    void update_writesTheEventsOfTheChange() {
      Comment c = stored(ThreadKey.of("events"), null, CommentStatus.PENDING);
      claimMine(now).forEach(m -> outbox().delivered(m.id(), now));

      Comment approved = comments().update(c.toBuilder().status(CommentStatus.APPROVED).version(1).build(), 0);
      comments().like(site(), c.id(), "client-1");
      Comment edited = comments().update(approved.toBuilder().source("changed").html("<p>changed</p>").version(2)
          .edited(Instant.parse("2024-01-01T00:01:00Z")).build(), 1);
      Comment spam = comments().update(edited.toBuilder().status(CommentStatus.SPAM).version(3).build(), 2);
      comments().update(spam.toBuilder().status(CommentStatus.DELETED).version(4).build(), 3);

      assertThat(kinds(claimMine(now))).containsExactlyInAnyOrder(Kind.COMMENT_APPROVED, Kind.COMMENT_EDITED,
          Kind.COMMENT_SPAM, Kind.COMMENT_DELETED);
    }
  }

  /** Enqueueing, claiming, marking. */
  @Nested
  @DisplayName("Delivery")
  class Delivery {
    @Test
    @DisplayName("a dedupe key is taken once, delivered or not")
    void enqueue_dedupes() {
      OutboxMessage m = delivery("d", now);
      assertThat(outbox().enqueue(m)).isTrue();
      OutboxMessage twin = OutboxMessage.delivery(site(), Kind.WEBHOOK, null, "https://other.example.org",
          Kind.COMMENT_POSTED, m.dedupeKey(), now, now);
      assertThat(outbox().enqueue(twin)).isFalse();
      outbox().delivered(m.id(), now);
      assertThat(outbox().enqueue(twin)).isFalse();
      assertThat(outbox().message(m.id())).get().extracting(OutboxMessage::target)
          .isEqualTo("https://hooks.example.org/x");
    }

    @Test
    @DisplayName("a claimed message is not claimed again until its lease ends; then it is (a crashed sender)")
    void claim_leases() {
      OutboxMessage m = delivery("lease", now);
      outbox().enqueue(m);

      assertThat(claimMine(now)).extracting(OutboxMessage::id).containsExactly(m.id());
      assertThat(claimMine(now.plusSeconds(1))).as("leased").isEmpty();
      assertThat(claimMine(now.plus(LEASE).plusSeconds(1))).as("lease over: the sender died")
          .extracting(OutboxMessage::id).containsExactly(m.id());
    }

    @Test
    @DisplayName("a message is not claimed before it is due, nor after it was delivered or abandoned")
    void claim_onlyDueAndUndelivered() {
      OutboxMessage later = delivery("later", now.plusSeconds(60));
      OutboxMessage done = delivery("done", now);
      OutboxMessage dead = delivery("dead", now);
      outbox().enqueue(later);
      outbox().enqueue(done);
      outbox().enqueue(dead);
      outbox().delivered(done.id(), now);
      outbox().abandon(dead.id(), now, "550 no such user");

      assertThat(claimMine(now)).isEmpty();
      assertThat(claimMine(now.plusSeconds(60))).extracting(OutboxMessage::id).containsExactly(later.id());
      assertThat(outbox().message(dead.id()).orElseThrow().lastError()).isEqualTo("550 no such user");
    }

    @Test
    @DisplayName("a retry counts the attempt, keeps the error, ends the lease and waits until it is due")
    void retry_backsOff() {
      OutboxMessage m = delivery("retry", now);
      outbox().enqueue(m);
      claimMine(now);
      outbox().retry(m.id(), now.plusSeconds(30), "connection refused");

      assertThat(claimMine(now.plusSeconds(29))).isEmpty();
      List<OutboxMessage> again = claimMine(now.plusSeconds(30));
      assertThat(again).hasSize(1);
      assertThat(again.get(0).attempts()).isEqualTo(1);
      assertThat(again.get(0).lastError()).isEqualTo("connection refused");
      assertThat(again.get(0).due()).isEqualTo(now.plusSeconds(30));
    }

    @Test
    @DisplayName("expand enqueues the deliveries (skipping taken keys) and marks the event delivered")
    void expand_isOneStep() {
      Comment c = stored(ThreadKey.of("expand"), null, CommentStatus.APPROVED);
      OutboxMessage event = claimMine(now).get(0);
      OutboxMessage taken = delivery("taken", now);
      outbox().enqueue(taken);
      OutboxMessage dupe = OutboxMessage.delivery(site(), Kind.WEBHOOK, c.id(), "https://b.example.org",
          Kind.COMMENT_POSTED, taken.dedupeKey(), now, now);
      OutboxMessage fresh = OutboxMessage.delivery(site(), Kind.WEBHOOK, c.id(), "https://a.example.org",
          Kind.COMMENT_POSTED, "fresh:" + UUID.randomUUID(), now, now);

      outbox().expand(event, List.of(fresh, dupe), now);

      assertThat(claimMine(now.plus(LEASE).plusSeconds(1))).extracting(OutboxMessage::id)
          .containsExactlyInAnyOrder(fresh.id(), taken.id());
      assertThat(outbox().message(dupe.id())).isEmpty();
    }

    @Test
    @DisplayName("eight senders claiming at once never get the same message")
    void claim_concurrently_eachMessageOnce() {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < 200; i++) {
        OutboxMessage m = delivery("c" + i, now);
        outbox().enqueue(m);
        ids.add(m.id());
      }
      java.util.concurrent.atomic.AtomicInteger claimed = new java.util.concurrent.atomic.AtomicInteger();
      List<Callable<List<String>>> tasks = new ArrayList<>();
      for (int n = 0; n < 8; n++) {
        tasks.add(() -> {
          List<String> got = new ArrayList<>();
          // until every message of this test is claimed: a claim may pass rows another claimer holds locked
          for (int round = 0; round < 1_000 && claimed.get() < ids.size(); round++) {
            for (OutboxMessage m : outbox().claim("node", now, LEASE, 10)) {
              if (m.site().equals(site())) {
                got.add(m.id());
                claimed.incrementAndGet();
              }
            }
          }
          return got;
        });
      }
      List<String> all = new ArrayList<>();
      Concurrently.run(8, DEADLINE, tasks).forEach(all::addAll);

      assertThat(all).doesNotHaveDuplicates();
      assertThat(new HashSet<>(all)).isEqualTo(ids);
    }

    @Test
    @DisplayName("the backlog counts what is neither delivered nor abandoned")
    void backlog_counts() {
      long before = outbox().backlog();
      OutboxMessage a = delivery("b", now);
      outbox().enqueue(a);
      outbox().enqueue(delivery("b", now));
      assertThat(outbox().backlog()).isEqualTo(before + 2);
      outbox().delivered(a.id(), now);
      assertThat(outbox().backlog()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("a nonce is used once")
    void useOnce_once() {
      String nonce = UUID.randomUUID().toString();
      assertThat(outbox().used(nonce)).isFalse();
      assertThat(outbox().useOnce(nonce, now.plusSeconds(60), now)).isTrue();
      assertThat(outbox().useOnce(nonce, now.plusSeconds(60), now)).isFalse();
      assertThat(outbox().used(nonce)).isTrue();
    }
  }

  /** Double opt-in subscriptions. */
  @Nested
  @DisplayName("Subscriptions")
  class Subscriptions {
    private OutboxMessage confirmation(Subscription s) {
      return OutboxMessage.delivery(s.site(), Kind.CONFIRMATION_MAIL, null, s.id(), null,
          "confirm:" + UUID.randomUUID(), now, now);
    }

    @Test
    @DisplayName("a first subscription is unconfirmed and enqueues its confirmation; the same one again is found")
    void subscribe_unconfirmed_enqueuesConfirmation() {
      Subscription s = Subscription.toThread(site(), "Reader@Example.org", ThreadKey.of("t"), now);
      Subscription stored = outbox().subscribe(s, confirmation(s));
      Subscription again = Subscription.toThread(site(), "reader@example.org", ThreadKey.of("t"), now);

      assertThat(stored.confirmed()).isFalse();
      assertThat(stored.email()).isEqualTo("reader@example.org");
      assertThat(outbox().subscribe(again, confirmation(again)).id()).isEqualTo(stored.id());
      List<OutboxMessage> mine = claimMine(now);
      assertThat(kinds(mine)).containsExactly(Kind.CONFIRMATION_MAIL);
      assertThat(mine.get(0).target()).isEqualTo(stored.id());
      assertThat(outbox().subscribers(site(), null, ThreadKey.of("t"))).as("nothing to the unconfirmed").isEmpty();
    }

    @Test
    @DisplayName("confirming confirms every subscription of the address; later ones are confirmed at once")
    void confirm_confirmsTheAddress() {
      CommentId mine = CommentId.of(UUID.randomUUID());
      Subscription replies = Subscription.toReplies(site(), "r@example.org", mine, ThreadKey.of("t"), now);
      Subscription thread = Subscription.toThread(site(), "r@example.org", ThreadKey.of("t2"), now);
      Subscription other = Subscription.toThread(site(), "other@example.org", ThreadKey.of("t"), now);
      outbox().subscribe(replies, confirmation(replies));
      outbox().subscribe(thread, confirmation(thread));
      outbox().subscribe(other, confirmation(other));

      assertThat(outbox().confirm(site(), replies.id(), now)).isEqualTo(2);
      assertThat(outbox().confirm(site(), replies.id(), now)).isZero();

      assertThat(outbox().subscribers(site(), mine, ThreadKey.of("t"))).extracting(Subscription::id)
          .containsExactly(replies.id());
      assertThat(outbox().subscribers(site(), null, ThreadKey.of("t2"))).extracting(Subscription::id)
          .containsExactly(thread.id());
      claimMine(now).forEach(m -> outbox().delivered(m.id(), now));
      Subscription later = Subscription.toThread(site(), "r@example.org", ThreadKey.of("t3"), now);
      assertThat(outbox().subscribe(later, confirmation(later)).confirmed()).isTrue();
      assertThat(claimMine(now)).as("no confirmation for a confirmed address").isEmpty();
    }

    @Test
    @DisplayName("unsubscribing removes one subscription; a site never sees another's")
    void unsubscribe_andSites() {
      Subscription s = Subscription.toThread(site(), "u@example.org", ThreadKey.of("t"), now);
      outbox().subscribe(s, confirmation(s));
      SiteId other = SiteId.of("n-other-" + UUID.randomUUID().toString().substring(0, 8));

      assertThat(outbox().subscription(other, s.id())).isEmpty();
      assertThat(outbox().unsubscribe(other, s.id())).isFalse();
      assertThat(outbox().confirm(other, s.id(), now)).isZero();
      assertThat(outbox().subscription(site(), s.id())).isPresent();
      assertThat(outbox().unsubscribe(site(), s.id())).isTrue();
      assertThat(outbox().subscription(site(), s.id())).isEmpty();
      assertThat(outbox().unsubscribe(site(), s.id())).isFalse();
    }
  }
}
