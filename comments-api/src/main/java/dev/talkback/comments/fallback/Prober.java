package dev.talkback.comments.fallback;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background probe: on the scheduler, every interval with jitter, one round asks failed replicas for a
 * cheap read and every primary candidate for its {@link Writability}, lets {@link PrimaryElection} decide,
 * and then goes read-only, recovers, or tracks replication.
 */
final class Prober {
  private static final Logger log = LoggerFactory.getLogger(FallbackCommentStore.class);
  private static final ThreadKey PROBE_KEY = ThreadKey.of("talkback-probe");

  private final List<Node> candidates;
  private final List<Node> replicas;
  private final ModeState state;
  private final Recovery recovery;
  private final @Nullable ReplicationTracker tracker;
  private final Settings settings;
  private final ScheduledExecutorService scheduler;
  private volatile long highestGeneration;
  private volatile boolean stopped;

  Prober(List<Node> candidates, List<Node> replicas, ModeState state, Recovery recovery,
      @Nullable ReplicationTracker tracker, Settings settings, ScheduledExecutorService scheduler) {
    this.candidates = candidates;
    this.replicas = replicas;
    this.state = state;
    this.recovery = recovery;
    this.tracker = tracker;
    this.settings = settings;
    this.scheduler = scheduler;
  }

  /** The highest generation any probe reported. */
  long highestGeneration() {
    return highestGeneration;
  }

  /** Runs a round as soon as possible (a restart with comments waiting), then every interval. */
  void start(boolean roundNow) {
    if (roundNow) {
      submit(this::round, 0);
    }
    scheduleNext();
  }

  void stop() {
    stopped = true;
  }

  private void scheduleNext() {
    double factor = 1 + settings.probeJitter() * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
    long delay = Math.max(1, (long) (settings.probeInterval().toNanos() * factor));
    submit(() -> {
      try {
        round();
      } finally {
        scheduleNext();
      }
    }, delay);
  }

  private void submit(Runnable task, long delayNanos) {
    if (stopped) {
      return;
    }
    try {
      // the future is not needed: round() catches and logs everything, and close() stops the scheduler
      Future<?> unused = scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      log.debug("The probe scheduler refused the next round; the store is closing");
    }
  }

  /** One round: replicas, then every primary candidate; switch, recover or track replication. */
  void round() {
    if (stopped) {
      return;
    }
    state.probes.incrementAndGet();
    // failed replicas are asked alongside the candidates: a frozen one must not hold up the election
    Map<Node, Future<?>> replicaProbes = startReplicaProbes();
    long replicaDeadline = System.nanoTime() + settings.probeDeadline().toNanos();
    try {
      PrimaryElection.Result result = probeCandidates();
      if (stopped) {
        return; // close() interrupted this round's probes: their failures say nothing about the database
      }
      Node p = state.primary();
      if (state.mode() == StoreMode.READ_WRITE) {
        if (result.current() == PrimaryElection.Current.FIT) {
          if (tracker != null) {
            tracker.track(p);
          }
          return;
        }
        Writability w = p.lastSeen();
        String why = switch (result.current()) {
          case UNREACHABLE -> w != null && result.best().isPresent() && !result.best().get().equals(p.name)
              && highestGeneration > w.generation()
              ? result.best().get() + " takes writes on the newer generation " + highestGeneration
              : "its probe failed: " + p.describe();
          case READ_ONLY -> "it no longer takes writes (" + (w == null ? "" : w.detail()) + ")";
          default -> "it is stale: generation " + (w == null ? 0 : w.generation()) + " < " + highestGeneration;
        };
        state.primaryFailed(p, why);
      }
      if (result.best().isPresent()) {
        recovery.recover(node(result.best().get()));
      }
    } catch (RuntimeException | Error e) {
      if (stopped) {
        log.debug("A probe round ended by close()", e);
        return;
      }
      log.error("The fallback probe failed; it will run again", e);
    } finally {
      finishReplicaProbes(replicaProbes, replicaDeadline);
    }
  }

  /** Starts a cheap read on every replica that failed, to find it back. */
  private Map<Node, Future<?>> startReplicaProbes() {
    Map<Node, Future<?>> started = new LinkedHashMap<>();
    for (Node r : replicas) {
      if (r.up()) {
        continue;
      }
      try {
        started.put(r, r.start("a probe read", () -> r.reader.threadInfo(SiteId.DEFAULT, PROBE_KEY)));
      } catch (StoreUnavailableException e) {
        r.recordError(Node.message(e));
        settings.listener().probeFailed(r.name, Node.message(e));
      }
    }
    return started;
  }

  private void finishReplicaProbes(Map<Node, Future<?>> started, long deadline) {
    started.forEach((r, future) -> {
      try {
        r.await("a probe read", Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), future);
        if (!stopped) {
          r.markUp();
          log.info("Replica {} answers again", r);
        }
      } catch (RuntimeException e) {
        if (!stopped) {
          r.recordError(Node.message(e));
          settings.listener().probeFailed(r.name, Node.message(e));
        }
      }
    });
  }

  /** Asks every candidate at once, so a frozen database costs the round one deadline, not one each. */
  private PrimaryElection.Result probeCandidates() {
    Map<Node, Future<Writability>> started = new LinkedHashMap<>();
    long deadline = System.nanoTime() + settings.probeDeadline().toNanos();
    for (Node c : candidates) {
      PrimaryProbe probe = Objects.requireNonNull(c.probe, "a candidate has a probe");
      try {
        started.put(c, c.start("a probe", probe::probe));
      } catch (StoreUnavailableException e) {
        started.put(c, CompletableFuture.failedFuture(e));
      }
    }
    // Answers are taken as they come. A candidate that takes writes on a generation newer than any seen before
    // was just promoted: the others cannot outrank it, so the round need not wait out the deadline of a frozen
    // old primary (the next round hears everyone again). Without a known generation every candidate is heard.
    Map<Node, Writability> answers = new LinkedHashMap<>();
    List<Map.Entry<Node, Future<Writability>>> pending = new ArrayList<>(started.entrySet());
    Node promoted = null;
    while (!pending.isEmpty() && promoted == null) {
      boolean late = System.nanoTime() >= deadline;
      boolean progressed = false;
      for (Iterator<Map.Entry<Node, Future<Writability>>> it = pending.iterator(); it.hasNext() && promoted == null; ) {
        Map.Entry<Node, Future<Writability>> e = it.next();
        Node c = e.getKey();
        Future<Writability> future = e.getValue();
        if (!future.isDone() && !late) {
          continue;
        }
        it.remove();
        progressed = true;
        Writability w = heard(c, future, deadline);
        answers.put(c, w);
        if (w != null && w.writable() && highestGeneration > 0 && w.generation() > highestGeneration) {
          promoted = c;
        }
      }
      if (!progressed && !pause()) {
        break; // interrupted: close() ends the round
      }
    }
    for (Map.Entry<Node, Future<Writability>> e : pending) {
      e.getValue().cancel(true); // not waited for: a newer primary answered first; no verdict on this one
    }
    List<PrimaryElection.Candidate> seen = new ArrayList<>();
    for (Node c : started.keySet()) {
      seen.add(new PrimaryElection.Candidate(c.name, answers.get(c), c.stale()));
    }
    PrimaryElection.Result result = PrimaryElection.elect(state.primary().name, seen, highestGeneration);
    highestGeneration = result.highestGeneration();
    for (PrimaryElection.Candidate c : seen) {
      Node node = node(c.name());
      Writability w = c.seen();
      if (result.newlyStale().contains(c.name()) && w != null) {
        log.error("{} takes writes on generation {} but generation {} exists: it is a stale primary (a replica"
            + " was promoted after it failed). Talkback will not use it; fence it or rebuild it as a replica.",
            node, w.generation(), highestGeneration);
      }
      if (w != null) {
        node.seen(w, result.stale().contains(c.name()));
      }
    }
    return result;
  }

  /** The candidate's answer, waited for until {@code deadline} at the most; null if its probe failed. */
  private @Nullable Writability heard(Node c, Future<Writability> future, long deadline) {
    try {
      Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
      Writability w = Objects.requireNonNull(c.await("a probe", left, future), "a PrimaryProbe returned null");
      c.markUp();
      settings.listener().probed(c.name, w);
      return w;
    } catch (RuntimeException e) {
      // keeps what was last seen, stale included: a stale primary that stops answering is still stale
      c.markDown(settings.clock().instant(), Node.message(e));
      settings.listener().probeFailed(c.name, Node.message(e));
      return null;
    }
  }

  /** Waits a moment for more answers; false if interrupted. */
  private static boolean pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(2);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Node node(String name) {
    for (Node c : candidates) {
      if (c.name.equals(name)) {
        return c;
      }
    }
    throw new IllegalStateException("no candidate named " + name);
  }
}
