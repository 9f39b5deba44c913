package dev.talkback.comments;

import dev.talkback.comments.internal.text.RenderedHtml;
import dev.talkback.comments.internal.text.TextPipeline;
import java.util.Objects;

/**
 * Renders and sanitizes comment text exactly as {@link Comments#post} does, for code that builds
 * {@link Comment}s itself: importers, migrations, tools. The HTML it returns has been through the same
 * immutable sanitizer policy as every posted comment, whatever the text came from, so text from another
 * system is never trusted.
 *
 * <pre>{@code
 * CommentRenderer renderer = CommentRenderer.create(ContentPolicy.defaults());
 * CommentRenderer.Result r = renderer.render("<p>Hi <script>x()</script></p>", Format.HTML);
 * Comment.builder().source(r.source()).format(Format.HTML).html(r.html()) ...
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CommentRenderer {
  private final TextPipeline pipeline;

  private CommentRenderer(ContentPolicy policy) {
    this.pipeline = new TextPipeline(policy);
  }

  /**
   * A renderer that applies {@code policy}'s length limit and image setting.
   *
   * @param policy the content policy
   * @return the renderer
   */
  public static CommentRenderer create(ContentPolicy policy) {
    return new CommentRenderer(Objects.requireNonNull(policy, "policy"));
  }

  /**
   * Normalizes, renders and sanitizes a comment body, as posting does.
   *
   * @param source the text as written
   * @param format its markup
   * @return the normalized source (what to store as {@link Comment#source()}) and the sanitized HTML
   * @throws CommentValidationException on field {@code text} if nothing is left to show or the text is
   *     longer than the policy allows
   */
  public Result render(String source, Format format) {
    RenderedHtml r = pipeline.renderHtml(source, format);
    return new Result(r.source(), r.html());
  }

  /**
   * Unicode clean-up for any text field (an author's name, a thread title), as posting applies it: NFC,
   * {@code \n} line ends, no control, zero-width or bidi-override characters. Idempotent.
   *
   * @param text the text
   * @return the cleaned-up text
   */
  public String normalize(String text) {
    return pipeline.normalize(text);
  }

  /**
   * A rendered comment body.
   *
   * @param source the normalized source text
   * @param html the sanitized HTML, safe to put in a page
   */
  public record Result(String source, String html) {
    /**
     * Checks that neither part is null.
     *
     * @param source the source text
     * @param html the sanitized HTML
     */
    public Result {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(html, "html");
    }
  }
}
