package dev.talkback.comments;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who wrote a comment. The email is stored (for notifications, moderation and trust) but never shown to
 * readers. {@link Comments#post} validates and normalizes every field before a comment is stored.
 *
 * @param name the display name; may be empty for an anonymous comment
 * @param email the author's email, never shown, or {@code null}
 * @param website an http(s) URL shown as the author's link, or {@code null}
 * @param userId the host's id of a logged-in user, or {@code null} for an anonymous author
 */
public record Author(String name, @Nullable String email, @Nullable String website, @Nullable String userId) {
  /**
   * Checks the components; see the record's description.
   *
   * @param name the display name; may be empty for an anonymous comment
   * @param email the author's email, never shown, or {@code null}
   * @param website an http(s) URL shown as the author's link, or {@code null}
   * @param userId the host's id of a logged-in user, or {@code null} for an anonymous author
   */
  public Author {
    Objects.requireNonNull(name, "name");
  }

  /**
   * An anonymous author with only a name.
   *
   * @param name the name shown with the comments
   * @return an anonymous author with only a name
   */
  public static Author named(String name) {
    return new Author(name, null, null, null);
  }

  /**
   * Returns this author with another email.
   *
   * @param email the address, stored but never shown; null for none
   * @return a copy with this email
   */
  public Author withEmail(@Nullable String email) {
    return new Author(name, email, website, userId);
  }

  /**
   * Returns this author with another website.
   *
   * @param website the author's website; null for none
   * @return a copy with this website
   */
  public Author withWebsite(@Nullable String website) {
    return new Author(name, email, website, userId);
  }

  /**
   * Returns this author with another host user id.
   *
   * @param userId the host's stable id of a logged-in user; null for an anonymous author
   * @return a copy with this user id
   */
  public Author withUserId(@Nullable String userId) {
    return new Author(name, email, website, userId);
  }

  /**
   * The key that identifies this author across comments, for trust ({@link ModerationMode#FIRST_TIME}) and
   * blocking: {@code "user:<id>"} for a logged-in user, else {@code "email:<lower-cased email>"}, else empty
   * (an anonymous author without email is never recognised).
   *
   * @return the key that identifies this author across comments, for trust ({@link ModerationMode#FIRST_TIME}) and blocking: {@code "user:<id>"} for a logged-in user, else {@code "email:<lower-cased email>"}, else empty (an anonymous author without email is never recognised)
   */
  public Optional<String> key() {
    if (userId != null && !userId.isEmpty()) {
      return Optional.of("user:" + userId);
    }
    if (email != null && !email.isEmpty()) {
      return Optional.of("email:" + email.toLowerCase(Locale.ROOT));
    }
    return Optional.empty();
  }
}
