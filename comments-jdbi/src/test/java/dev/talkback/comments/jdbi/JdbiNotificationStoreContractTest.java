package dev.talkback.comments.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.testing.TestDatabase;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.NotificationStore;
import dev.talkback.comments.testkit.NotificationStoreContract;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The notification contract on one database, plus what only a database promises: an event is written in the
 * comment's own transaction (a rolled back insert leaves none), and a second node on the same database sees
 * the first node's leases. One store for the class, in a database of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbiNotificationStoreContractTest extends NotificationStoreContract {
  private TestDatabase database;
  private JdbiCommentStore store;

  /** A new, empty database of this class's kind. */
  protected abstract TestDatabase newDatabase();

  @Override
  protected CommentStore createStore() {
    if (store == null) {
      database = newDatabase();
      store = JdbiCommentStore.builder(database.dataSource()).notifications(true).build();
    }
    return store;
  }

  @AfterAll
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void withoutNotifications_noOutbox_andNoEvents() {
    JdbiCommentStore plain = JdbiCommentStore.builder(database.dataSource()).build();
    assertThat(plain.notifications()).isEmpty();
    Comment c = comment();
    plain.insert(new ThreadInfo(site(), c.thread(), "T", null, false), c);
    assertThat(claimMine(Instant.parse("2100-01-01T00:00:00Z"))).isEmpty();
  }

  @Test
  void aFailedInsert_writesNoEvent() {
    Comment c = comment();
    // a reply whose parent is missing is refused inside the insert's transaction
    Comment orphan = c.toBuilder().id(CommentId.of(UUID.randomUUID())).parentId(c.id()).rootId(c.id()).build();
    try {
      store.insert(new ThreadInfo(site(), c.thread(), "T", null, false), orphan);
    } catch (IllegalArgumentException expected) {
      // refused
    }
    int rows = Jdbi.create(database.dataSource()).withHandle(h -> h
        .createQuery("SELECT (SELECT COUNT(*) FROM talkback_outbox WHERE site = :site)"
            + " + (SELECT COUNT(*) FROM talkback_outbox_new WHERE site = :site)").bind("site", site().value())
        .mapTo(Integer.class).one());
    assertThat(rows).isZero();
  }

  @Test
  void inserts_writeExactlyOnePostedEventRowPerCreatedComment() {
    // one post, a batch that repeats a stored id, and a chunk of 60 (imports: more than one statement's rows)
    Comment first = comment();
    ThreadInfo t = new ThreadInfo(site(), first.thread(), "T", null, false);
    store.insert(t, first);
    List<Comment> batch = List.of(comment(), first, comment());
    store.insertAll(t, batch);
    List<Comment> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(comment());
    }
    store.insertAll(t, many);
    List<Comment> created = new ArrayList<>();
    created.add(first);
    created.add(batch.get(0));
    created.add(batch.get(2));
    created.addAll(many);

    List<String> keys = created.stream().map(c -> "event:COMMENT_POSTED:" + c.id() + ":0").toList();
    List<String> ids = created.stream().map(c -> c.id().toString()).toList();
    // written to the staging table, in the insert's transaction
    List<Map<String, Object>> staged = Jdbi.create(database.dataSource()).withHandle(h -> h
        .createQuery("SELECT kind, comment_id, target, cause, dedupe_key, created_us, due_us, attempts, last_error"
            + " FROM talkback_outbox_new WHERE site = :site AND kind = 'COMMENT_POSTED' AND comment_id IN (<ids>)")
        .bind("site", site().value()).bindList("ids", ids).mapToMap().list());
    assertThat(staged).hasSize(created.size());
    assertThat(staged).extracting(r -> r.get("dedupe_key")).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(staged).allSatisfy(r -> {
      assertThat(((Number) r.get("attempts")).intValue()).isZero();
      assertThat(r.get("created_us")).isEqualTo(r.get("due_us"));
      assertThat(Arrays.asList(r.get("target"), r.get("cause"), r.get("last_error"))).containsOnlyNulls();
    });

    // moved by the next claim into the outbox, pending, once each
    List<OutboxMessage> claimed = claimMine(Instant.parse("2100-01-01T00:00:00Z"));
    assertThat(claimed).extracting(OutboxMessage::dedupeKey).containsExactlyInAnyOrderElementsOf(keys);
    List<Map<String, Object>> rows = Jdbi.create(database.dataSource()).withHandle(h -> h
        .createQuery("SELECT dedupe_key, state, attempts, done_us FROM talkback_outbox WHERE site = :site"
            + " AND kind = 'COMMENT_POSTED' AND comment_id IN (<ids>)")
        .bind("site", site().value()).bindList("ids", ids).mapToMap().list());
    assertThat(rows).extracting(r -> r.get("dedupe_key")).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.get("state")).isEqualTo("P");
      assertThat(((Number) r.get("attempts")).intValue()).isZero();
      assertThat(r.get("done_us")).isNull();
    });
    int left = Jdbi.create(database.dataSource()).withHandle(h -> h
        .createQuery("SELECT COUNT(*) FROM talkback_outbox_new WHERE site = :site").bind("site", site().value())
        .mapTo(Integer.class).one());
    assertThat(left).isZero();
  }

  @Test
  void aSecondNode_respectsTheFirstNodesLease() {
    NotificationStore otherNode = JdbiCommentStore.builder(database.dataSource()).notifications(true).build()
        .notifications().orElseThrow();
    Instant now = Instant.parse("2095-01-01T00:00:00Z");
    OutboxMessage m = OutboxMessage.delivery(site(), OutboxMessage.Kind.WEBHOOK, null, "https://x.example.org",
        OutboxMessage.Kind.COMMENT_POSTED, "lease:" + UUID.randomUUID(), now, now);
    outbox().enqueue(m);

    assertThat(claimMine(now)).hasSize(1);
    assertThat(otherNode.claim("other", now.plusSeconds(1), LEASE, 10_000)).noneMatch(x -> x.id().equals(m.id()));
    assertThat(otherNode.claim("other", now.plus(LEASE), LEASE, 10_000)).anyMatch(x -> x.id().equals(m.id()));
  }

  private Comment comment() {
    return Comment.builder().id(CommentId.of(UUID.randomUUID())).site(site()).thread(ThreadKey.of("t"))
        .author(Author.named("A")).source("x").format(Format.PLAIN).html("<p>x</p>")
        .status(CommentStatus.APPROVED).created(Instant.parse("2024-01-01T00:00:00Z")).build();
  }
}
