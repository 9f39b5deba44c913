package dev.talkback.comments.io;

/**
 * Hears how an import is going, to show progress. Called on the importing thread; keep it quick.
 */
@FunctionalInterface
public interface ImportProgress {
  /** Does nothing. */
  ImportProgress NONE = (phase, done, total) -> { };

  /**
   * Reports progress.
   *
   * @param phase what the import is doing
   * @param done records read (in {@link Phase#READING}), comments stored (in {@link Phase#STORING}) or
   *     comments checked (in {@link Phase#CHECKING}, a dry run's second pass)
   * @param total the number to reach, or -1 while it is unknown (reading)
   */
  void update(Phase phase, long done, long total);

  /** The two passes of an import: {@code READING}, then {@code STORING}, or {@code CHECKING} in a dry run. */
  enum Phase {
    /** Reading and checking the file; nothing is stored yet. */
    READING,
    /** Storing the checked comments. */
    STORING,
    /** A dry run's second pass: resolving parents and counting the checked comments; nothing is stored. */
    CHECKING
  }
}
