package dev.talkback.comments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing a moderator blocked on a site: an email address, an author key ({@link Author#key()}) or the IP
 * hash of a comment ({@link Comment#ipHash()}). A value: two blocks are equal when their kind and value are.
 * Blocks are always kept per {@link SiteId}: a block on one site never refuses a comment on another.
 *
 * <p>What is known about a block beyond what it matches (who added it, when) is not part of this value, so
 * that the value never has to grow.
 *
 * @param kind what the value is
 * @param value the email (lower-cased and stripped), author key or IP hash; never blank
 */
public record Block(Kind kind, String value) {
  /** What a block matches on. */
  public enum Kind {
    /** An author's email address, compared case-insensitively. */
    EMAIL,
    /** An author key, as {@link Author#key()} gives it. */
    AUTHOR_KEY,
    /** The hash of the address a comment was posted from, as {@link Comment#ipHash()} gives it. */
    IP_HASH
  }

  /**
   * Checks the value and lower-cases an email.
   *
   * @param kind what the value is
   * @param value the email, author key or IP hash
   * @throws IllegalArgumentException if the value is blank or longer than 320 characters
   */
  public Block {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    value = value.strip();
    if (kind == Kind.EMAIL) {
      value = value.toLowerCase(Locale.ROOT);
    }
    if (value.isEmpty() || value.length() > 320) {
      throw new IllegalArgumentException("a block's value must be 1 to 320 characters, not blank");
    }
  }

  /**
   * A block on an email address (compared case-insensitively).
   *
   * @param email the address; compared case-insensitively
   * @return a block on an email address (compared case-insensitively)
   */
  public static Block email(String email) {
    return new Block(Kind.EMAIL, email);
  }

  /**
   * A block on an author key ({@link Author#key()}).
   *
   * @param authorKey the author's {@link dev.talkback.comments.Author#key()}
   * @return a block on an author key ({@link Author#key()})
   */
  public static Block authorKey(String authorKey) {
    return new Block(Kind.AUTHOR_KEY, authorKey);
  }

  /**
   * A block on an IP hash ({@link Comment#ipHash()}).
   *
   * @param ipHash the hash, as {@link Comment#ipHash()} gives it
   * @return a block on an IP hash ({@link Comment#ipHash()})
   */
  public static Block ipHash(String ipHash) {
    return new Block(Kind.IP_HASH, ipHash);
  }

  /**
   * Every block that would refuse this author posting from an address with this hash: the blocks to look
   * for before accepting a post or an edit.
   *
   * @param author who posts
   * @param ipHash the hash of the address they post from, if known
   * @return the candidate blocks, possibly empty
   */
  public static List<Block> candidates(Author author, @Nullable String ipHash) {
    List<Block> out = new ArrayList<>(3);
    author.key().ifPresent(k -> out.add(authorKey(k)));
    String email = author.email();
    if (email != null && !email.isBlank()) {
      out.add(email(email));
    }
    if (ipHash != null && !ipHash.isBlank()) {
      out.add(ipHash(ipHash));
    }
    return out;
  }

  /**
   * Every block that stops the author of this comment: their key, email and the comment's IP hash, for a
   * moderator's "block this author".
   *
   * @param comment a comment whose author should be blocked
   * @return the blocks, possibly empty for an anonymous author without email or IP hash
   */
  public static List<Block> allFor(Comment comment) {
    return candidates(comment.author(), comment.ipHash().orElse(null));
  }
}
