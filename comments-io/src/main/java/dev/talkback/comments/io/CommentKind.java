package dev.talkback.comments.io;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an imported comment was in its source: an ordinary comment, or a pingback or trackback (a
 * notification that another page links here).
 *
 * <p>Talkback's model has no kind field, so a pingback or trackback is kept as an ordinary {@link Comment}
 * marked two ways: its {@linkplain Author#userId() host user id} is the reserved value {@link #userId()}
 * ({@code "talkback:pingback"} or {@code "talkback:trackback"}; hosts must not use ids starting with
 * {@code "talkback:"}), and it is never {@code APPROVED}: the importer stores it as {@code DELETED} (or
 * {@code SPAM} if the source says spam), so readers never see it as a comment while it stays in the store
 * and in every export.
 */
public enum CommentKind {
  /** An ordinary comment. */
  COMMENT(null),
  /** A WordPress pingback. */
  PINGBACK("talkback:pingback"),
  /** A trackback. */
  TRACKBACK("talkback:trackback");

  private final @Nullable String userId;

  CommentKind(@Nullable String userId) {
    this.userId = userId;
  }

  /**
   * The reserved host user id that marks this kind; {@code null} for {@link #COMMENT}.
   *
   * @return the reserved host user id that marks this kind; {@code null} for {@link #COMMENT}
   */
  public @Nullable String userId() {
    return userId;
  }

  /**
   * The kind of a stored comment, from its author's marker.
   *
   * @param comment a stored comment
   * @return the kind of a stored comment, from its author's marker
   */
  public static CommentKind of(Comment comment) {
    return of(comment.author());
  }

  /**
   * The kind an author's marker says.
   *
   * @param author the author
   * @return the kind an author's marker says
   */
  public static CommentKind of(Author author) {
    String id = Objects.requireNonNull(author, "author").userId();
    if (id != null) {
      for (CommentKind k : values()) {
        if (id.equals(k.userId)) {
          return k;
        }
      }
    }
    return COMMENT;
  }

  /**
   * The author marked as this kind ({@link #COMMENT} leaves the user id as it is).
   *
   * @param author the author
   * @return the author marked as this kind ({@link #COMMENT} leaves the user id as it is)
   */
  public Author mark(Author author) {
    return userId == null ? author : author.withUserId(userId);
  }
}
