package dev.talkback.comments.spring.internal;

import dev.talkback.comments.notify.OutboxSender;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link OutboxSender}'s rounds on a scheduler of its own (one daemon thread,
 * {@code talkback-outbox}) from the application's start to its shutdown. Started last and stopped first
 * (the default phase), so the sender never runs against a closed {@code Comments} or {@code DataSource}; on stop
 * a round under way finishes (up to the timeout) and the rest of the outbox waits for the next start, on this
 * node or another.
 */
public final class OutboxLifecycle implements SmartLifecycle {
  private final OutboxSender sender;
  private final Duration interval;
  private final Duration stopTimeout;
  private @Nullable ScheduledExecutorService scheduler;

  /**
   * A lifecycle for a sender.
   *
   * @param sender the sender
   * @param interval the pause between rounds
   * @param stopTimeout how long stopping waits for a round under way
   */
  public OutboxLifecycle(OutboxSender sender, Duration interval, Duration stopTimeout) {
    this.sender = Objects.requireNonNull(sender, "sender");
    if (interval.isNegative() || interval.isZero()) {
      throw new TalkbackConfigurationException("talkback.notifications.poll-interval must be positive: " + interval,
          "Set talkback.notifications.poll-interval to a positive duration such as 10s.");
    }
    this.interval = interval;
    this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "talkback-outbox");
      t.setDaemon(true);
      return t;
    });
    sender.start(s, interval);
    scheduler = s;
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService s = scheduler;
    if (s == null) {
      return;
    }
    scheduler = null;
    sender.close();
    s.shutdown();
    try {
      if (!s.awaitTermination(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LoggerFactory.getLogger(OutboxLifecycle.class).warn("Talkback: an outbox round did not finish within {};"
            + " its claimed messages are sent again when their lease ends", stopTimeout);
        s.shutdownNow();
      }
    } catch (InterruptedException e) {
      s.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  @Override
  public String toString() {
    return "OutboxLifecycle{" + sender + ", every " + interval + "}";
  }
}
