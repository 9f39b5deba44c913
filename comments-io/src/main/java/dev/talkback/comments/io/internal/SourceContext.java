package dev.talkback.comments.io.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentRenderer;
import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.io.ImportProblem;
import dev.talkback.comments.io.ThreadKeyMapping;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What every parser needs: the site, the source's name for derived ids, the key mapping and the renderer
 * that sanitizes every body.
 *
 * @param site the site imported into
 * @param source the source's name in derived ids (the format's id unless the caller chose another)
 * @param keys how post URLs become thread keys
 * @param renderer the sanitizer, the same as posting uses
 */
public record SourceContext(SiteId site, String source, ThreadKeyMapping keys, CommentRenderer renderer) {
  /** Runs of white space in a name, which become one space (compiled once: it was 4% of the first pass). */
  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

  /**
   * Checks the arguments.
   *
   * @param renderer the renderer
   * @param site the site
   * @param source the source text
   * @param keys how post URLs become thread keys
   */
  public SourceContext {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(renderer, "renderer");
  }

  /**
   * Renders and sanitizes a body. One that sanitizes to nothing keeps its source and gets empty HTML, with
   * a problem reported.
   *
   * @param text the text
   * @param format the file format
   * @param line the line (1-based), or 0
   * @param column the column (1-based), or 0
   * @param id the record's id in its source
   * @param sink where problems go
   * @return the normalized source and the sanitized HTML (empty if nothing is left)
   */
  public CommentRenderer.Result render(String text, Format format, long line, long column, String id,
      Consumer<ImportProblem> sink) {
    try {
      return renderer.render(text, format);
    } catch (CommentValidationException e) {
      sink.accept(new ImportProblem(line, column, id,
          "the text has nothing to show once sanitized; kept with empty HTML: " + e.getMessage()));
      return new CommentRenderer.Result(renderer.normalize(text), "");
    }
  }

  /**
   * An author from a source's fields: the name normalized, blank fields dropped.
   *
   * @param name the name
   * @param email the email, or null
   * @param website the website, or null
   * @param userId the host user id, or null
   * @return an author from a source's fields: the name normalized, blank fields dropped
   */
  public Author author(@Nullable String name, @Nullable String email, @Nullable String website,
      @Nullable String userId) {
    String n = name == null ? "" : WHITE_SPACE.matcher(renderer.normalize(name)).replaceAll(" ").strip();
    return new Author(n, blankToNull(email), blankToNull(website), blankToNull(userId));
  }

  /**
   * The text stripped, or null if blank or null.
   *
   * @param s the text, or null
   * @return the text stripped, or null if blank or null
   */
  public static @Nullable String blankToNull(@Nullable String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
