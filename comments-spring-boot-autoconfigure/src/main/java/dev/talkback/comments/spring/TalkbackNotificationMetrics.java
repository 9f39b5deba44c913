package dev.talkback.comments.spring;

import dev.talkback.comments.notification.OutboxMessage;
import dev.talkback.comments.notify.OutboxListener;
import dev.talkback.comments.spi.NotificationStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Micrometer meters of the notification outbox; plain Micrometer, usable without Spring: register it as the
 * {@code OutboxSender}'s {@link OutboxListener}, then bind it to a registry.
 *
 * <pre>{@code
 * TalkbackNotificationMetrics metrics = new TalkbackNotificationMetrics(notifications::store);
 * OutboxSender sender = OutboxSender.builder(comments, notifications, publicUrl).listener(metrics)...build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code talkback.notifications.deliveries}</td><td>{@code kind}: mail, webhook; {@code result}: sent,
 *       skipped (nothing to send any more), failed (an attempt; retried), given_up</td><td>delivery
 *       attempts by outcome</td></tr>
 *   <tr><td>{@code talkback.notifications.delivery.latency}</td><td>{@code kind}</td><td>timer: from the
 *       delivery's creation (its event's expansion) to its acceptance by the SMTP server or endpoint,
 *       retries included</td></tr>
 *   <tr><td>{@code talkback.notifications.send.duration}</td><td>{@code kind}</td><td>timer: the SMTP exchange
 *       or HTTP call of a delivery that was accepted</td></tr>
 *   <tr><td>{@code talkback.notifications.backlog}</td><td></td><td>gauge: outbox rows neither delivered nor
 *       given up (events and deliveries, due now or waiting for a retry or a digest); NaN while the database
 *       cannot be asked</td></tr>
 * </table>
 *
 * <p>The backlog gauge asks the database (one indexed count) each time it is read, that is at each scrape or
 * publication. Threadsafe. The Spring Boot starter registers one when Micrometer and comments-notify are on
 * the class path and notifications are configured.
 */
public final class TalkbackNotificationMetrics implements MeterBinder, OutboxListener {
  private static final String[] KINDS = {"mail", "webhook"};
  private static final String[] RESULTS = {"sent", "skipped", "failed", "given_up"};

  private final Supplier<NotificationStore> outbox;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> latency = new ConcurrentHashMap<>();
  private final Map<String, Timer> sendTime = new ConcurrentHashMap<>();
  private volatile @Nullable MeterRegistry registry;

  /**
   * Metrics of an outbox, given lazily.
   *
   * @param outbox supplies the notification store, for the backlog gauge; called when the gauge is read
   */
  public TalkbackNotificationMetrics(Supplier<NotificationStore> outbox) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String kind : KINDS) {
      for (String result : RESULTS) {
        counters.put(kind + '/' + result, Counter.builder("talkback.notifications.deliveries")
            .tag("kind", kind).tag("result", result)
            .description("notification deliveries by outcome").register(registry));
      }
      latency.put(kind, Timer.builder("talkback.notifications.delivery.latency").tag("kind", kind)
          .description("from a delivery's creation to its acceptance, retries included").register(registry));
      sendTime.put(kind, Timer.builder("talkback.notifications.send.duration").tag("kind", kind)
          .description("the SMTP exchange or webhook call of an accepted delivery").register(registry));
    }
    Gauge.builder("talkback.notifications.backlog", this, TalkbackNotificationMetrics::backlog)
        .description("outbox messages neither delivered nor given up").register(registry);
    this.registry = registry;
  }

  private double backlog() {
    try {
      return outbox.get().backlog();
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(TalkbackNotificationMetrics.class).debug("outbox backlog not readable: {}",
          e.toString());
      return Double.NaN;
    }
  }

  private static String kind(OutboxMessage m) {
    return m.kind() == OutboxMessage.Kind.WEBHOOK ? "webhook" : "mail";
  }

  private void count(OutboxMessage m, String result) {
    if (registry != null) {
      Counter c = counters.get(kind(m) + '/' + result);
      if (c != null) {
        c.increment();
      }
    }
  }

  @Override
  public void sent(OutboxMessage message, Instant at, Duration took) {
    count(message, "sent");
    Timer l = latency.get(kind(message));
    Timer s = sendTime.get(kind(message));
    if (l != null && s != null) {
      Duration waited = Duration.between(message.created(), at);
      l.record(waited.isNegative() ? Duration.ZERO : waited);
      s.record(took);
    }
  }

  @Override
  public void skipped(OutboxMessage message) {
    count(message, "skipped");
  }

  @Override
  public void failed(OutboxMessage message, String error) {
    count(message, "failed");
  }

  @Override
  public void gaveUp(OutboxMessage message, String error) {
    count(message, "given_up");
  }
}
