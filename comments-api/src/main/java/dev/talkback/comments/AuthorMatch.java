package dev.talkback.comments;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which comments are one person's, for their own data (GDPR articles 15 and 17): every comment whose
 * author's email equals {@code email} (ignoring case) <em>or</em> whose host user id equals {@code userId}.
 * Unlike {@link Author#key()}, which prefers the user id, both are looked at, so a person who commented
 * anonymously with their email and later logged in is found by either.
 *
 * @param email the email to match, ignoring case, or {@code null} to match by user id only
 * @param userId the host user id to match exactly, or {@code null} to match by email only
 */
public record AuthorMatch(@Nullable String email, @Nullable String userId) {
  /**
   * Checks the components: at least one is given, and neither is blank.
   *
   * @param email the email to match, ignoring case, or {@code null} to match by user id only
   * @param userId the host user id to match exactly, or {@code null} to match by email only
   */
  public AuthorMatch {
    if (email == null && userId == null) {
      throw new IllegalArgumentException("give the author's email, host user id, or both");
    }
    if (email != null) {
      email = email.strip();
      if (email.isEmpty()) {
        throw new IllegalArgumentException("email must not be blank");
      }
    }
    if (userId != null && userId.isBlank()) {
      throw new IllegalArgumentException("userId must not be blank");
    }
  }

  /**
   * Matches by email only.
   *
   * @param email the email, compared ignoring case
   * @return the match
   */
  public static AuthorMatch email(String email) {
    return new AuthorMatch(Objects.requireNonNull(email, "email"), null);
  }

  /**
   * Matches by host user id only.
   *
   * @param userId the host user id, compared exactly
   * @return the match
   */
  public static AuthorMatch userId(String userId) {
    return new AuthorMatch(null, Objects.requireNonNull(userId, "userId"));
  }

  /**
   * The email lower-cased ({@link Locale#ROOT}), as stores compare it, or {@code null}.
   *
   * @return the email lower-cased, or {@code null} when matching by user id only
   */
  public @Nullable String normalizedEmail() {
    return email == null ? null : email.toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a comment's author is this person.
   *
   * @param author the comment's author
   * @return whether the email (ignoring case) or the user id matches
   */
  public boolean matches(Author author) {
    Objects.requireNonNull(author, "author");
    String e = author.email();
    if (email != null && e != null && e.toLowerCase(Locale.ROOT).equals(normalizedEmail())) {
      return true;
    }
    return userId != null && userId.equals(author.userId());
  }
}
