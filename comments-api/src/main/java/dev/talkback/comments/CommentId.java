package dev.talkback.comments;

import java.util.Objects;
import java.util.UUID;

/**
 * The identity of a comment: a UUID. A caller may choose it before posting, which makes posting
 * idempotent: posting the same id twice stores one comment.
 *
 * <p>Ids are ordered as their canonical lower-case strings are (unsigned, most significant byte first), so
 * a store that keeps them as {@code CHAR(36)} or as a native UUID compared byte-wise orders them the same
 * way as {@link #compareTo}.
 *
 * @param value the UUID
 */
public record CommentId(UUID value) implements Comparable<CommentId> {
  /**
   * Checks the components; see the record's description.
   *
   * @param value the UUID
   */
  public CommentId {
    Objects.requireNonNull(value, "value");
  }

  /**
   * Returns the id with this UUID.
   *
   * @param value the UUID
   * @return the id
   */
  public static CommentId of(UUID value) {
    return new CommentId(value);
  }

  /**
   * Parses the canonical 36-character form of a UUID.
   *
   * @param value a UUID such as {@code 018f0000-0000-7000-8000-000000000001}
   * @return the id
   * @throws IllegalArgumentException if {@code value} is not a UUID in that form
   */
  public static CommentId parse(String value) {
    Objects.requireNonNull(value, "value");
    if (value.length() != 36) {
      throw new IllegalArgumentException("comment id must be a 36-character UUID: " + value);
    }
    // UUID.fromString also takes signs and other spellings ("1-1-1-1-1") of another id: hex digits and four dashes only
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      boolean ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-' : (c < 0x80 && Character.digit(c, 16) >= 0);
      if (!ok) {
        throw new IllegalArgumentException("comment id must be a UUID in its canonical form: " + value);
      }
    }
    return new CommentId(UUID.fromString(value));
  }

  @Override
  public int compareTo(CommentId other) {
    int c = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
    return c != 0 ? c : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
