package dev.talkback.comments;

import dev.talkback.comments.internal.EditTokens;
import dev.talkback.comments.internal.text.Rendered;
import dev.talkback.comments.internal.text.TextPipeline;
import dev.talkback.comments.spi.CommentStore;
import dev.talkback.comments.spi.SpamVerdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * What an author may do to their own comment: edit or delete it with its edit token within the edit window,
 * and what any reader may do: like it. Thread-safe.
 */
final class AuthorActions {
  private final CommentStore store;
  private final TextPipeline text;
  private final Clock clock;
  private final Duration editWindow;
  private final Screening screening;
  private final ChangeFanOut changes;

  AuthorActions(CommentStore store, TextPipeline text, Clock clock, Duration editWindow, Screening screening,
      ChangeFanOut changes) {
    this.store = store;
    this.text = text;
    this.clock = clock;
    this.editWindow = editWindow;
    this.screening = screening;
    this.changes = changes;
  }

  Comment edit(SiteId site, CommentId id, String editToken, String newText) {
    Comment c = authorsOwn(site, id, editToken);
    screening.checkEdit(c);
    Rendered body = text.render(newText, c.format());
    Comment changed = c.toBuilder().source(body.source()).html(body.html()).edited(now()).version(c.version() + 1)
        .build();
    SpamVerdict verdict = screening.checkSpam(changed, body, java.util.Optional.empty(), java.util.Optional.empty());
    if (verdict.action() == SpamVerdict.Action.REJECT) {
      throw new CommentRejectedException(verdict.reason());
    }
    if (verdict.action() == SpamVerdict.Action.MODERATE || screening.holdsEdit(body)) {
      changed = changed.toBuilder().status(CommentStatus.PENDING).build();
    }
    Comment stored = store.update(changed, c.version());
    changes.changed(stored, l -> l.onEdited(stored));
    return stored;
  }

  Comment delete(SiteId site, CommentId id, String editToken) {
    Comment c = authorsOwn(site, id, editToken);
    Comment stored =
        store.update(c.toBuilder().status(CommentStatus.DELETED).version(c.version() + 1).build(), c.version());
    changes.changed(stored, l -> l.onDeleted(stored));
    return stored;
  }

  private Comment authorsOwn(SiteId site, CommentId id, String editToken) {
    Objects.requireNonNull(editToken, "editToken");
    Comment c = store.find(site, id).filter(x -> x.status() != CommentStatus.DELETED)
        .orElseThrow(() -> new CommentNotFoundException(id));
    Optional<String> hash = c.editTokenHash();
    if (hash.isEmpty() || !EditTokens.matches(editToken, hash.get())) {
      throw EditNotAllowedException.invalidToken(id);
    }
    if (now().isAfter(c.created().plus(editWindow))) {
      throw EditNotAllowedException.windowExpired(id, editWindow);
    }
    return c;
  }

  int like(SiteId site, CommentId id, String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    if (clientKey.isBlank() || clientKey.length() > 200) {
      throw CommentValidationException.of("clientKey", "must be 1 to 200 characters");
    }
    Comment c = store.find(site, id).filter(x -> x.status() == CommentStatus.APPROVED)
        .orElseThrow(() -> new CommentNotFoundException(id));
    int likes = store.like(site, id, clientKey);
    changes.changed(c);
    return likes;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
