package dev.talkback.comments;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The input was refused: each {@link Violation} names a field and says what to fix. Nothing was stored.
 * HTTP 400 (malformed) or 422 (well-formed but invalid).
 */
public class CommentValidationException extends CommentsException {
  private static final long serialVersionUID = 2L;

  private final Violation[] violations;

  /**
   * An exception listing every refused field.
   *
   * @param violations at least one
   * @throws IllegalArgumentException if there is none
   */
  public CommentValidationException(List<Violation> violations) {
    super("validation_failed", describe(violations), null);
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a validation failure needs at least one violation");
    }
    this.violations = violations.toArray(new Violation[0]);
  }

  /**
   * One violation of one field.
   *
   * @param field the input field, such as {@code "text"}
   * @param message what is wrong and what to do
   * @return the exception
   */
  public static CommentValidationException of(String field, String message) {
    return new CommentValidationException(List.of(new Violation(field, message)));
  }

  /**
   * Every field that was refused, in the order they were checked.
   *
   * @return at least one violation; an immutable list
   */
  public List<Violation> violations() {
    return List.of(violations);
  }

  private static String describe(List<Violation> violations) {
    return violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
  }

  /**
   * One refused field.
   *
   * @param field the input field, such as {@code "text"} or {@code "author.email"}
   * @param message what is wrong and what to do, such as "must be at most 10000 characters (it has 12034)"
   */
  public record Violation(String field, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Checks that both parts are present.
     *
     * @param field the input field
     * @param message what is wrong and what to do
     * @throws NullPointerException if either is null
     */
    public Violation {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }
  }
}
