package dev.talkback.comments.internal.text;

import java.util.ArrayList;
import java.util.List;
import org.owasp.html.HtmlStreamEventReceiver;

/**
 * Plain text as HTML structure: blank lines separate {@code <p>} paragraphs, single line breaks become
 * {@code <br>}. The text itself is never parsed as markup (it reaches the tree as text, so it is escaped on
 * output); URLs are linked later by {@link AutoLinker}.
 */
final class PlainTextRenderer {
  private PlainTextRenderer() {}

  /** The paragraphs of normalized plain text, each a list of lines, as events for the policy. */
  static Events render(String text) {
    List<List<String>> paragraphs = new ArrayList<>();
    List<String> paragraph = new ArrayList<>();
    int start = 0;
    int n = text.length();
    while (start <= n) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      String line = text.substring(start, end).strip();
      if (line.isEmpty()) {
        if (!paragraph.isEmpty()) {
          paragraphs.add(paragraph);
          paragraph = new ArrayList<>();
        }
      } else {
        paragraph.add(line);
      }
      start = end + 1;
    }
    if (!paragraph.isEmpty()) {
      paragraphs.add(paragraph);
    }
    return new Events(paragraphs);
  }

  /** Paragraphs of lines, replayed as HTML stream events. */
  static final class Events {
    private final List<List<String>> paragraphs;

    private Events(List<List<String>> paragraphs) {
      this.paragraphs = paragraphs;
    }

    void emitTo(HtmlStreamEventReceiver out) {
      for (int p = 0; p < paragraphs.size(); p++) {
        if (p > 0) {
          out.text("\n");
        }
        out.openTag("p", new ArrayList<>(0)); // a policy may edit the list it is given
        List<String> lines = paragraphs.get(p);
        for (int i = 0; i < lines.size(); i++) {
          if (i > 0) {
            out.openTag("br", new ArrayList<>(0));
          }
          out.text(lines.get(i));
        }
        out.closeTag("p");
      }
    }
  }
}
