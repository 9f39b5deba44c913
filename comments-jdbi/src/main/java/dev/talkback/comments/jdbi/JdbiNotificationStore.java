package dev.talkback.comments.jdbi;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.jdbi.internal.Engine;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notification.Subscription;
import dev.talkback.comments.spi.NotificationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link JdbiCommentStore#notifications()}: each call runs on the comment store's engine, so it starts
 * (connects, migrates) with it and its failures are sorted the same way.
 */
final class JdbiNotificationStore implements NotificationStore {
  private final JdbiCommentStore store;

  JdbiNotificationStore(JdbiCommentStore store) {
    this.store = store;
  }

  private static NotificationStore outbox(Engine e) {
    return e.notifications().orElseThrow(() -> new IllegalStateException("the engine was started without an outbox"));
  }

  @Override
  public Subscription subscribe(Subscription subscription, OutboxMessage confirmation) {
    return store.call(e -> outbox(e).subscribe(subscription, confirmation));
  }

  @Override
  public Optional<Subscription> subscription(SiteId site, String id) {
    return store.call(e -> outbox(e).subscription(site, id));
  }

  @Override
  public List<Subscription> subscribers(SiteId site, @Nullable CommentId parent, ThreadKey thread) {
    return store.call(e -> outbox(e).subscribers(site, parent, thread));
  }

  @Override
  public int confirm(SiteId site, String subscriptionId, Instant at) {
    return store.call(e -> outbox(e).confirm(site, subscriptionId, at));
  }

  @Override
  public boolean unsubscribe(SiteId site, String subscriptionId) {
    return store.call(e -> outbox(e).unsubscribe(site, subscriptionId));
  }

  @Override
  public boolean enqueue(OutboxMessage message) {
    return store.call(e -> outbox(e).enqueue(message));
  }

  @Override
  public List<OutboxMessage> claim(String owner, Instant now, Duration lease, int max) {
    return store.call(e -> outbox(e).claim(owner, now, lease, max));
  }

  @Override
  public void expand(OutboxMessage event, List<OutboxMessage> deliveries, Instant now) {
    store.call(e -> {
      outbox(e).expand(event, deliveries, now);
      return null;
    });
  }

  @Override
  public void delivered(String id, Instant at) {
    store.call(e -> {
      outbox(e).delivered(id, at);
      return null;
    });
  }

  @Override
  public void retry(String id, Instant due, String error) {
    store.call(e -> {
      outbox(e).retry(id, due, error);
      return null;
    });
  }

  @Override
  public void abandon(String id, Instant at, String error) {
    store.call(e -> {
      outbox(e).abandon(id, at, error);
      return null;
    });
  }

  @Override
  public Optional<OutboxMessage> message(String id) {
    return store.call(e -> outbox(e).message(id));
  }

  @Override
  public long backlog() {
    return store.call(e -> outbox(e).backlog());
  }

  @Override
  public boolean useOnce(String nonce, Instant expires, Instant now) {
    return store.call(e -> outbox(e).useOnce(nonce, expires, now));
  }

  @Override
  public boolean used(String nonce) {
    return store.call(e -> outbox(e).used(nonce));
  }

  @Override
  public String toString() {
    return "JdbiNotificationStore{tablePrefix='" + store.tablePrefix() + "'}";
  }
}
