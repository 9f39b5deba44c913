package dev.talkback.comments.servlet;

import dev.talkback.comments.Author;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reader the host has logged in, as an {@link IdentityResolver} reports it. Comments posted by a logged-in
 * reader carry these fields instead of the name, email and website typed into the form.
 *
 * @param userId the host's stable id of the user; never shown to readers
 * @param name the display name
 * @param email the user's email, stored but never shown, or {@code null}
 * @param website an http(s) URL shown as the author's link, or {@code null}
 */
public record Identity(String userId, String name, @Nullable String email, @Nullable String website) {
  /**
   * Checks the fields.
   *
   * @param userId the host's stable id of the user, not blank
   * @param name the display name
   * @param email the email, or {@code null}
   * @param website the website, or {@code null}
   * @throws IllegalArgumentException if {@code userId} is blank
   */
  public Identity {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(name, "name");
    if (userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
  }

  /**
   * A user with an id and a display name only.
   *
   * @param userId the host's stable id of the user, not blank
   * @param name the display name
   * @return the identity
   */
  public static Identity of(String userId, String name) {
    return new Identity(userId, name, null, null);
  }

  /**
   * The author a comment by this user carries.
   *
   * @return an author with this user's name, email, website and id
   */
  public Author toAuthor() {
    return new Author(name, email, website, userId);
  }
}
