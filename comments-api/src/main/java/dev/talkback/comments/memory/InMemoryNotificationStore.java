package dev.talkback.comments.memory;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notification.Subscription;
import dev.talkback.comments.spi.NotificationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The outbox and subscriptions of an {@link InMemoryCommentStore#withNotifications}: one monitor guards it
 * all, which is plenty for tests and demos. Delivered messages are kept (for their dedupe keys) until the
 * JVM ends.
 */
final class InMemoryNotificationStore implements NotificationStore {
  private final Map<String, Row> messages = new LinkedHashMap<>();
  private final Set<String> dedupeKeys = new HashSet<>();
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final Map<String, Instant> nonces = new HashMap<>();

  /** A message and its delivery state. */
  private static final class Row {
    OutboxMessage message;
    @Nullable Instant leaseUntil;
    boolean done;

    Row(OutboxMessage message) {
      this.message = message;
    }
  }

  @Override
  public synchronized Subscription subscribe(Subscription s, OutboxMessage confirmation) {
    Objects.requireNonNull(s, "subscription");
    Objects.requireNonNull(confirmation, "confirmation");
    boolean confirmed = false;
    for (Subscription old : subscriptions.values()) {
      if (old.site().equals(s.site()) && old.email().equals(s.email())) {
        if (old.scope() == s.scope() && Objects.equals(old.commentId(), s.commentId())
            && old.thread().equals(s.thread())) {
          return old;
        }
        confirmed |= old.confirmed();
      }
    }
    Subscription stored = confirmed ? s.confirmedAt(s.created()) : s;
    subscriptions.put(stored.id(), stored);
    if (!confirmed) {
      enqueueLocked(confirmation);
    }
    return stored;
  }

  @Override
  public synchronized Optional<Subscription> subscription(SiteId site, String id) {
    Subscription s = subscriptions.get(id);
    return s != null && s.site().equals(site) ? Optional.of(s) : Optional.empty();
  }

  @Override
  public synchronized List<Subscription> subscribers(SiteId site, @Nullable CommentId parent, ThreadKey thread) {
    List<Subscription> found = new ArrayList<>();
    for (Subscription s : subscriptions.values()) {
      if (s.confirmed() && s.site().equals(site) && (s.scope() == Subscription.Scope.THREAD
          ? s.thread().equals(thread) : parent != null && parent.equals(s.commentId()))) {
        found.add(s);
      }
    }
    return found;
  }

  @Override
  public synchronized int confirm(SiteId site, String subscriptionId, Instant at) {
    Subscription target = subscription(site, subscriptionId).orElse(null);
    if (target == null) {
      return 0;
    }
    int n = 0;
    for (Map.Entry<String, Subscription> e : subscriptions.entrySet()) {
      Subscription s = e.getValue();
      if (!s.confirmed() && s.site().equals(site) && s.email().equals(target.email())) {
        e.setValue(s.confirmedAt(at));
        n++;
      }
    }
    return n;
  }

  @Override
  public synchronized boolean unsubscribe(SiteId site, String subscriptionId) {
    if (subscription(site, subscriptionId).isEmpty()) {
      return false;
    }
    subscriptions.remove(subscriptionId);
    return true;
  }

  @Override
  public synchronized boolean enqueue(OutboxMessage message) {
    return enqueueLocked(Objects.requireNonNull(message, "message"));
  }

  /** Enqueues the events of a change, as the comment store's write does. */
  synchronized void enqueueAll(List<OutboxMessage> events) {
    for (OutboxMessage m : events) {
      enqueueLocked(m);
    }
  }

  private boolean enqueueLocked(OutboxMessage m) {
    if (!dedupeKeys.add(m.dedupeKey())) {
      return false;
    }
    messages.put(m.id(), new Row(m));
    return true;
  }

  @Override
  public synchronized List<OutboxMessage> claim(String owner, Instant now, Duration lease, int max) {
    Objects.requireNonNull(owner, "owner");
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive: " + max);
    }
    List<Row> due = new ArrayList<>();
    for (Row r : messages.values()) {
      if (!r.done && !r.message.due().isAfter(now) && (r.leaseUntil == null || !r.leaseUntil.isAfter(now))) {
        due.add(r);
      }
    }
    due.sort(Comparator.comparing((Row r) -> r.message.due()));
    List<OutboxMessage> claimed = new ArrayList<>();
    for (Row r : due.subList(0, Math.min(max, due.size()))) {
      r.leaseUntil = now.plus(lease);
      claimed.add(r.message);
    }
    return claimed;
  }

  @Override
  public synchronized void expand(OutboxMessage event, List<OutboxMessage> deliveries, Instant now) {
    for (OutboxMessage d : deliveries) {
      enqueueLocked(d);
    }
    delivered(event.id(), now);
  }

  @Override
  public synchronized void delivered(String id, Instant at) {
    Row r = messages.get(id);
    if (r != null) {
      r.done = true;
      r.leaseUntil = null;
    }
  }

  @Override
  public synchronized void retry(String id, Instant due, String error) {
    Row r = messages.get(id);
    if (r != null && !r.done) {
      OutboxMessage m = r.message;
      r.message = new OutboxMessage(m.id(), m.site(), m.kind(), m.commentId(), m.target(), m.cause(),
          m.dedupeKey(), m.created(), due, m.attempts() + 1, NotificationStore.cut(error));
      r.leaseUntil = null;
    }
  }

  @Override
  public synchronized void abandon(String id, Instant at, String error) {
    Row r = messages.get(id);
    if (r != null && !r.done) {
      OutboxMessage m = r.message;
      r.message = new OutboxMessage(m.id(), m.site(), m.kind(), m.commentId(), m.target(), m.cause(),
          m.dedupeKey(), m.created(), m.due(), m.attempts() + 1, NotificationStore.cut(error));
      r.done = true;
      r.leaseUntil = null;
    }
  }

  @Override
  public synchronized Optional<OutboxMessage> message(String id) {
    Row r = messages.get(id);
    return r == null ? Optional.empty() : Optional.of(r.message);
  }

  @Override
  public synchronized long backlog() {
    return messages.values().stream().filter(r -> !r.done).count();
  }

  @Override
  public synchronized boolean useOnce(String nonce, Instant expires, Instant now) {
    Objects.requireNonNull(nonce, "nonce");
    nonces.values().removeIf(e -> e.isBefore(now));
    return nonces.putIfAbsent(nonce, expires) == null;
  }

  @Override
  public synchronized boolean used(String nonce) {
    return nonces.containsKey(nonce);
  }

  @Override
  public synchronized String toString() {
    return "InMemoryNotificationStore{backlog=" + backlog() + ", subscriptions=" + subscriptions.size() + "}";
  }
}
