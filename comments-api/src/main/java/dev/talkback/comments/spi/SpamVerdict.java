package dev.talkback.comments.spi;

import java.util.Objects;

/**
 * What a {@link SpamCheck} decided about a comment.
 *
 * @param action accept, hold for a moderator, or reject
 * @param reason why; shown to moderators, and to the author of a rejected comment
 */
public record SpamVerdict(Action action, String reason) {
  private static final SpamVerdict ACCEPT = new SpamVerdict(Action.ACCEPT, "");

  /**
   * Checks the components; see the record's description.
   *
   * @param action accept, hold for a moderator, or reject
   * @param reason why; shown to moderators, and to the author of a rejected comment
   */
  public SpamVerdict {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  /** What to do with the comment, from mildest to harshest. */
  public enum Action {
    /** Nothing suspicious: moderation mode decides. */
    ACCEPT,
    /** Hold for a moderator, whatever the moderation mode. */
    MODERATE,
    /** Refuse: nothing is stored and the author is told why. */
    REJECT
  }

  /**
   * Nothing suspicious.
   *
   * @return the verdict that lets a comment through
   */
  public static SpamVerdict accept() {
    return ACCEPT;
  }

  /**
   * Hold the comment for a moderator.
   *
   * @param reason why, for the moderator
   * @return the verdict that holds a comment
   */
  public static SpamVerdict moderate(String reason) {
    return new SpamVerdict(Action.MODERATE, reason);
  }

  /**
   * Refuse the comment.
   *
   * @param reason why, in words the author may be shown
   * @return the verdict that refuses a comment
   */
  public static SpamVerdict reject(String reason) {
    return new SpamVerdict(Action.REJECT, reason);
  }
}
