package dev.talkback.comments.jdbi.failover;

import dev.talkback.comments.StoreMode;
import dev.talkback.comments.fallback.FallbackListener;
import dev.talkback.comments.fallback.Writability;
import dev.talkback.comments.jdbi.failover.DrillResult.ReadOp;
import dev.talkback.comments.jdbi.failover.DrillResult.WriteOp;
import dev.talkback.comments.jdbi.failover.PatroniDrill.Fault;
import dev.talkback.comments.spi.StoreHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * What the Patroni drill recorded and what it found, per fault: every read and write (in a
 * {@link DrillResult}, the outage drill's recorder), every mode change the store reported with the primary
 * it chose, every probe that found a stale primary, Patroni's promotions, and at the end the final
 * primary's rows and the returning old primary's. Times are milliseconds since the drill started.
 */
final class PatroniDrillResult {
  /**
   * Talkback's allowance after Patroni's promotion: the goal, reported as {@code goalMet}. Not a failure:
   * timing is measured, not asserted (on a loaded machine the spool replay takes seconds). The drill fails
   * only when Talkback never writes to the promoted node within {@link PatroniDrill#TALKBACK_LIMIT}.
   */
  static final long GOAL_AFTER_PROMOTION_MS = 2000;

  record Transition(long at, StoreMode mode, String primary) {}

  record StaleSighting(long at, String database, long generation) {}

  record Sighting(long at, String database, boolean writable, long generation) {}

  record Replay(long at, String database, long stored) {}

  /** One fault: what was done to which node, and when Patroni reacted. */
  static final class Phase {
    final Fault fault;
    final String victim;
    final long faultAt;
    final long faultWallMillis;
    @Nullable String newLeader;
    long promotedAt = -1;
    long demotedAt = -1;
    /** When the signals had been sent: a write invoked before may have been in flight to the victim. */
    long faultDoneAt = -1;
    long endAt = -1;
    final List<String> problems = new ArrayList<>();

    Phase(Fault fault, String victim, long faultAt, long faultWallMillis) {
      this.fault = fault;
      this.victim = victim;
      this.faultAt = faultAt;
      this.faultWallMillis = faultWallMillis;
    }

    void promoted(String leader, long at) {
      newLeader = leader;
      promotedAt = at;
    }

    void faultDone(long at) {
      faultDoneAt = at;
    }

    long stoppedWritingAt = -1;

    /** The returning old primary no longer answers as writable (Patroni shut it down to demote it). */
    void stoppedWriting(long at) {
      stoppedWritingAt = at;
    }

    void demoted(long at) {
      demotedAt = at;
    }

    void problem(String p) {
      problems.add(p);
    }
  }

  private final DrillResult ops;
  private final int nodes;
  private final Duration clusterStartup;
  private final List<Transition> transitions = new CopyOnWriteArrayList<>();
  private final List<StaleSighting> stale = new CopyOnWriteArrayList<>();
  private final List<Sighting> writableSightings = new CopyOnWriteArrayList<>();
  private final List<Replay> replays = new CopyOnWriteArrayList<>();
  private long closingAt = Long.MAX_VALUE;
  private @Nullable String startLeader;
  private long startFoundAt = -1;
  private final Map<Fault, Phase> phases = new EnumMap<>(Fault.class);
  private volatile long highestGeneration;
  private long endAt = -1;
  private @Nullable String finalPrimary;
  private Map<UUID, Long> finalRows = Map.of();
  private Map<UUID, Long> oldPrimaryRows = Map.of();
  private @Nullable StoreHealth finalHealth;
  private final List<Map<String, Object>> runs = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  PatroniDrillResult(DrillResult ops, int nodes, Duration clusterStartup) {
    this.ops = ops;
    this.nodes = nodes;
    this.clusterStartup = clusterStartup;
    transitions.add(new Transition(0, StoreMode.READ_WRITE, "pg0"));
  }

  DrillResult ops() {
    return ops;
  }

  /** Hears the store's mode changes (with the primary it chose) and every probe that finds a stale primary. */
  FallbackListener listener() {
    return new FallbackListener() {
      @Override
      public void modeChanged(StoreMode from, StoreMode to, String primary, String reason) {
        transitions.add(new Transition(ops.now(), to, primary));
      }

      @Override
      public void probed(String database, Writability seen) {
        long highest = Math.max(highestGeneration, seen.generation());
        highestGeneration = highest;
        if (seen.writable() && seen.generation() > 0 && seen.generation() < highest) {
          stale.add(new StaleSighting(ops.now(), database, seen.generation()));
        } else if (seen.writable()) {
          writableSightings.add(new Sighting(ops.now(), database, true, seen.generation()));
        }
      }

      @Override
      public void replayed(String database, long stored, long setAside) {
        replays.add(new Replay(ops.now(), database, stored));
      }
    };
  }

  /** When the store first went read-write on {@code primary} at or after {@code since}, or -1. */
  long firstReadWriteOn(String primary, long since) {
    for (Transition t : transitions) {
      if (t.at() >= since && t.mode() == StoreMode.READ_WRITE && t.primary().equals(primary)) {
        return t.at();
      }
    }
    return -1;
  }

  boolean readWriteOn(String primary, long since) {
    return firstReadWriteOn(primary, since) >= 0;
  }

  Phase begin(Fault fault, String victim, long wallMillis) {
    long now = ops.now();
    phases.values().forEach(p -> {
      if (p.endAt < 0) {
        p.endAt = now;
      }
    });
    Phase p = new Phase(fault, victim, now, wallMillis);
    phases.put(fault, p);
    return p;
  }

  @Nullable Phase phase(Fault fault) {
    return phases.get(fault);
  }

  void end(long at) {
    endAt = at;
    phases.values().forEach(p -> {
      if (p.endAt < 0) {
        p.endAt = at;
      }
    });
  }

  /** Patroni's leader when the load started, and when Talkback was first read-write on it. */
  void startedOn(String leader) {
    startLeader = leader;
    startFoundAt = firstReadWriteOn(leader, 0);
  }

  /** From here on the store is being closed: later mode changes are not the drill's. */
  void closing(long at) {
    closingAt = at;
  }

  void finalHealth(StoreHealth health) {
    this.finalHealth = health;
  }

  void finalPrimary(String name, Map<UUID, Long> rows) {
    this.finalPrimary = name;
    this.finalRows = rows;
  }

  void oldPrimaryCommits(Map<UUID, Long> rows) {
    this.oldPrimaryRows = rows;
  }

  /**
   * Rows the returning old primary committed itself after it was frozen: absent from the final primary, or
   * there with another commit time (a row it received by replication has the same one).
   */
  private Map<UUID, Long> staleCommits() {
    Map<UUID, Long> own = new LinkedHashMap<>();
    oldPrimaryRows.forEach((id, at) -> {
      if (!at.equals(finalRows.get(id))) {
        own.put(id, at);
      }
    });
    return own;
  }

  /** Checks every operation, per fault; fills {@link #problems()} and the report. */
  void check() {
    if (finalPrimary == null) {
      problems.add("no final primary was read");
      return;
    }
    Transition last = transitions.get(0);
    for (Transition t : transitions) {
      if (t.at() <= closingAt) {
        last = t;
      }
    }
    if (last.mode() != StoreMode.READ_WRITE || !last.primary().equals(finalPrimary)) {
      problems.add("at the end the store was " + last.mode() + " on " + last.primary() + ", but Patroni's leader is "
          + finalPrimary);
    }
    List<WriteOp> writes = ops.writeOps();
    List<ReadOp> reads = ops.readOps();
    Map<UUID, Long> staleCommits = staleCommits();
    Map<UUID, WriteOp> byId = new LinkedHashMap<>();
    writes.forEach(w -> byId.put(w.id().value(), w));
    long drillRows = finalRows.keySet().stream().filter(byId::containsKey).count();
    if (drillRows != finalRows.size()) {
      problems.add("the final primary holds " + (finalRows.size() - drillRows) + " comments the drill never wrote");
    }
    Phase frozen = phases.get(Fault.FROZEN);
    for (Phase p : phases.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("drill", p.fault.name().toLowerCase(java.util.Locale.ROOT));
      m.put("fault", p.fault.description);
      m.put("node", p.victim);
      long readsInWindow = 0;
      long readsFailed = 0;
      String firstReadError = null;
      for (ReadOp r : reads) {
        if (r.invoked() >= p.faultAt && r.invoked() < p.endAt) {
          readsInWindow++;
          if (r.error() != null) {
            readsFailed++;
            firstReadError = firstReadError == null ? r.invoked() + " ms: " + r.error() : firstReadError;
          }
        }
      }
      long acknowledged = 0;
      long queued = 0;
      long failed = 0;
      long failedButStored = 0;
      long lost = 0;
      List<String> lostIds = new ArrayList<>();
      for (WriteOp w : writes) {
        if (w.invoked() < p.faultAt || w.invoked() >= p.endAt) {
          continue;
        }
        boolean stored = finalRows.containsKey(w.id().value());
        switch (w.outcome()) {
          case "ok" -> acknowledged++;
          case "queued" -> queued++;
          default -> {
            failed++;
            failedButStored += stored ? 1 : 0;
          }
        }
        if (!w.outcome().equals("failed") && !stored) {
          lost++;
          if (lostIds.size() < 5) {
            lostIds.add(w.id() + " (" + w.outcome() + " at " + w.finished() + " ms)");
          }
        }
      }
      long staleWrites = 0;
      long inFlightAtFreeze = 0;
      // when Talkback stopped writing to the frozen node: its first mode change after the freeze
      long leftFrozen = frozen == null ? Long.MIN_VALUE : transitions.stream()
          .filter(t -> t.at() >= frozen.faultAt
              && (t.mode() != StoreMode.READ_WRITE || !t.primary().equals(frozen.victim)))
          .mapToLong(Transition::at).min().orElse(Long.MAX_VALUE);
      for (UUID id : staleCommits.keySet()) {
        WriteOp w = byId.get(id);
        if (w == null) {
          continue;
        }
        // Sent while Talkback still had the frozen node as its primary (before the SIGSTOP had landed, or
        // within the call deadline that tells Talkback the node hangs): in flight, buffered in the frozen
        // server's socket, committed when it woke, on a timeline Patroni then discards. The writer's call hit
        // its deadline meanwhile and queued the comment, which was replayed to the new primary (the loss check
        // above proves it is there). A stale write is one Talkback sent to the node after it had left it.
        boolean sentBeforeFreeze = frozen != null
            && w.invoked() < Math.max(Math.max(frozen.faultAt, frozen.faultDoneAt), leftFrozen);
        if (sentBeforeFreeze) {
          inFlightAtFreeze++;
        } else if (w.invoked() >= p.faultAt && w.invoked() < p.endAt) {
          staleWrites++;
        }
      }
      m.put("readsAttempted", readsInWindow);
      m.put("readsFailed", readsFailed);
      m.put("writesAttempted", acknowledged + queued + failed);
      m.put("writesAcknowledged", acknowledged);
      m.put("writesQueued", queued);
      m.put("writesFailed", failed);
      m.put("writesFailedButStored", failedButStored);
      m.put("acknowledgedLost", lost);
      m.put("duplicates", 0); // a duplicate row fails the drill when the rows are read
      m.put("writesToStalePrimary", staleWrites);
      if (p.fault == Fault.DISK_LOST) {
        m.put("stalePrimaryCheck", "none possible or needed: the old primary's data directory is gone and it never"
            + " comes back");
      } else if (p.fault == Fault.RETURNED) {
        m.put("stalePrimaryCheck", "rows " + p.victim + " committed after it was frozen, read from it after Patroni"
            + " demoted it: " + staleCommits.size());
        m.put("committedOnWakeButSentBeforeFreeze", inFlightAtFreeze);
      } else if (p.fault == Fault.FROZEN) {
        m.put("stalePrimaryCheck", "see the returned drill: the same node");
        m.put("committedOnWakeButSentBeforeTalkbackLeftIt", inFlightAtFreeze);
      } else {
        m.put("stalePrimaryCheck", "see the returned drill: the same node");
      }
      long readOnlyAt = -1;
      long readOnlyMs = 0;
      boolean usedVictim = false;
      Transition prev = null;
      for (Transition t : transitions) {
        if (prev != null && prev.mode() == StoreMode.READ_ONLY) {
          readOnlyMs += overlap(prev.at(), t.at(), p.faultAt, p.endAt);
        }
        if (t.at() >= p.faultAt && t.at() < p.endAt) {
          if (readOnlyAt < 0 && t.mode() == StoreMode.READ_ONLY) {
            readOnlyAt = t.at();
          }
          if (t.mode() == StoreMode.READ_WRITE && t.primary().equals(p.victim) && t.at() > p.faultDoneAt) {
            usedVictim = true;
          }
        }
        prev = t;
      }
      if (prev != null && prev.mode() == StoreMode.READ_ONLY) {
        readOnlyMs += overlap(prev.at(), p.endAt, p.faultAt, p.endAt);
      }
      m.put("faultAtMs", p.faultAt);
      m.put("talkbackReadOnlyAfterMs", readOnlyAt < 0 ? -1 : readOnlyAt - p.faultAt);
      m.put("talkbackReadOnlyForMs", readOnlyMs);
      if (p.fault == Fault.RETURNED) {
        m.put("oldPrimaryWritableAfterWakingForMs", p.stoppedWritingAt < 0 ? -1 : p.stoppedWritingAt - p.faultAt);
        m.put("patroniDemotedAfterMs", p.demotedAt < 0 ? -1 : p.demotedAt - p.faultAt);
        long seen = stale.stream().filter(s -> s.database().equals(p.victim) && s.at() >= p.faultAt)
            .mapToLong(StaleSighting::at).min().orElse(-1);
        m.put("talkbackSawItStaleAfterMs", seen < 0 ? -1 : seen - p.faultAt);
        m.put("talkbackStayedOn", p.newLeader);
        m.put("talkbackUsedTheOldPrimary", usedVictim);
        if (readOnlyMs > 0) {
          p.problem("the store went read-only for " + readOnlyMs + " ms when the old primary came back");
        }
      } else {
        long rw = p.newLeader == null ? -1 : firstReadWriteOn(p.newLeader, p.faultAt);
        long promotion = p.promotedAt < 0 ? -1 : p.promotedAt - p.faultAt;
        long writable = rw < 0 ? -1 : rw - p.faultAt;
        m.put("newPrimary", p.newLeader);
        m.put("patroniPromotedAfterMs", promotion);
        m.put("talkbackWritableAfterMs", writable);
        m.put("talkbackAfterPromotionMs", writable < 0 || promotion < 0 ? -1 : writable - promotion);
        String leaderName = p.newLeader;
        long probed = writableSightings.stream()
            .filter(x -> x.database().equals(leaderName) && x.at() > p.faultDoneAt && x.at() < p.endAt)
            .mapToLong(Sighting::at).min().orElse(-1);
        m.put("talkbackProbeFoundItAfterPromotionMs", probed < 0 || p.promotedAt < 0 ? -1 : probed - p.promotedAt);
        m.put("replayedIntoNewPrimary", replays.stream()
            .filter(x -> x.database().equals(leaderName) && x.at() >= p.faultAt && x.at() <= Math.max(rw, p.faultAt))
            .mapToLong(Replay::stored).sum());
        m.put("goalMet", writable >= 0 && promotion >= 0 && writable - promotion < GOAL_AFTER_PROMOTION_MS);
        if (writable < 0) {
          p.problem("Talkback did not go read-write on the promoted " + p.newLeader + " within "
              + PatroniDrill.TALKBACK_LIMIT.toSeconds() + " s");
        }
      }
      if (readsFailed > 0) {
        p.problem(readsFailed + " reads failed, the first at " + firstReadError);
      }
      if (lost > 0) {
        p.problem(lost + " acknowledged or queued comments are missing on the final primary: " + lostIds);
      }
      if (staleWrites > 0) {
        p.problem(staleWrites + " comments Talkback sent after it had left " + p.victim + " were committed by it as a"
            + " stale primary");
      }
      if (usedVictim) {
        p.problem("Talkback went read-write on " + p.victim + " after its fault");
      }
      m.put("problems", List.copyOf(p.problems));
      p.problems.forEach(x -> problems.add(p.fault.name() + ": " + x));
      runs.add(m);
    }
  }

  private static long overlap(long from, long to, long windowFrom, long windowTo) {
    return Math.max(0, Math.min(to, windowTo) - Math.max(from, windowFrom));
  }

  List<String> problems() {
    return problems;
  }

  /** The report's rows: one map per fault. */
  List<Map<String, Object>> runs() {
    return runs;
  }

  String summary() {
    return runs.size() + " faults, " + ops.readOps().size() + " reads, " + ops.writeOps().size() + " writes, final"
        + " primary " + finalPrimary + (problems.isEmpty() ? "" : "; PROBLEMS: " + problems);
  }

  String table() {
    StringBuilder s = new StringBuilder();
    s.append("| fault | Patroni promoted after | Talkback's probe found the new primary | Talkback writing to it"
        + " (spool replayed) | reads (failed) | acknowledged | queued | lost | duplicates"
        + " | writes to a stale primary |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map<String, Object> m : runs) {
      boolean returned = "returned".equals(m.get("drill"));
      s.append("| ").append(m.get("fault"))
          .append(" | ").append(returned ? "stopped it after " + secs(m.get("oldPrimaryWritableAfterWakingForMs"))
              + ", a replica after " + secs(m.get("patroniDemotedAfterMs"))
              : secs(m.get("patroniPromotedAfterMs")))
          .append(" | ").append(returned ? "-" : "+" + secs(m.get("talkbackProbeFoundItAfterPromotionMs")))
          .append(" | ").append(returned ? "never stopped (read-only " + m.get("talkbackReadOnlyForMs") + " ms)"
              : secs(m.get("talkbackWritableAfterMs")) + " (+" + secs(m.get("talkbackAfterPromotionMs")) + ", "
                  + m.get("replayedIntoNewPrimary") + " replayed)")
          .append(" | ").append(m.get("readsAttempted")).append(" (").append(m.get("readsFailed")).append(')')
          .append(" | ").append(m.get("writesAcknowledged"))
          .append(" | ").append(m.get("writesQueued"))
          .append(" | ").append(m.get("acknowledgedLost"))
          .append(" | ").append(m.get("duplicates"))
          .append(" | ").append(m.get("writesToStalePrimary")).append(" |\n");
    }
    return s.toString();
  }

  private static String secs(@Nullable Object ms) {
    if (!(ms instanceof Number n) || n.longValue() < 0) {
      return "-";
    }
    return String.format(java.util.Locale.ROOT, "%.1f s", n.longValue() / 1000.0);
  }

  /** Writes report.json and report.md into {@code dir}, in the shape of the outage drill's report. */
  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
        + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version"));
    doc.put("settings", "etcd + " + nodes + " Patroni nodes (ttl " + PatroniCluster.TTL + " s, loop_wait "
        + PatroniCluster.LOOP_WAIT + " s, retry_timeout " + PatroniCluster.RETRY_TIMEOUT + " s, asynchronous"
        + " replication); Talkback: every node a candidate (targetServerType=primary, PostgresProbe), replicas"
        + " through one multi-host URL (targetServerType=preferSecondary), retainUntilReplicated, readDeadline "
        + PatroniDrill.READ_DEADLINE.toMillis() + " ms, writeDeadline " + PatroniDrill.WRITE_DEADLINE.toMillis()
        + " ms, probeInterval " + PatroniDrill.PROBE_INTERVAL.toMillis() + " ms, probeDeadline "
        + PatroniDrill.PROBE_DEADLINE.toMillis() + " ms, " + OutageDrill.WRITERS + " writers, "
        + OutageDrill.READERS + " readers, pgjdbc " + DrillDataSources.FAIL_FAST);
    doc.put("clusterStartupMs", clusterStartup.toMillis());
    doc.put("startLeader", String.valueOf(startLeader));
    doc.put("talkbackFoundStartLeaderAfterMs", startFoundAt);
    doc.put("drillMs", endAt);
    doc.put("readsAttempted", ops.readOps().size());
    doc.put("writesAttempted", ops.writeOps().size());
    doc.put("rowsOnFinalPrimary", finalRows.size());
    doc.put("finalPrimary", String.valueOf(finalPrimary));
    List<Map<String, Object>> modes = new ArrayList<>();
    transitions.forEach(t -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("atMs", t.at());
      e.put("mode", t.mode().name());
      e.put("primary", t.primary());
      modes.add(e);
    });
    doc.put("modeChanges", modes);
    doc.put("finalHealth", String.valueOf(finalHealth));
    doc.put("runs", runs);
    doc.put("problems", problems);
    Files.writeString(dir.resolve("report.json"), DrillResult.json(doc, "") + "\n");
    Files.writeString(dir.resolve("report.md"), table());
    return dir;
  }
}
