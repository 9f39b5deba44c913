package dev.talkback.comments.fallback;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.StoreMode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real {@link FallbackListener} that keeps what it hears, for assertions. Threadsafe. */
final class RecordingListener implements FallbackListener {
  final List<String> modeChanges = new CopyOnWriteArrayList<>();
  final List<CommentId> queued = new CopyOnWriteArrayList<>();
  final List<long[]> replayed = new CopyOnWriteArrayList<>();
  final List<String> probed = new CopyOnWriteArrayList<>();
  final List<String> probeFailures = new CopyOnWriteArrayList<>();

  @Override
  public void modeChanged(StoreMode from, StoreMode to, String primary, String reason) {
    modeChanges.add(from + "->" + to + "@" + primary);
  }

  @Override
  public void queued(CommentId id, long spoolDepth) {
    queued.add(id);
  }

  @Override
  public void replayed(String database, long stored, long setAside) {
    replayed.add(new long[] {stored, setAside});
  }

  @Override
  public void probed(String database, Writability seen) {
    probed.add(database + ":" + (seen.writable() ? "writable" : "read-only") + ":" + seen.generation());
  }

  @Override
  public void probeFailed(String database, String error) {
    probeFailures.add(database);
  }

  long replayedStored() {
    return replayed.stream().mapToLong(r -> r[0]).sum();
  }

  long replayedSetAside() {
    return replayed.stream().mapToLong(r -> r[1]).sum();
  }
}
