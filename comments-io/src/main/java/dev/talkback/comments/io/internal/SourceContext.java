package dev.talkback.comments.io.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentRenderer;
import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.Format;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.io.ImportProblem;
import dev.talkback.comments.io.ThreadKeyMapping;
import dev.talkback.comments.spi.StorableText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
   * a problem reported. One whose text or HTML no store can keep (over {@link StorableText#MAX_LONG_TEXT_CHARS}
   * characters or {@link StorableText#MAX_LONG_TEXT_BYTES} bytes) is kept with its text shortened, and
   * reported, rather than the store's refusal stopping the import halfway.
   *
   * @param text the text
   * @param format the file format
   * @param line the line (1-based), or 0
   * @param column the column (1-based), or 0
   * @param id the record's id in its source
   * @param sink where problems go
   * @return the normalized source and the sanitized HTML (empty if nothing is left), each storable
   */
  public CommentRenderer.Result render(String text, Format format, long line, long column, String id,
      Consumer<ImportProblem> sink) {
    List<ImportProblem> problems = new ArrayList<>(0);
    CommentRenderer.Result body = renderOrEmpty(text, format, line, column, id, problems::add);
    if (storable(body)) {
      problems.forEach(sink);
      return body;
    }
    String whole = body.source();
    int keep = whole.length();
    CommentRenderer.Result shortened = body;
    while (!storable(shortened) && keep > 0) {
      // cut in proportion to the longer of text and HTML (escaped characters and added links make the HTML
      // longer), leaving room for the "…", and never between the two halves of a surrogate pair
      int longest = Math.max(shortened.source().length(), shortened.html().length());
      keep = Math.max(0, (int) ((long) keep * (StorableText.MAX_LONG_TEXT_CHARS - 1) / longest) - 1);
      int end = keep > 0 && Character.isLowSurrogate(whole.charAt(keep)) ? keep - 1 : keep;
      problems.clear(); // only what rendering the stored text found is reported
      shortened = renderOrEmpty(whole.substring(0, end) + "…", format, line, column, id, problems::add);
    }
    problems.forEach(sink);
    sink.accept(new ImportProblem(line, column, id, "kept with its text shortened to "
        + String.format(Locale.ROOT, "%,d of its %,d characters", shortened.source().length(), whole.length())
        + ", which no store can keep whole (at most " + String.format(Locale.ROOT, "%,d characters and %,d bytes",
            StorableText.MAX_LONG_TEXT_CHARS, StorableText.MAX_LONG_TEXT_BYTES) + " of text and of HTML)"));
    return shortened;
  }

  private CommentRenderer.Result renderOrEmpty(String text, Format format, long line, long column, String id,
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
   * Whether every store keeps a text and its HTML this long. Their lengths in characters are enough: a
   * character takes at most three bytes of UTF-8 (a surrogate pair's two take four), so a text within
   * MAX_LONG_TEXT_CHARS is within MAX_LONG_TEXT_BYTES too, and no comment pays for counting its bytes.
   */
  private static boolean storable(CommentRenderer.Result body) {
    return body.source().length() <= StorableText.MAX_LONG_TEXT_CHARS
        && body.html().length() <= StorableText.MAX_LONG_TEXT_CHARS;
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
