package dev.talkback.comments.fallback;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rule that picks the primary from one probe round, as a pure function: no clock, no threads, no I/O.
 *
 * <p>The generation tells a real primary from a stale one. The highest generation any probe ever reported
 * is remembered; a database that takes writes on a lower, known ({@code > 0}) generation is stale (an old
 * primary that came back after a replica was promoted) and is never chosen. A database whose probe failed
 * this round keeps its previous verdict: a stale primary that stops answering is still stale. The current
 * primary stays while it answers writable and is not stale; otherwise the first writable, not stale
 * database on the highest generation seen this round is chosen (the old one back, or a promoted standby).
 */
final class PrimaryElection {

  private PrimaryElection() {}

  /**
   * One candidate as a probe round saw it.
   *
   * @param name the database
   * @param seen what its probe answered this round, or {@code null} if the probe failed
   * @param staleBefore whether it was stale after the previous round
   */
  record Candidate(String name, @Nullable Writability seen, boolean staleBefore) {
    Candidate {
      Objects.requireNonNull(name, "name");
    }
  }

  /** Why the current primary may not stay. */
  enum Current {
    /** It answered writable and is not stale: keep it. */
    FIT,
    /** Its probe failed. */
    UNREACHABLE,
    /** It answered, but takes no writes (demoted, or a replica). */
    READ_ONLY,
    /** It takes writes on an older generation than another database. */
    STALE
  }

  /**
   * The verdict of one round.
   *
   * @param highestGeneration the highest generation seen so far, this round included
   * @param stale every candidate that is stale after this round
   * @param newlyStale those that became stale this round (to log once)
   * @param current whether the current primary may stay, and if not why
   * @param best the primary to use: the current one if fit, else the chosen candidate, else empty
   */
  record Result(long highestGeneration, Set<String> stale, Set<String> newlyStale, Current current,
      Optional<String> best) {}

  /**
   * Decides one round.
   *
   * @param current the name of the current primary (one of {@code candidates})
   * @param candidates the primary and every standby, in configuration order
   * @param highestBefore the highest generation seen before this round
   */
  static Result elect(String current, List<Candidate> candidates, long highestBefore) {
    long highest = highestBefore;
    for (Candidate c : candidates) {
      Writability w = c.seen();
      if (w != null) {
        highest = Math.max(highest, w.generation());
      }
    }
    Set<String> stale = new LinkedHashSet<>();
    Set<String> newlyStale = new LinkedHashSet<>();
    for (Candidate c : candidates) {
      Writability w = c.seen();
      boolean isStale = w == null ? c.staleBefore() : isStale(w, highest);
      if (isStale) {
        stale.add(c.name());
        if (!c.staleBefore()) {
          newlyStale.add(c.name());
        }
      }
    }
    Current verdict = Current.UNREACHABLE;
    String best = null;
    long bestGeneration = -1;
    for (Candidate c : candidates) {
      Writability w = c.seen();
      if (c.name().equals(current)) {
        verdict = w == null ? Current.UNREACHABLE
            : !w.writable() ? Current.READ_ONLY
            : stale.contains(c.name()) ? Current.STALE
            : Current.FIT;
      }
      if (w != null && w.writable() && !stale.contains(c.name()) && w.generation() > bestGeneration) {
        best = c.name();
        bestGeneration = w.generation();
      }
    }
    if (verdict == Current.FIT) {
      best = current;
    }
    return new Result(highest, Set.copyOf(stale), Set.copyOf(newlyStale), verdict, Optional.ofNullable(best));
  }

  /** Writable on a known generation lower than the highest: an old primary left behind by a promotion. */
  static boolean isStale(Writability w, long highestGeneration) {
    return w.writable() && w.generation() > 0 && w.generation() < highestGeneration;
  }
}
