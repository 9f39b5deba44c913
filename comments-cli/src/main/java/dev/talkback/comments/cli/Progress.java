package dev.talkback.comments.cli;

import dev.talkback.comments.io.ImportProgress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows an import's progress: on a terminal a bar redrawn in place, otherwise a plain line per phase and
 * per tenth of the work, so logs stay readable.
 */
final class Progress implements ImportProgress {
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final boolean terminal;
  private Phase phase = Phase.READING;
  private long lastTenth = -1;
  private long lastDraw;

  Progress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void update(Phase now, long done, long total) {
    if (now != phase) {
      if (terminal) {
        err.println();
      }
      phase = now;
      lastTenth = -1;
    }
    if (terminal) {
      long t = System.nanoTime();
      if (t - lastDraw < 100_000_000L && done != total) {
        return;
      }
      lastDraw = t;
      if (total < 0) {
        err.printf(Locale.ROOT, "\rreading: %,d comments", done);
      } else {
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        err.printf(Locale.ROOT, "\r%s [%s%s] %,d/%,d", label(now), "#".repeat(filled), " ".repeat(WIDTH - filled),
            done, total);
        if (done == total && now != Phase.READING) {
          err.println();
        }
      }
      err.flush();
      return;
    }
    if (total < 0) {
      return; // plain output: one line when reading ends
    }
    long tenth = total == 0 ? 10 : 10 * done / total;
    if (tenth != lastTenth) {
      lastTenth = tenth;
      err.printf(Locale.ROOT, "%s: %,d of %,d comments (%d%%)%n", label(now), done, total, tenth * 10);
    }
  }

  private static String label(Phase p) {
    return switch (p) {
      case READING -> "read";
      case STORING -> "stored";
      case CHECKING -> "checked (dry run, nothing stored)";
    };
  }
}
