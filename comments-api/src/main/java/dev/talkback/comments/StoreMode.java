package dev.talkback.comments;

/** Whether a store takes writes. */
public enum StoreMode {
  /** Normal: reads and writes go to the primary. */
  READ_WRITE,
  /**
   * The primary is unreachable: reads come from a replica or the cache, and new comments are queued in the
   * write spool or refused, as configured.
   */
  READ_ONLY
}
