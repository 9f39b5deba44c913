package dev.talkback.comments.notification;

import dev.talkback.comments.Comment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which outbox events a change to a comment makes: the one definition every store with an outbox uses, so
 * that the in-memory store and the database stores write the same events.
 *
 * <ul>
 *   <li>an insert that created the comment: {@code COMMENT_POSTED};
 *   <li>a status change to approved (a moderator's approval or a restore): {@code COMMENT_APPROVED}; to spam:
 *       {@code COMMENT_SPAM}; to deleted: {@code COMMENT_DELETED};
 *   <li>a changed text or format: {@code COMMENT_EDITED} (before any status event of the same update).
 * </ul>
 *
 * <p>Each event's dedupe key is {@code event:<kind>:<comment id>:<version>}, so an update that a store retries
 * cannot write its event twice.
 */
public final class ChangeEvents {
  private ChangeEvents() {}

  /**
   * The events of one change.
   *
   * @param before the comment as stored before, or null for an insert that created it
   * @param after the comment as stored now
   * @param now when the change happened (the store's clock)
   * @return the events, possibly none (a like, an unchanged status)
   */
  public static List<OutboxMessage> of(@Nullable Comment before, Comment after, Instant now) {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(now, "now");
    List<OutboxMessage> events = new ArrayList<>(2);
    if (before == null) {
      events.add(event(OutboxMessage.Kind.COMMENT_POSTED, after, now));
      return events;
    }
    if (!before.source().equals(after.source()) || before.format() != after.format()) {
      events.add(event(OutboxMessage.Kind.COMMENT_EDITED, after, now));
    }
    if (before.status() != after.status()) {
      OutboxMessage.@Nullable Kind kind = switch (after.status()) {
        case APPROVED -> OutboxMessage.Kind.COMMENT_APPROVED;
        case SPAM -> OutboxMessage.Kind.COMMENT_SPAM;
        case DELETED -> OutboxMessage.Kind.COMMENT_DELETED;
        case PENDING -> null;
      };
      if (kind != null) {
        events.add(event(kind, after, now));
      }
    }
    return events;
  }

  private static OutboxMessage event(OutboxMessage.Kind kind, Comment c, Instant now) {
    return OutboxMessage.event(c.site(), kind, c.id(), "event:" + kind + ':' + c.id() + ':' + c.version(), now);
  }
}
