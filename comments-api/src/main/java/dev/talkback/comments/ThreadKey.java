package dev.talkback.comments;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The host's stable identifier of a commented page: a slug or a canonical path, not its URL. URLs change
 * (a new domain, https, a renamed category); keys stay, and the comments stay with them.
 *
 * @param value 1 to 255 characters with no control characters, no unpaired surrogates and no leading or
 *     trailing white space
 */
public record ThreadKey(String value) {
  /** The longest key accepted, in chars. */
  public static final int MAX_LENGTH = 255;

  /**
   * Checks the key.
   *
   * @param value the key
   * @throws IllegalArgumentException if the key is empty, too long, or contains control characters or unpaired
   *     surrogates (which no database can store)
   */
  public ThreadKey {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("thread key must be 1 to " + MAX_LENGTH + " characters long");
    }
    if (!value.strip().equals(value)) {
      throw new IllegalArgumentException("thread key must not start or end with white space: '" + value + "'");
    }
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException("thread key must not contain control characters (found U+"
            + String.format(Locale.ROOT, "%04X", (int) c) + " at index " + i + ")");
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("thread key must not contain an unpaired UTF-16 surrogate (found one at"
            + " index " + i + "); it is not a character and cannot be stored");
      }
    }
  }

  /**
   * Returns the thread key with this value.
   *
   * @param value 1 to 255 characters, no control characters or unpaired surrogates, no leading or trailing
   *     white space
   * @return the key
   */
  public static ThreadKey of(String value) {
    return new ThreadKey(value);
  }

  @Override
  public String toString() {
    return value;
  }

  // Written out: the record's generated equals and hashCode run through method-handle chains that the JIT
  // does not always inline when records nest (a cache key holding this), and cached thread reads compare keys
  // on every request (see docs/benchmarks.md, issue 15 item 1).
  @Override
  public boolean equals(@Nullable Object o) {
    return o == this || (o instanceof ThreadKey other && value.equals(other.value));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
