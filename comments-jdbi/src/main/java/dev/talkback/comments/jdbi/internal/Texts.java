package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.spi.StorableText;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks, before anything is written, that every text of a comment or thread can be stored and read back
 * exactly on every supported database, so the same input behaves the same on H2, PostgreSQL and MariaDB.
 * The rules are comments-api's {@link StorableText}, the same check {@code Comments} and the read-only
 * fallback make before a comment is stored or queued; here a refusal is a programming error of a caller
 * that skipped them.
 */
final class Texts {
  /** The longest {@code Author.key()} the indexed {@code author_key} column holds. */
  static final int MAX_AUTHOR_KEY = StorableText.MAX_AUTHOR_KEY_LENGTH;
  /** The longest client key of a like. */
  static final int MAX_CLIENT_KEY = 255;

  private Texts() {}

  static void check(Comment c) {
    refuse("comment " + c.id(), StorableText.violations(ThreadInfo.of(c.site(), c.thread(), ""), c));
  }

  static void check(ThreadInfo t) {
    refuse("thread " + t.key(), StorableText.violations(t));
  }

  private static void refuse(String what, List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException(what + " cannot be stored: " + violations.stream()
          .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
    }
  }

  static void checkClientKey(String clientKey) {
    if (clientKey.isEmpty() || clientKey.length() > MAX_CLIENT_KEY) {
      throw new IllegalArgumentException(
          "client key must be 1 to " + MAX_CLIENT_KEY + " characters long, not " + clientKey.length());
    }
    check("client key", clientKey);
  }

  /** Whether a stored key could equal {@code key}: 1 to {@code max} characters the store can keep. */
  static boolean isStorableKey(String key, int max) {
    return !key.isEmpty() && key.length() <= max && StorableText.characterProblem(key) == null;
  }

  /** @throws IllegalArgumentException naming {@code field} if {@code value} cannot be stored exactly */
  static void check(String field, @Nullable String value) {
    String problem = StorableText.characterProblem(value);
    if (problem != null) {
      throw new IllegalArgumentException(field + " " + problem);
    }
  }
}
