package dev.talkback.comments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The settings a {@link Comments} was built with, for adapters that show or share them: a web layer tells
 * the browser how long comments may be and how long their author may edit them, and moves one clock for
 * its rate limits and the comment service in tests. Immutable; got from {@link Comments#settings()}.
 *
 * <pre>{@code
 * CommentsSettings settings = comments.settings();
 * form.maxLength(settings.contentPolicy().maxBodyLength());
 * feed.summary(settings.contentPolicy().excerpt(comment));
 * boolean editable = settings.editableUntil(comment).isAfter(settings.clock().instant());
 * }</pre>
 *
 * <p>New settings are added as new methods; none is ever removed before a major release.
 */
public final class CommentsSettings {
  private final Clock clock;
  private final ContentPolicy contentPolicy;
  private final Duration editWindow;
  private final ModerationMode moderationMode;
  private final int maxDepth;

  CommentsSettings(Clock clock, ContentPolicy contentPolicy, Duration editWindow, ModerationMode moderationMode,
      int maxDepth) {
    this.clock = clock;
    this.contentPolicy = contentPolicy;
    this.editWindow = editWindow;
    this.moderationMode = moderationMode;
    this.maxDepth = maxDepth;
  }

  /**
   * The clock that stamps comments and measures the edit window ({@link CommentsBuilder#clock}).
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * What comment text may contain and how long it may be ({@link CommentsBuilder#contentPolicy}); also
   * makes the plain-text excerpts of comments for feeds and notifications ({@link ContentPolicy#excerpt}).
   *
   * @return the content policy
   */
  public ContentPolicy contentPolicy() {
    return contentPolicy;
  }

  /**
   * How long after posting an author may edit or delete a comment ({@link CommentsBuilder#editWindow}).
   *
   * @return the edit window
   */
  public Duration editWindow() {
    return editWindow;
  }

  /**
   * The last instant at which the author of {@code comment} may edit or delete it: its creation plus the
   * {@linkplain #editWindow() edit window}. Whether the author still may is
   * {@code !clock().instant().isAfter(editableUntil(comment))}; the token is checked on the attempt.
   *
   * @param comment a comment of this {@code Comments}
   * @return when its edit window closes
   */
  public Instant editableUntil(Comment comment) {
    return comment.created().plus(editWindow);
  }

  /**
   * Which new comments wait for a moderator ({@link CommentsBuilder#moderation}).
   *
   * @return the moderation mode
   */
  public ModerationMode moderationMode() {
    return moderationMode;
  }

  /**
   * The deepest reply level a thread page shows; top-level comments are at 0 ({@link CommentsBuilder#maxDepth}).
   *
   * @return the depth cap
   */
  public int maxDepth() {
    return maxDepth;
  }
}
