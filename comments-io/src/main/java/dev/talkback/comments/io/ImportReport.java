package dev.talkback.comments.io;

import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.ThreadKey;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an import found, and (unless it was a dry run) stored. Immutable.
 */
public final class ImportReport {
  private final ImportFormat format;
  private final boolean dryRun;
  private final long comments;
  private final long created;
  private final long existing;
  private final Map<CommentStatus, Long> byStatus;
  private final Map<CommentKind, Long> byKind;
  private final Map<ThreadKey, Long> byThread;
  private final long orphans;
  private final long skipped;
  private final long problemCount;
  private final List<ImportProblem> problems;

  ImportReport(ImportFormat format, boolean dryRun, long comments, long created, long existing,
      Map<CommentStatus, Long> byStatus, Map<CommentKind, Long> byKind, Map<ThreadKey, Long> byThread,
      long orphans, long skipped, long problemCount, List<ImportProblem> problems) {
    this.format = Objects.requireNonNull(format, "format");
    this.dryRun = dryRun;
    this.comments = comments;
    this.created = created;
    this.existing = existing;
    EnumMap<CommentStatus, Long> s = new EnumMap<>(CommentStatus.class);
    for (CommentStatus st : CommentStatus.values()) {
      s.put(st, byStatus.getOrDefault(st, 0L));
    }
    this.byStatus = Collections.unmodifiableMap(s);
    EnumMap<CommentKind, Long> k = new EnumMap<>(CommentKind.class);
    for (CommentKind kind : CommentKind.values()) {
      k.put(kind, byKind.getOrDefault(kind, 0L));
    }
    this.byKind = Collections.unmodifiableMap(k);
    TreeMap<ThreadKey, Long> t = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    t.putAll(byThread);
    this.byThread = Collections.unmodifiableMap(t);
    this.orphans = orphans;
    this.skipped = skipped;
    this.problemCount = problemCount;
    this.problems = List.copyOf(problems);
  }

  /**
   * The format read.
   *
   * @return the format read
   */
  public ImportFormat format() {
    return format;
  }

  /**
   * Whether this was a dry run: the file was read and checked, nothing was stored.
   *
   * @return whether this was a dry run: the file was read and checked, nothing was stored
   */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * How many comments (pingbacks and trackbacks included) the file holds that can be imported.
   *
   * @return how many comments (pingbacks and trackbacks included) the file holds that can be imported
   */
  public long comments() {
    return comments;
  }

  /**
   * How many comments were newly stored (0 in a dry run).
   *
   * @return how many comments were newly stored (0 in a dry run)
   */
  public long created() {
    return created;
  }

  /**
   * How many were already stored, from an earlier import of the same records (0 in a dry run).
   *
   * @return how many were already stored, from an earlier import of the same records (0 in a dry run)
   */
  public long existing() {
    return existing;
  }

  /**
   * The comments by the status they are stored with; every status is a key.
   *
   * @return the comments by the status they are stored with; every status is a key
   */
  public Map<CommentStatus, Long> byStatus() {
    return byStatus;
  }

  /**
   * The comments by kind; every kind is a key.
   *
   * @return the comments by kind; every kind is a key
   */
  public Map<CommentKind, Long> byKind() {
    return byKind;
  }

  /**
   * The comments per thread, by key, in key order.
   *
   * @return the comments per thread, by key, in key order
   */
  public Map<ThreadKey, Long> byThread() {
    return byThread;
  }

  /**
   * How many threads the comments belong to.
   *
   * @return how many threads the comments belong to
   */
  public int threads() {
    return byThread.size();
  }

  /**
   * Replies whose parent is not in the file: imported as top-level comments, each listed in the problems.
   *
   * @return replies whose parent is not in the file: imported as top-level comments, each listed in the problems
   */
  public long orphans() {
    return orphans;
  }

  /**
   * Records that were not imported (each listed in the problems): a post of an unknown thread or of a thread
   * without a key, a WordPress record that is not a comment (a WooCommerce order note or log entry, an
   * editorial note).
   *
   * @return records that were not imported (each listed in the problems)
   */
  public long skipped() {
    return skipped;
  }

  /**
   * How many problems were found; {@link #problems()} keeps the first 1,000.
   *
   * @return how many problems were found; {@link #problems()} keeps the first 1,000
   */
  public long problemCount() {
    return problemCount;
  }

  /**
   * The first 1,000 problems, in file order per thread.
   *
   * @return the first 1,000 problems, in file order per thread
   */
  public List<ImportProblem> problems() {
    return problems;
  }

  /**
   * A few lines for a person: counts per status and kind, threads, orphans, problems.
   *
   * @return the summary, one line per count
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(dryRun ? "Dry run of " : "Imported ").append(format.id()).append(": ")
        .append(comments).append(" comments in ").append(threads()).append(" threads");
    if (!dryRun) {
      sb.append(" (").append(created).append(" new, ").append(existing).append(" already stored)");
    }
    sb.append('\n');
    byStatus.forEach((st, n) -> sb.append("  ").append(st.name().toLowerCase(java.util.Locale.ROOT))
        .append(": ").append(n).append('\n'));
    sb.append("  pingbacks: ").append(byKind.get(CommentKind.PINGBACK))
        .append(", trackbacks: ").append(byKind.get(CommentKind.TRACKBACK)).append('\n');
    sb.append("  replies without parent (imported top-level): ").append(orphans).append('\n');
    sb.append("  skipped: ").append(skipped).append('\n');
    sb.append("  problems: ").append(problemCount).append('\n');
    return sb.toString();
  }

  @Override
  public String toString() {
    return summary();
  }
}
