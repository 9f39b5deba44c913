package dev.talkback.comments.jdbi.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.ThreadInfo;
import org.jspecify.annotations.Nullable;

/**
 * Checks, before anything is written, that every text of a comment or thread can be stored and read back
 * exactly on every supported database, so the same input behaves the same on H2, PostgreSQL and MariaDB:
 * no NUL character (PostgreSQL refuses it in text) and no unpaired UTF-16 surrogate (it has no UTF-8 form
 * and would come back as '?'), and keys that fit their indexed columns.
 */
final class Texts {
  /** The longest {@link Author#key()} the indexed {@code author_key} column holds. */
  static final int MAX_AUTHOR_KEY = 512;
  /** The longest client key of a like. */
  static final int MAX_CLIENT_KEY = 255;

  private Texts() {}

  static void check(Comment c) {
    Author a = c.author();
    check("author.name", a.name());
    check("author.email", a.email());
    check("author.website", a.website());
    check("author.userId", a.userId());
    a.key().ifPresent(key -> {
      if (key.length() > MAX_AUTHOR_KEY) {
        throw new IllegalArgumentException("author key (\"user:\" + user id, or \"email:\" + email) of comment "
            + c.id() + " is " + key.length() + " characters long; the store keeps at most " + MAX_AUTHOR_KEY);
      }
    });
    check("thread", c.thread().value());
    check("source", c.source());
    check("html", c.html());
    check("editTokenHash", c.editTokenHash().orElse(null));
    check("ipHash", c.ipHash().orElse(null));
  }

  static void check(ThreadInfo t) {
    check("thread", t.key().value());
    check("thread title", t.title());
    check("thread url", t.url());
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
    if (key.isEmpty() || key.length() > max) {
      return false;
    }
    try {
      check("key", key);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** @throws IllegalArgumentException naming {@code field} if {@code value} cannot be stored exactly */
  static void check(String field, @Nullable String value) {
    if (value == null) {
      return;
    }
    for (int i = 0, n = value.length(); i < n; i++) {
      char ch = value.charAt(i);
      if (ch == '\0') {
        throw new IllegalArgumentException(field + " contains a NUL character (U+0000) at index " + i
            + ", which PostgreSQL cannot store; remove it");
      }
      if (Character.isHighSurrogate(ch)) {
        if (i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        throw unpaired(field, i);
      }
      if (Character.isLowSurrogate(ch)) {
        throw unpaired(field, i);
      }
    }
  }

  private static IllegalArgumentException unpaired(String field, int index) {
    return new IllegalArgumentException(field + " contains an unpaired UTF-16 surrogate at index " + index
        + ", which has no UTF-8 form and cannot be stored; remove it or pair it");
  }
}
