package dev.talkback.comments.spi;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.ThreadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What every store can keep, exactly: the one check that decides whether a comment and its thread can be
 * written, made before anything is written or queued. {@code Comments} runs it before every insert, the
 * read-only fallback before it queues a comment in its spool, and the JDBI store before every write, so a
 * comment answered "queued" during an outage is one the database will take when it is back.
 *
 * <p>It refuses what at least one supported database refuses or changes (H2, PostgreSQL, MariaDB/MySQL):
 *
 * <ul>
 *   <li>a NUL character (U+0000) anywhere: PostgreSQL cannot store it in text;
 *   <li>an unpaired UTF-16 surrogate anywhere: it has no UTF-8 form, and drivers send it as {@code ?};
 *   <li>a short text (title, URL, author fields, hashes) longer than {@value #MAX_TEXT_BYTES} bytes of
 *       UTF-8: MariaDB's {@code TEXT};
 *   <li>a comment's source or HTML longer than {@value #MAX_LONG_TEXT_CHARS} characters or {@value
 *       #MAX_LONG_TEXT_BYTES} bytes of UTF-8 (H2's longest string, MariaDB's default packet);
 *   <li>an author key longer than {@value #MAX_AUTHOR_KEY_LENGTH} characters (the indexed column);
 *   <li>an instant whose microseconds since 1970 do not fit in 64 bits (stores keep microseconds).
 * </ul>
 *
 * <p>Thread keys and site ids are checked by their own types ({@code ThreadKey} refuses control characters
 * and unpaired surrogates). A store implementation must keep, and read back unchanged, everything this class
 * accepts; the JDBI store's tests check that on each database with generated text. Stateless and threadsafe.
 */
public final class StorableText {
  /** The longest short text (title, URL, author fields, hashes), in bytes of UTF-8: MariaDB's TEXT. */
  public static final int MAX_TEXT_BYTES = 65_535;
  /** The longest source or HTML of a comment, in UTF-16 characters: H2's longest string is 1,000,000. */
  public static final int MAX_LONG_TEXT_CHARS = 1_000_000;
  /** The longest source or HTML of a comment, in bytes of UTF-8 (both together stay below 16 MiB). */
  public static final int MAX_LONG_TEXT_BYTES = 4 * 1024 * 1024;
  /** The longest {@link Author#key()}, in characters: the indexed {@code author_key} column. */
  public static final int MAX_AUTHOR_KEY_LENGTH = 512;

  private static final long MAX_EPOCH_SECOND = Long.MAX_VALUE / 1_000_000 - 1;
  private static final long MIN_EPOCH_SECOND = Long.MIN_VALUE / 1_000_000 + 1;

  private StorableText() {}

  /**
   * Every reason why a store could not keep this comment and its thread exactly.
   *
   * @param thread the thread the comment is inserted into
   * @param comment the comment
   * @return the violations, named by the field a caller sends ({@code threadTitle}, {@code threadUrl},
   *     {@code author.name}, {@code text}, ...); empty if every store keeps them
   */
  public static List<Violation> violations(ThreadInfo thread, Comment comment) {
    List<Violation> v = new ArrayList<>(0);
    threadViolations(thread, v);
    authorViolations(comment.author(), v);
    longText("text", comment.source(), v);
    longText("text", comment.html(), "the rendered comment", v);
    shortText("editTokenHash", comment.editTokenHash().orElse(null), v);
    shortText("ipHash", comment.ipHash().orElse(null), v);
    instant("created", comment.created(), v);
    comment.edited().ifPresent(e -> instant("edited", e, v));
    return v;
  }

  /**
   * Every reason why a store could not keep this author exactly: the part of {@link #violations(ThreadInfo,
   * Comment)} about the author, for a caller that mends those fields itself (an importer keeps a comment without
   * an email no store can keep).
   *
   * @param author the author
   * @return the violations, on fields {@code author.name}, {@code author.email}, {@code author.website} and
   *     {@code author.userId}; empty if every store keeps them
   */
  public static List<Violation> violations(Author author) {
    List<Violation> v = new ArrayList<>(0);
    authorViolations(author, v);
    return v;
  }

  /**
   * Every reason why a store could not keep this thread exactly.
   *
   * @param thread the thread
   * @return the violations, on fields {@code threadTitle} and {@code threadUrl}; empty if every store keeps it
   */
  public static List<Violation> violations(ThreadInfo thread) {
    List<Violation> v = new ArrayList<>(0);
    threadViolations(thread, v);
    return v;
  }

  /**
   * Refuses a comment some store could not keep exactly.
   *
   * @param thread the thread the comment is inserted into
   * @param comment the comment
   * @throws CommentValidationException listing every {@link #violations(ThreadInfo, Comment) violation}
   */
  public static void check(ThreadInfo thread, Comment comment) {
    List<Violation> v = violations(thread, comment);
    if (!v.isEmpty()) {
      throw new CommentValidationException(v);
    }
  }

  /**
   * What is wrong with one text, for any store: a NUL character or an unpaired surrogate.
   *
   * @param value the text, or null
   * @return what to fix (such as "contains a NUL character (U+0000) at index 3; remove it"), or null if every
   *     store keeps it; lengths are not checked here
   */
  public static @Nullable String characterProblem(@Nullable String value) {
    if (value == null) {
      return null;
    }
    for (int i = 0, n = value.length(); i < n; i++) {
      char ch = value.charAt(i);
      if (ch == '\0') {
        return "contains a NUL character (U+0000) at index " + i + ", which PostgreSQL cannot store; remove it";
      }
      if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(ch)) {
        return "contains an unpaired UTF-16 surrogate at index " + i
            + ", which is not a character and has no UTF-8 form; remove it or send the whole character";
      }
    }
    return null;
  }

  /**
   * The number of bytes a text takes in UTF-8, counting an unpaired surrogate as three.
   *
   * @param value the text
   * @return its UTF-8 length
   */
  public static long utf8Length(String value) {
    long bytes = 0;
    for (int i = 0, n = value.length(); i < n; i++) {
      char ch = value.charAt(i);
      if (ch < 0x80) {
        bytes += 1;
      } else if (ch < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static void authorViolations(Author a, List<Violation> v) {
    shortText("author.name", a.name(), v);
    shortText("author.email", a.email(), v);
    shortText("author.website", a.website(), v);
    shortText("author.userId", a.userId(), v);
    String userId = a.userId();
    a.key().ifPresent(key -> {
      if (key.length() > MAX_AUTHOR_KEY_LENGTH) {
        v.add(new Violation(userId != null && !userId.isEmpty() ? "author.userId" : "author.email",
            "is too long to identify the author (the key is " + key.length() + " characters, at most "
                + MAX_AUTHOR_KEY_LENGTH + " can be kept); shorten it"));
      }
    });
  }

  private static void threadViolations(ThreadInfo thread, List<Violation> v) {
    shortText("threadTitle", thread.title(), v);
    shortText("threadUrl", thread.url(), v);
  }

  private static void shortText(String field, @Nullable String value, List<Violation> v) {
    if (value == null) {
      return;
    }
    String problem = characterProblem(value);
    if (problem != null) {
      v.add(new Violation(field, problem));
      return;
    }
    // a char takes at most 3 bytes of UTF-8 (a surrogate pair 4 for 2): a text this short needs no count
    if (value.length() * 3L <= MAX_TEXT_BYTES) {
      return;
    }
    long bytes = utf8Length(value);
    if (bytes > MAX_TEXT_BYTES) {
      v.add(new Violation(field, "is too long to be stored: " + bytes + " bytes of UTF-8, at most " + MAX_TEXT_BYTES
          + "; shorten it"));
    }
  }

  private static void longText(String field, String value, List<Violation> v) {
    longText(field, value, "the text", v);
  }

  private static void longText(String field, String value, String what, List<Violation> v) {
    String problem = characterProblem(value);
    if (problem != null) {
      v.add(new Violation(field, (what.equals("the text") ? "" : what + " ") + problem));
      return;
    }
    if (value.length() <= MAX_LONG_TEXT_CHARS && value.length() * 3L <= MAX_LONG_TEXT_BYTES) {
      return; // at most 3 bytes of UTF-8 a char: a text this short needs no count
    }
    long bytes = utf8Length(value);
    if (value.length() > MAX_LONG_TEXT_CHARS || bytes > MAX_LONG_TEXT_BYTES) {
      v.add(new Violation(field, what + " is too long to be stored (" + value.length() + " characters, " + bytes
          + " bytes of UTF-8; at most " + MAX_LONG_TEXT_CHARS + " and " + MAX_LONG_TEXT_BYTES + "); shorten it"));
    }
  }

  private static void instant(String field, Instant instant, List<Violation> v) {
    long s = instant.getEpochSecond();
    if (s > MAX_EPOCH_SECOND || s < MIN_EPOCH_SECOND) {
      v.add(new Violation(field, "is out of the range a store keeps (about 290,000 years either side of 1970): "
          + instant));
    }
  }
}
