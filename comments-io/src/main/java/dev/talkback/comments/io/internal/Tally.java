package dev.talkback.comments.io.internal;

import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.CommentKind;
import dev.talkback.comments.io.ImportProblem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The counts of one import as it runs. Not thread-safe. */
public final class Tally {
  static final int MAX_PROBLEMS = 1000;

  /** Comments that can be imported. */
  public long comments;
  /** Newly stored. */
  public long created;
  /** Already stored. */
  public long existing;
  /** Replies imported top-level. */
  public long orphans;
  /** Records not imported. */
  public long skipped;
  /** All problems found. */
  public long problemCount;
  /** The first {@value #MAX_PROBLEMS} problems. */
  public final List<ImportProblem> problems = new ArrayList<>();
  /** Comments by status. */
  public final Map<CommentStatus, Long> byStatus = new EnumMap<>(CommentStatus.class);
  /** Comments by kind. */
  public final Map<CommentKind, Long> byKind = new EnumMap<>(CommentKind.class);
  /** Comments by thread. */
  public final Map<ThreadKey, Long> byThread = new HashMap<>();

  /** Adds another tally's counts and problems to this one. */
  void add(Tally other) {
    comments += other.comments;
    created += other.created;
    existing += other.existing;
    orphans += other.orphans;
    skipped += other.skipped;
    problemCount += other.problemCount;
    for (ImportProblem p : other.problems) {
      if (problems.size() < MAX_PROBLEMS) {
        problems.add(p);
      }
    }
    other.byStatus.forEach((k, v) -> byStatus.merge(k, v, Long::sum));
    other.byKind.forEach((k, v) -> byKind.merge(k, v, Long::sum));
    other.byThread.forEach((k, v) -> byThread.merge(k, v, Long::sum));
  }

  void problem(ImportProblem p) {
    problemCount++;
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(p);
    }
  }
}
