package dev.talkback.comments.internal.text;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.Format;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** PLACEHOLDER: replaced by the real pipeline. Escapes everything. */
public final class TextPipeline {
  private final ContentPolicy policy;

  public TextPipeline(ContentPolicy policy) {
    this.policy = policy;
  }

  public ContentPolicy policy() {
    return policy;
  }

  public String normalize(String s) {
    return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC);
  }

  public @Nullable Rendered render(String source, Format format, List<Violation> violations) {
    String s = normalize(source).strip();
    if (s.isEmpty()) {
      violations.add(new Violation("text", "must not be empty"));
      return null;
    }
    String esc = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;");
    return new Rendered(s, "<p>" + esc + "</p>", s, 0);
  }

  public Rendered render(String source, Format format) {
    List<Violation> v = new ArrayList<>();
    Rendered r = render(source, format, v);
    if (r == null) {
      throw new CommentValidationException(v);
    }
    return r;
  }

  public Author normalizeAuthor(Author author, List<Violation> violations) {
    return author;
  }

  public String excerpt(String html) {
    return html;
  }
}
