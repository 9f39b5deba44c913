package dev.talkback.comments;

import java.util.Objects;

/**
 * The host's stable identifier of a commented page: a slug or a canonical path, not its URL. URLs change
 * (a new domain, https, a renamed category); keys stay, and the comments stay with them.
 *
 * @param value 1 to 255 characters with no control characters and no leading or trailing white space
 */
public record ThreadKey(String value) {
  /** The longest key accepted, in chars. */
  public static final int MAX_LENGTH = 255;

  /**
   * Checks the key.
   *
   * @param value the key
   * @throws IllegalArgumentException if the key is empty, too long or contains control characters
   */
  public ThreadKey {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("thread key must be 1 to " + MAX_LENGTH + " characters long");
    }
    if (!value.strip().equals(value)) {
      throw new IllegalArgumentException("thread key must not start or end with white space: '" + value + "'");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException("thread key must not contain control characters");
      }
    }
  }

  /**
   * Returns the thread key with this value.
   *
   * @param value 1 to 255 characters, no control characters, no leading or trailing white space
   * @return the key
   */
  public static ThreadKey of(String value) {
    return new ThreadKey(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
