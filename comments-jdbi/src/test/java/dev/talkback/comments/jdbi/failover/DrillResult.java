package dev.talkback.comments.jdbi.failover;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.spi.StoreHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * Everything one drill recorded (each read and write with when it was invoked and how it ended, the
 * store's mode every 10 ms, the drill's milestones), the checks run on it, and the report.
 * Times are milliseconds since the drill started.
 */
final class DrillResult {
  private static final long SLACK_MS = 500;
  /** How far behind the primary the replica may normally be, on a loaded 2-core machine. */
  private static final long REPLICATION_LAG_MS = 1000;

  record WriteOp(CommentId id, long invoked, long finished, String outcome, @Nullable String error) {}

  record ReadOp(long invoked, long finished, @Nullable String error) {}

  private final String name;
  private final Duration readDeadline;
  private final long start = System.nanoTime();
  private final ConcurrentLinkedQueue<WriteOp> writes = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<ReadOp> reads = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> marks = new ConcurrentHashMap<>();
  private volatile long firstReadOnly = -1;
  private volatile long readWriteOnNew = -1;
  private volatile String lastPrimary = "";
  private volatile StoreMode lastMode = StoreMode.READ_WRITE;
  private volatile long peakSpool;
  private volatile long peakJournal;
  private StoreHealth.@Nullable Database oldPrimary;
  private @Nullable StoreHealth finalHealth;

  // computed by verify
  private final List<String> problems = new ArrayList<>();
  private long acknowledged;
  private long queued;
  private long failedWrites;
  private long failedButStored;
  private final List<WriteOp> lostAcknowledged = new ArrayList<>();
  private long lostQueued;
  private long rows;
  private long readsFailed;
  private long readsFailedLate;
  private long maxReadLatencyAfterDetection;

  DrillResult(String name, Duration readDeadline) {
    this.name = name;
    this.readDeadline = readDeadline;
  }

  String name() {
    return name;
  }

  long now() {
    return (System.nanoTime() - start) / 1_000_000;
  }

  void write(CommentId id, long invoked, long finished, String outcome, @Nullable String error) {
    writes.add(new WriteOp(id, invoked, finished, outcome, error));
  }

  void read(long invoked, long finished, @Nullable String error) {
    reads.add(new ReadOp(invoked, finished, error));
  }

  /** Every write recorded so far, for drills that check their own way (the Patroni drill). */
  List<WriteOp> writeOps() {
    return List.copyOf(writes);
  }

  /** Every read recorded so far. */
  List<ReadOp> readOps() {
    return List.copyOf(reads);
  }

  void mark(String what) {
    marks.put(what, now());
  }

  void sample(StoreMode mode, @Nullable String primary, long spoolDepth, String journalDepth) {
    long t = now();
    Long fault = marks.get("fault");
    if (fault != null && firstReadOnly < 0 && mode == StoreMode.READ_ONLY) {
      firstReadOnly = t;
    }
    if (readWriteOnNew < 0 && mode == StoreMode.READ_WRITE && "pg-b".equals(primary)) {
      readWriteOnNew = t;
    }
    lastMode = mode;
    lastPrimary = primary == null ? "" : primary;
    peakSpool = Math.max(peakSpool, spoolDepth);
    peakJournal = Math.max(peakJournal, Long.parseLong(journalDepth));
  }

  /** Whether the store has been read-write on the promoted replica ("pg-b"). */
  boolean readWriteOnNewPrimary() {
    return readWriteOnNew >= 0;
  }

  void staleSeen(StoreHealth.@Nullable Database oldPrimary) {
    this.oldPrimary = oldPrimary;
  }

  void finalHealth(StoreHealth health) {
    this.finalHealth = health;
  }

  /** Checks every recorded operation against what the new primary holds. */
  void verify(Set<UUID> onNewPrimary, long[] rowCounts) {
    long fault = marks.get("fault");
    long stalled = marks.get("replicationStalled");
    long present = 0;
    for (WriteOp w : writes) {
      boolean stored = onNewPrimary.contains(w.id().value());
      present += stored ? 1 : 0;
      switch (w.outcome()) {
        case "ok":
          acknowledged++;
          if (!stored) {
            lostAcknowledged.add(w);
          }
          break;
        case "queued":
          queued++;
          if (!stored) {
            lostQueued++;
          }
          break;
        default:
          failedWrites++;
          failedButStored += stored ? 1 : 0;
      }
    }
    rows = rowCounts[0];
    if (rowCounts[0] != rowCounts[1]) {
      problems.add("the new primary holds " + rowCounts[0] + " rows for " + rowCounts[1] + " comment ids");
    }
    if (rows != present) {
      problems.add("the new primary holds " + rows + " comments but only " + present + " were written by the drill");
    }
    if (lostQueued > 0) {
      problems.add(lostQueued + " queued comments are missing on the new primary");
    }
    boolean retain = name.endsWith("+retain");
    if (retain && !lostAcknowledged.isEmpty()) {
      problems.add(lostAcknowledged.size() + " acknowledged comments are missing although they were retained");
    }
    for (WriteOp w : lostAcknowledged) {
      // what was in flight to the replica when the stream froze is lost too: allow normal replication lag
      if (w.finished() < stalled - REPLICATION_LAG_MS) {
        problems.add("comment " + w.id() + " acknowledged at " + w.finished() + " ms, more than "
            + REPLICATION_LAG_MS + " ms before replication stalled (" + stalled + " ms), is missing:"
            + " not a replication-lag loss");
      }
    }
    if (firstReadOnly < 0) {
      problems.add("the store never switched to READ_ONLY after the fault");
    }
    long detected = firstReadOnly < 0 ? fault : firstReadOnly;
    for (ReadOp r : reads) {
      if (r.error() != null) {
        readsFailed++;
        if (r.invoked() > fault + readDeadline.toMillis() + SLACK_MS || r.invoked() < fault) {
          readsFailedLate++;
          if (readsFailedLate <= 3) {
            problems.add("a read invoked at " + r.invoked() + " ms (fault at " + fault + " ms) failed: " + r.error());
          }
        }
      }
      if (r.invoked() > detected + readDeadline.toMillis()) {
        maxReadLatencyAfterDetection = Math.max(maxReadLatencyAfterDetection, r.finished() - r.invoked());
      }
    }
    if (maxReadLatencyAfterDetection > readDeadline.toMillis() + SLACK_MS) {
      problems.add("a read after detection took " + maxReadLatencyAfterDetection + " ms, more than one deadline");
    }
    long promoted = marks.get("promoted");
    if (readWriteOnNew < 0 || readWriteOnNew - promoted > 5000) {
      problems.add("the promoted replica was not in use within 5 s of promotion (" + recoverMs() + " ms)");
    }
    if (!"pg-b".equals(lastPrimary) || lastMode != StoreMode.READ_WRITE) {
      problems.add("at the end the store was " + lastMode + " on " + lastPrimary + ", not READ_WRITE on pg-b");
    }
    if (oldPrimary == null || !oldPrimary.stale()) {
      problems.add("the old primary was not recognised as stale: " + oldPrimary);
    }
  }

  List<String> problems() {
    return problems;
  }

  long detectMs() {
    return firstReadOnly < 0 ? -1 : firstReadOnly - marks.get("fault");
  }

  long recoverMs() {
    return readWriteOnNew < 0 ? -1 : readWriteOnNew - marks.get("promoted");
  }

  String summary() {
    return "reads " + reads.size() + " (failed " + readsFailed + "), writes acknowledged " + acknowledged
        + ", queued " + queued + ", failed " + failedWrites + ", lost " + lostAcknowledged.size()
        + ", detect " + detectMs() + " ms, recover " + recoverMs() + " ms after promotion, peak spool "
        + peakSpool + (problems.isEmpty() ? "" : "; PROBLEMS: " + problems);
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("drill", name);
    m.put("readsAttempted", reads.size());
    m.put("readsFailed", readsFailed);
    m.put("readsFailedAfterFirstDeadline", readsFailedLate);
    m.put("maxReadLatencyAfterDetectionMs", maxReadLatencyAfterDetection);
    m.put("writesAttempted", writes.size());
    m.put("writesAcknowledged", acknowledged);
    m.put("writesQueued", queued);
    m.put("writesFailed", failedWrites);
    m.put("writesFailedButStored", failedButStored);
    m.put("writesLost", lostAcknowledged.size());
    m.put("queuedLost", lostQueued);
    m.put("rowsOnNewPrimary", rows);
    m.put("timeToDetectMs", detectMs());
    m.put("timeToRecoverAfterPromotionMs", recoverMs());
    m.put("readOnlyForMs", readWriteOnNew < 0 || firstReadOnly < 0 ? -1 : readWriteOnNew - firstReadOnly);
    m.put("spoolDepthPeak", peakSpool);
    m.put("replicationJournalPeak", peakJournal);
    Map<String, Long> byTime = new LinkedHashMap<>();
    marks.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> byTime.put(e.getKey(), e.getValue()));
    m.put("marksMs", byTime);
    m.put("modeChanges", finalHealth == null ? "" : finalHealth.details().get("modeChanges"));
    m.put("oldPrimaryAtEnd", String.valueOf(oldPrimary));
    m.put("problems", problems);
    return m;
  }

  static String table(List<DrillResult> results) {
    StringBuilder s = new StringBuilder();
    s.append("| drill | reads attempted | reads failed | writes acknowledged | writes queued | writes failed"
        + " | writes lost | time to detect | time to recover (after promotion) | spool depth at peak |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (DrillResult r : results) {
      Map<String, Object> m = r.toMap();
      s.append("| ").append(r.name).append(" | ").append(m.get("readsAttempted"))
          .append(" | ").append(m.get("readsFailed"))
          .append(" | ").append(m.get("writesAcknowledged"))
          .append(" | ").append(m.get("writesQueued"))
          .append(" | ").append(m.get("writesFailed"))
          .append(" | ").append(m.get("writesLost"))
          .append(" | ").append(m.get("timeToDetectMs")).append(" ms")
          .append(" | ").append(m.get("timeToRecoverAfterPromotionMs")).append(" ms")
          .append(" | ").append(m.get("spoolDepthPeak")).append(" |\n");
    }
    return s.toString();
  }

  /** Writes report.json and report.md into {@code dir}. */
  static Path write(List<DrillResult> results, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Object> runs = new ArrayList<>();
    results.forEach(r -> runs.add(r.toMap()));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
        + " " + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version"));
    doc.put("settings", "readDeadline " + OutageDrill.READ_DEADLINE.toMillis() + " ms, writeDeadline "
        + OutageDrill.WRITE_DEADLINE.toMillis() + " ms, probeInterval " + OutageDrill.PROBE_INTERVAL.toMillis()
        + " ms (jitter 20%), replication stalled " + OutageDrill.LAG.toMillis() + " ms before the fault, "
        + OutageDrill.WRITERS + " writers, " + OutageDrill.READERS + " readers, pgjdbc "
        + DrillDataSources.FAIL_FAST);
    doc.put("runs", runs);
    Files.writeString(dir.resolve("report.json"), json(doc, "") + "\n");
    Files.writeString(dir.resolve("report.md"), table(results));
    return dir;
  }

  static String json(@Nullable Object o, String indent) {
    if (o == null) {
      return "null";
    }
    if (o instanceof Number || o instanceof Boolean) {
      return o.toString();
    }
    if (o instanceof Map) {
      StringBuilder s = new StringBuilder("{");
      String in = indent + "  ";
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        s.append(first ? "\n" : ",\n").append(in).append(quote(e.getKey().toString())).append(": ")
            .append(json(e.getValue(), in));
        first = false;
      }
      return s.append(first ? "" : "\n" + indent).append('}').toString();
    }
    if (o instanceof List) {
      StringBuilder s = new StringBuilder("[");
      String in = indent + "  ";
      boolean first = true;
      for (Object e : (List<?>) o) {
        s.append(first ? "\n" : ",\n").append(in).append(json(e, in));
        first = false;
      }
      return s.append(first ? "" : "\n" + indent).append(']').toString();
    }
    return quote(o.toString());
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }
}
