package dev.talkback.comments.fallback;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notification.Subscription;
import dev.talkback.comments.spi.NotificationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link FallbackCommentStore#notifications()}: each call goes to the notification store of whichever node
 * is the primary at that moment (the old one, or a promoted standby), so a sender holding this object follows
 * a failover. While no primary is reachable its calls fail with {@link StoreUnavailableException}, and a
 * sender waits and tries again. Thread-safe.
 */
final class PrimaryNotifications implements NotificationStore {
  private final Supplier<Node> primary;

  PrimaryNotifications(Supplier<Node> primary) {
    this.primary = primary;
  }

  private NotificationStore n() {
    Node p = primary.get();
    return p.store().notifications().orElseThrow(() -> new StoreUnavailableException(
        "the primary " + p + " keeps no outbox", null));
  }

  @Override
  public Subscription subscribe(Subscription subscription, OutboxMessage confirmation) {
    return n().subscribe(subscription, confirmation);
  }

  @Override
  public Optional<Subscription> subscription(SiteId site, String id) {
    return n().subscription(site, id);
  }

  @Override
  public List<Subscription> subscribers(SiteId site, @Nullable CommentId parent, ThreadKey thread) {
    return n().subscribers(site, parent, thread);
  }

  @Override
  public int confirm(SiteId site, String subscriptionId, Instant at) {
    return n().confirm(site, subscriptionId, at);
  }

  @Override
  public boolean unsubscribe(SiteId site, String subscriptionId) {
    return n().unsubscribe(site, subscriptionId);
  }

  @Override
  public boolean enqueue(OutboxMessage message) {
    return n().enqueue(message);
  }

  @Override
  public List<OutboxMessage> claim(String owner, Instant now, Duration lease, int max) {
    return n().claim(owner, now, lease, max);
  }

  @Override
  public void expand(OutboxMessage event, List<OutboxMessage> deliveries, Instant now) {
    n().expand(event, deliveries, now);
  }

  @Override
  public void delivered(String id, Instant at) {
    n().delivered(id, at);
  }

  @Override
  public void retry(String id, Instant due, String error) {
    n().retry(id, due, error);
  }

  @Override
  public void abandon(String id, Instant at, String error) {
    n().abandon(id, at, error);
  }

  @Override
  public Optional<OutboxMessage> message(String id) {
    return n().message(id);
  }

  @Override
  public long backlog() {
    return n().backlog();
  }

  @Override
  public boolean useOnce(String nonce, Instant expires, Instant now) {
    return n().useOnce(nonce, expires, now);
  }

  @Override
  public boolean used(String nonce) {
    return n().used(nonce);
  }

  @Override
  public String toString() {
    return "PrimaryNotifications{" + primary.get() + "}";
  }
}
