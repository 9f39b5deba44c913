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
 * @param value the email (stripped and lower-cased), or the author key or IP hash exactly as given; 1 to
 *     {@value #MAX_LENGTH} characters, not blank
 */
public record Block(Kind kind, String value) {
  /** The longest value a block holds: the longest email address (RFC 3696 errata). */
  public static final int MAX_LENGTH = 320;

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
   * Checks the value, and strips and lower-cases an email. Author keys and IP hashes are kept exactly as
   * given, as they are compared everywhere else.
   *
   * @param kind what the value is
   * @param value the email, author key or IP hash
   * @throws IllegalArgumentException if the value is blank or longer than {@value #MAX_LENGTH} characters
   */
  public Block {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (kind == Kind.EMAIL) {
      value = value.strip().toLowerCase(Locale.ROOT);
    }
    if (value.isBlank() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a block's value must be 1 to " + MAX_LENGTH + " characters and not blank (it has " + value.length() + ")");
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
   * for before accepting a post or an edit. A value that no block can hold (blank, or longer than
   * {@value #MAX_LENGTH} characters, as a long host user id may be) is left out, since nothing can block it.
   *
   * @param author who posts
   * @param ipHash the hash of the address they post from, if known
   * @return the candidate blocks, possibly empty
   */
  public static List<Block> candidates(Author author, @Nullable String ipHash) {
    List<Block> out = new ArrayList<>(3);
    author.key().ifPresent(k -> addIfBlockable(out, Kind.AUTHOR_KEY, k));
    addIfBlockable(out, Kind.EMAIL, author.email());
    addIfBlockable(out, Kind.IP_HASH, ipHash);
    return out;
  }

  private static void addIfBlockable(List<Block> out, Kind kind, @Nullable String value) {
    if (value != null && !value.isBlank() && (kind == Kind.EMAIL ? value.strip() : value).length() <= MAX_LENGTH) {
      out.add(new Block(kind, value));
    }
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
