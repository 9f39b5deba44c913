package dev.talkback.comments;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The durable log entry of one erasure of an author's data: what was erased, when, and by whom, without the
 * personal data itself (neither the email nor the user id asked for is kept; only which of them was given).
 *
 * @param id the erasure's id
 * @param site the site
 * @param at when it was done
 * @param actor who did it (a moderator's id, {@code cli:<user>}); never the data subject's email
 * @param mode how
 * @param byEmail whether the author was matched by email
 * @param byUserId whether the author was matched by host user id
 * @param deleted comments removed
 * @param tombstoned comments kept as empty tombstones because replies hang below them
 * @param anonymized comments kept with their text and their author data dropped ({@link ErasureMode#ANONYMIZE})
 */
public record ErasureRecord(UUID id, SiteId site, Instant at, String actor, ErasureMode mode, boolean byEmail,
    boolean byUserId, int deleted, int tombstoned, int anonymized) {
  /**
   * Checks the components; see the record's description.
   *
   * @param id the erasure's id
   * @param site the site
   * @param at when it was done
   * @param actor who did it
   * @param mode how
   * @param byEmail whether the author was matched by email
   * @param byUserId whether the author was matched by host user id
   * @param deleted comments removed
   * @param tombstoned comments kept as tombstones
   * @param anonymized comments kept with their author data dropped
   */
  public ErasureRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(mode, "mode");
    if (deleted < 0 || tombstoned < 0 || anonymized < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /**
   * How many comments the erasure touched.
   *
   * @return deleted + tombstoned + anonymized
   */
  public int total() {
    return deleted + tombstoned + anonymized;
  }
}
