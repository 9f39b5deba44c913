package dev.talkback.comments.fallback;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link FileWriteSpool} finds when it opens its file: the entries still waiting (appended, neither
 * acknowledged nor set aside), the highest sequence any frame named, how many frames were whole, and the
 * damaged byte ranges between them. Reads bytes only; writes nothing.
 */
final class SpoolScan {
  private final LinkedHashMap<Long, WriteSpool.Entry> pending = new LinkedHashMap<>();
  private final List<long[]> damage = new ArrayList<>();
  private long maxSequence;
  private int records;

  private SpoolScan() {}

  /** Scans {@code map} from {@code from} (just after the header) to its limit. */
  static SpoolScan of(ByteBuffer map, int from) {
    SpoolScan scan = new SpoolScan();
    int pos = from;
    while (pos < map.limit()) {
      SpoolFormat.Frame f = SpoolFormat.parse(map, pos);
      if (f == null) {
        int next = SpoolFormat.resync(map, pos + 1);
        scan.damage.add(new long[] {pos, next - pos});
        pos = next;
        continue;
      }
      scan.records++;
      scan.maxSequence = Math.max(scan.maxSequence, scan.apply(f));
      pos = f.end();
    }
    return scan;
  }

  /** Applies one frame; returns the sequence it names. */
  private long apply(SpoolFormat.Frame f) {
    WriteSpool.Entry appended = f.entry();
    if (f.type() == SpoolFormat.APPEND && appended != null) {
      pending.put(appended.sequence(), appended);
      return appended.sequence();
    }
    long sequence = ByteBuffer.wrap(f.payload()).getLong(); // parse guarantees 8 bytes for the other types
    if (f.type() == SpoolFormat.ACK) {
      pending.keySet().removeIf(s -> s <= sequence);
    } else {
      pending.remove(sequence);
    }
    return sequence;
  }

  /** The waiting entries by sequence, oldest first. */
  Map<Long, WriteSpool.Entry> pending() {
    return pending;
  }

  /** {@code (offset, length)} of each damaged range, in file order. */
  List<long[]> damage() {
    return damage;
  }

  long maxSequence() {
    return maxSequence;
  }

  int records() {
    return records;
  }
}
