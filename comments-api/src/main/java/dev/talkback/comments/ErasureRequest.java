package dev.talkback.comments;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One erasure to perform: whose comments, on which site, how, by whom and when. See
 * {@link dev.talkback.comments.spi.CommentStore#eraseAuthor}.
 *
 * @param id the erasure's id, which its {@link ErasureRecord} keeps
 * @param site the site
 * @param author whose comments
 * @param mode how
 * @param actor who asks (a moderator's id, {@code cli:<user>}); 1 to 255 characters, logged
 * @param at when; stores keep microseconds
 */
public record ErasureRequest(UUID id, SiteId site, AuthorMatch author, ErasureMode mode, String actor, Instant at) {
  /**
   * Checks the components; see the record's description.
   *
   * @param id the erasure's id
   * @param site the site
   * @param author whose comments
   * @param mode how
   * @param actor who asks; 1 to 255 characters
   * @param at when
   */
  public ErasureRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    if (actor.isBlank() || actor.length() > 255) {
      throw new IllegalArgumentException("actor must be 1 to 255 characters: who erases, for the log");
    }
  }

  /**
   * The log entry of this request with the counts of what was done.
   *
   * @param deleted comments removed
   * @param tombstoned comments kept as tombstones
   * @param anonymized comments anonymized
   * @return the record
   */
  public ErasureRecord record(int deleted, int tombstoned, int anonymized) {
    return new ErasureRecord(id, site, at, actor, mode, author.email() != null, author.userId() != null, deleted,
        tombstoned, anonymized);
  }

  /**
   * The comment as this erasure leaves it when it is kept: a tombstone ({@link ErasureMode#DELETE}: status
   * DELETED, empty text) or anonymized; no author data, IP hash or edit token in either case; version one up.
   *
   * @param c the stored comment
   * @param tombstone whether to blank it (DELETE) rather than only drop its author data
   * @return the comment to store
   */
  public static Comment erased(Comment c, boolean tombstone) {
    Comment.Builder b = c.toBuilder()
        .author(Author.named(""))
        .ipHash(null)
        .editTokenHash(null)
        .version(c.version() + 1);
    if (tombstone) {
      b.status(CommentStatus.DELETED).source("").html("");
    }
    return b.build();
  }
}
