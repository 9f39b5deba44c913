package dev.talkback.comments.spring.internal;

import dev.talkback.comments.CommentId;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.fallback.FallbackListener;
import dev.talkback.comments.fallback.Writability;
import java.util.List;

/** One {@link FallbackListener} that tells every listener bean, in order. */
public final class Listeners {
  private Listeners() {}

  /**
   * A listener that tells each of {@code all} in turn; the fallback store logs and ignores one that throws.
   *
   * @param all the listeners, in order
   * @return one listener
   */
  public static FallbackListener fallback(List<FallbackListener> all) {
    List<FallbackListener> copy = List.copyOf(all);
    if (copy.size() == 1) {
      return copy.get(0);
    }
    return new FallbackListener() {
      @Override
      public void modeChanged(StoreMode from, StoreMode to, String primary, String reason) {
        copy.forEach(l -> l.modeChanged(from, to, primary, reason));
      }

      @Override
      public void queued(CommentId id, long spoolDepth) {
        copy.forEach(l -> l.queued(id, spoolDepth));
      }

      @Override
      public void replayed(String database, long stored, long setAside) {
        copy.forEach(l -> l.replayed(database, stored, setAside));
      }

      @Override
      public void probed(String database, Writability seen) {
        copy.forEach(l -> l.probed(database, seen));
      }

      @Override
      public void probeFailed(String database, String error) {
        copy.forEach(l -> l.probeFailed(database, error));
      }
    };
  }
}
