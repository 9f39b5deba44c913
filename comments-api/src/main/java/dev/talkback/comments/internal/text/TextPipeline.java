package dev.talkback.comments.internal.text;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.owasp.html.PolicyFactory;

/**
 * Turns what an author typed into what readers see: normalize (NFC, line breaks, no control, zero-width or
 * bidi-override characters), render (PLAIN escaped, MARKDOWN through commonmark, HTML as given), sanitize
 * with the immutable OWASP policy of {@link HtmlPolicies} (the security boundary, applied to every format),
 * then post-process with jsoup (URLs linked, {@code rel="nofollow ugc noopener"} on every link, link count,
 * plain text). Sanitizing is idempotent: the HTML it produces, rendered again as {@link Format#HTML}, comes
 * back unchanged.
 *
 * <p>Immutable and thread-safe; one per {@link ContentPolicy}.
 */
public final class TextPipeline {
  private static final String NOTHING_LEFT =
      "must not be empty: nothing is left once the markup that is not allowed is removed";
  private final ContentPolicy policy;
  private final PolicyFactory htmlPolicy;
  private final AuthorNormalizer authors;

  /** A pipeline that applies {@code policy}'s limits and image setting. */
  public TextPipeline(ContentPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.htmlPolicy = HtmlPolicies.forContent(policy);
    this.authors = new AuthorNormalizer(policy);
  }

  /** The limits this pipeline applies. */
  public ContentPolicy policy() {
    return policy;
  }

  /**
   * Unicode clean-up for any text field: NFC; {@code \r\n} and {@code \r} become {@code \n}; C0 and C1
   * control characters other than {@code \n} and {@code \t} are removed, as are the zero-width characters
   * U+200B, U+200C, U+2060, U+FEFF and the bidi embeddings, overrides and isolates U+202A–U+202E and
   * U+2066–U+2069. U+200D ZERO WIDTH JOINER stays only between two emoji, so emoji sequences survive.
   * Surrogate pairs are kept whole; a lone surrogate becomes U+FFFD. Idempotent.
   */
  public String normalize(String s) {
    return TextNormalizer.normalize(Objects.requireNonNull(s, "s"));
  }

  /**
   * Renders a comment body, or adds violations of the field {@code "text"} and returns null: when nothing is
   * left after normalizing and trimming, when it is longer than {@link ContentPolicy#maxBodyLength()}
   * characters (code points), or when sanitizing leaves nothing to show.
   *
   * @return the rendering, or null if and only if at least one violation was added
   */
  public @Nullable Rendered render(String source, Format format, List<Violation> violations) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    String text = checked(source, violations);
    if (text == null) {
      return null;
    }
    Element root = sanitize(text, format);
    PlainText.Summary summary = PlainText.of(root);
    if (summary.isEmpty()) {
      violations.add(new Violation("text", NOTHING_LEFT));
      return null;
    }
    return new Rendered(text, root.html(), summary.text(), summary.links());
  }

  /**
   * Renders a comment body like {@link #render(String, Format)}, for callers that keep only the source and
   * the HTML ({@code CommentRenderer}: importers): the same checks, the same HTML and the same violations,
   * without building the plain text, which cost importers a tenth of their rendering time.
   *
   * @return the normalized source and the sanitized HTML
   * @throws CommentValidationException if the body is empty or too long
   */
  public RenderedHtml renderHtml(String source, Format format) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(format, "format");
    List<Violation> violations = new ArrayList<>(1);
    String text = checked(source, violations);
    if (text != null) {
      Element root = sanitize(text, format);
      if (!PlainText.showsNothing(root)) {
        return new RenderedHtml(text, root.html());
      }
      violations.add(new Violation("text", NOTHING_LEFT));
    }
    throw new CommentValidationException(violations);
  }

  /** The normalized and trimmed body, or null with a violation added if it is blank or too long. */
  private @Nullable String checked(String source, List<Violation> violations) {
    String text = trim(normalize(source));
    if (TextNormalizer.isBlank(text)) {
      violations.add(new Violation("text", "must not be empty"));
      return null;
    }
    int length = TextNormalizer.length(text);
    if (length > policy.maxBodyLength()) {
      violations.add(new Violation("text",
          "must be at most " + policy.maxBodyLength() + " characters (it has " + length + ")"));
      return null;
    }
    return text;
  }

  /**
   * Renders a comment body like {@link #render(String, Format, List)}.
   *
   * @throws CommentValidationException if the body is empty or too long
   */
  public Rendered render(String source, Format format) {
    List<Violation> violations = new ArrayList<>(1);
    Rendered rendered = render(source, format, violations);
    if (rendered == null) {
      throw new CommentValidationException(violations);
    }
    return rendered;
  }

  /**
   * Validates and normalizes the author's fields, adding a violation per bad field ({@code author.name},
   * {@code author.email}, {@code author.website}, {@code author.userId}):
   *
   * <ul>
   *   <li>name: normalized, white space (line breaks included) collapsed to single spaces and stripped, at
   *       most {@link ContentPolicy#maxNameLength()} characters; may be empty (anonymous);
   *   <li>email: optional (blank means none); trimmed, {@code local@domain.tld} with a dotted domain, at
   *       most {@link ContentPolicy#maxEmailLength()} characters; the domain is lower-cased;
   *   <li>website: optional (blank means none); http or https only ({@code example.org} becomes {@code
   *       https://example.org}), no user name or password, host lower-cased and in ASCII (IDNA), at most
   *       {@link ContentPolicy#maxWebsiteLength()} characters;
   *   <li>userId: optional (blank means none); normalized and trimmed, at most 255 characters.
   * </ul>
   *
   * @return the normalized author; if a violation was added it must not be stored
   */
  public Author normalizeAuthor(Author author, List<Violation> violations) {
    return authors.normalize(Objects.requireNonNull(author, "author"), violations);
  }

  /**
   * A plain-text excerpt of sanitized HTML for feeds and notifications: white space collapsed, at most
   * {@link ContentPolicy#excerptLength()} characters, cut at a word boundary and ended with "…" when longer.
   */
  public String excerpt(String html) {
    return excerpt(html, policy.excerptLength());
  }

  /**
   * A plain-text excerpt of sanitized HTML, as {@link #excerpt(String)} makes it.
   *
   * @param html sanitized HTML
   * @param length the longest excerpt, in characters
   * @return the excerpt
   */
  public static String excerpt(String html, int length) {
    String text = PlainText.oneLine(parse(html).text());
    return PlainText.shorten(text, length);
  }

  /**
   * Shortens sanitized HTML so that its text has at most {@code maxTextChars} characters (code points),
   * "…" included, cutting at a word boundary. The open elements around the cut are closed, so the result is
   * well formed; nothing is added but the ellipsis. HTML that fits comes back unchanged.
   *
   * @param html HTML produced by {@link #render}
   * @throws IllegalArgumentException if {@code maxTextChars} is less than 1
   */
  public String truncateHtml(String html, int maxTextChars) {
    if (maxTextChars < 1) {
      throw new IllegalArgumentException("maxTextChars must be positive: " + maxTextChars);
    }
    Element root = parse(html);
    return PlainText.truncate(root, maxTextChars) ? root.html() : html;
  }

  private Element sanitize(String text, Format format) {
    return switch (format) {
      case PLAIN -> Sanitizer.sanitize(PlainTextRenderer.render(text), htmlPolicy);
      case MARKDOWN -> Sanitizer.sanitize(MarkdownRenderer.toHtml(text, policy.allowImages()), htmlPolicy);
      case HTML -> Sanitizer.sanitize(text, htmlPolicy);
    };
  }

  private static Element parse(String html) {
    Document doc = Jsoup.parseBodyFragment(Objects.requireNonNull(html, "html"));
    doc.outputSettings().prettyPrint(false);
    return doc.body();
  }

  /**
   * Drops trailing white space and leading blank lines, but not the indentation of the first line, which
   * means something in Markdown (an indented code block).
   */
  private static String trim(String s) {
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        start = i + 1;
      } else if (!TextNormalizer.isSpace(c)) {
        break;
      }
    }
    int end = s.length();
    while (end > start && TextNormalizer.isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }
}
