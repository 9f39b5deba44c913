package dev.talkback.comments.internal.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeVisitor;

/** Plain text out of sanitized HTML: the readable text, excerpts and well-formed truncation. */
final class PlainText {
  static final String ELLIPSIS = "…";

  /** Extended grapheme clusters; unlike Java 17's BreakIterator, this keeps emoji ZWJ sequences whole. */
  private static final Pattern GRAPHEME = Pattern.compile("\\X");

  private static final Set<String> BLOCKS = Set.of("p", "blockquote", "pre", "ul", "ol");

  private PlainText() {}

  /**
   * The text a reader sees, with the number of links and images: white space collapsed as a browser would (kept inside {@code <pre>}),
   * paragraphs separated by a blank line, line breaks and list items on their own line.
   */
  static Summary of(Element root) {
    TextCollector collector = new TextCollector();
    root.traverse(collector);
    return new Summary(collector.result(), collector.links, collector.images);
  }

  /**
   * Whether {@link #of}'s summary of the tree would be {@link Summary#isEmpty() empty} (no image, and no text
   * but white space), found without building the text: it stops at the first image or visible character.
   */
  static boolean showsNothing(Element root) {
    boolean[] shows = {false};
    root.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if ((node instanceof TextNode t && !TextNormalizer.isBlank(t.getWholeText()))
            || (node instanceof Element e && e.normalName().equals("img"))) {
          shows[0] = true;
          return FilterResult.STOP;
        }
        return FilterResult.CONTINUE;
      }
    });
    return !shows[0];
  }

  /** The text of a tree, and how many links and images it has. */
  record Summary(String text, int links, int images) {
    /** True if the tree shows nothing: no text but white space, and no image. */
    boolean isEmpty() {
      return images == 0 && TextNormalizer.isBlank(text);
    }
  }

  /** The text on one line, white space collapsed to single spaces. */
  static String oneLine(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0, n = text.length(); i < n; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (TextNormalizer.isSpace(cp)) {
        space = sb.length() > 0;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }

  /**
   * At most {@code max} characters (code points) of {@code text}: the whole text if it fits, else cut at
   * the last word boundary that leaves room for "…" (or inside a long word, between two user-perceived
   * characters), trailing punctuation dropped, then "…".
   */
  static String shorten(String text, int max) {
    if (TextNormalizer.length(text) <= max) {
      return text;
    }
    if (max <= 1) {
      return ELLIPSIS.substring(0, max);
    }
    int limit = text.offsetByCodePoints(0, max - 1); // chars [0, limit) fit before the ellipsis
    int cut;
    if (TextNormalizer.isSpace(text.codePointAt(limit))) {
      cut = limit; // the text breaks exactly there
    } else {
      cut = lastSpaceBefore(text, limit);
      if (cut <= limit / 2) {
        cut = graphemeBoundaryAtOrBefore(text, limit); // one long word: cut inside it
      }
    }
    String kept = stripTrailing(text.substring(0, cut));
    return kept + ELLIPSIS;
  }

  private static int lastSpaceBefore(String text, int limit) {
    for (int i = limit; i > 0; ) {
      int cp = text.codePointBefore(i);
      if (TextNormalizer.isSpace(cp)) {
        return i - Character.charCount(cp);
      }
      i -= Character.charCount(cp);
    }
    return 0;
  }

  /** The end of the last whole user-perceived character (extended grapheme cluster) before {@code limit}. */
  private static int graphemeBoundaryAtOrBefore(String text, int limit) {
    Matcher m = GRAPHEME.matcher(text);
    int boundary = 0;
    while (m.find() && m.end() <= limit) {
      boundary = m.end();
    }
    return boundary;
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (TextNormalizer.isSpace(cp) || ",;:.-–—".indexOf(cp) >= 0) {
        end -= Character.charCount(cp);
      } else {
        break;
      }
    }
    return s.substring(0, end);
  }

  /**
   * Cuts the tree so that its text has at most {@code max} characters, "…" included: the text node where
   * the limit falls is shortened at a word boundary and everything after it is removed; the elements around
   * it stay, so the serialized HTML is well formed. White-space runs count as one character and the white
   * space between blocks does not count. Returns false if the text fitted and nothing changed.
   */
  static boolean truncate(Element root, int max) {
    List<TextNode> nodes = new ArrayList<>();
    List<Integer> lengths = new ArrayList<>();
    int total = 0;
    for (TextNode node : Sanitizer.textNodes(root)) {
      int length = visibleLength(node);
      if (length > 0) {
        nodes.add(node);
        lengths.add(length);
        total += length;
      }
    }
    if (total <= max) {
      return false;
    }
    int budget = max - 1; // room for the ellipsis
    int used = 0;
    for (int i = 0; i < nodes.size(); i++) {
      TextNode node = nodes.get(i);
      if (used + lengths.get(i) <= budget) {
        used += lengths.get(i);
        continue;
      }
      if (used == budget && i > 0) {
        // The limit falls exactly between two texts: end the previous one rather than start an empty one.
        TextNode previous = nodes.get(i - 1);
        previous.text(stripTrailing(previous.getWholeText()) + ELLIPSIS);
        removeEverythingAfter(previous, root);
        return true;
      }
      String text = node.getWholeText();
      int cut = cutIndex(text, budget - used, isPreformatted(node));
      int wordCut = cut;
      if (cut < text.length() && !TextNormalizer.isSpace(text.codePointAt(cut))) {
        int space = lastSpaceBefore(text, cut);
        wordCut = space > 0 ? space : (used > 0 ? 0 : graphemeBoundaryAtOrBefore(text, cut));
      }
      node.text(stripTrailing(text.substring(0, wordCut)) + ELLIPSIS);
      removeEverythingAfter(node, root);
      return true;
    }
    throw new AssertionError("the text is longer than the limit but no node exceeds it");
  }

  /** The characters a node shows: white-space runs count once (except in {@code <pre>}), blank text none. */
  private static int visibleLength(TextNode node) {
    String text = node.getWholeText();
    if (isPreformatted(node)) {
      return TextNormalizer.length(text);
    }
    return TextNormalizer.isBlank(text) ? 0 : cutLength(text, Integer.MAX_VALUE, false)[1];
  }

  /** The index in {@code text} after {@code chars} visible characters. */
  private static int cutIndex(String text, int chars, boolean pre) {
    return cutLength(text, chars, pre)[0];
  }

  /** Walks {@code text} until {@code chars} visible characters: returns {index reached, characters seen}. */
  private static int[] cutLength(String text, int chars, boolean pre) {
    int seen = 0;
    boolean inSpace = false;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      boolean space = !pre && TextNormalizer.isSpace(cp);
      if (!(space && inSpace)) {
        if (seen == chars) {
          break;
        }
        seen++;
      }
      inSpace = space;
      i += Character.charCount(cp);
    }
    return new int[] {i, seen};
  }

  private static boolean isPreformatted(Node node) {
    for (Node n = node.parentNode(); n instanceof Element; n = n.parentNode()) {
      if (((Element) n).normalName().equals("pre")) {
        return true;
      }
    }
    return false;
  }

  private static void removeEverythingAfter(Node node, Element root) {
    // jsoup's Node.equals is identity, the comparison meant here
    for (Node n = node; n != null && !n.equals(root); n = n.parentNode()) {
      while (n.nextSibling() != null) {
        n.nextSibling().remove();
      }
    }
  }

  /** Collects text with block structure, collapsing white space outside {@code <pre>}. */
  private static final class TextCollector implements NodeVisitor {
    private final StringBuilder sb = new StringBuilder();
    private int pendingBreaks;
    private boolean pendingSpace;
    private int preDepth;
    int links;
    int images;

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode t) {
        text(t.getWholeText());
      } else if (node instanceof Element e) {
        String name = e.normalName();
        if (name.equals("a")) {
          links++;
        } else if (name.equals("img")) {
          images++;
        }
        if (name.equals("br")) {
          lineBreak(1, true);
        } else if (name.equals("li")) {
          lineBreak(1, false);
        } else if (BLOCKS.contains(name)) {
          lineBreak(2, false);
        }
        if (name.equals("pre")) {
          preDepth++;
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element e) {
        String name = e.normalName();
        if (name.equals("pre")) {
          preDepth--;
        }
        if (BLOCKS.contains(name)) {
          lineBreak(2, false);
        } else if (name.equals("li")) {
          lineBreak(1, false);
        }
      }
    }

    private void lineBreak(int count, boolean forced) {
      pendingSpace = false;
      if (forced) {
        pendingBreaks = Math.max(pendingBreaks, 0) + count;
      } else {
        pendingBreaks = Math.max(pendingBreaks, count);
      }
    }

    private void text(String text) {
      boolean pre = preDepth > 0;
      int n = text.length();
      for (int i = 0; i < n; ) {
        if (!pre && TextNormalizer.isSpace(text.charAt(i))) {
          pendingSpace = pendingBreaks == 0 && sb.length() > 0;
          i++;
          continue;
        }
        int end = i + 1; // a run without white space (no white space is a surrogate: pairs stay whole)
        while (end < n && (pre || !TextNormalizer.isSpace(text.charAt(end)))) {
          end++;
        }
        separate();
        sb.append(text, i, end);
        i = end;
      }
    }

    private void separate() {
      if (sb.length() > 0) {
        if (pendingBreaks > 0) {
          int have = 0; // a <pre> may already end with line breaks
          while (have < sb.length() && sb.charAt(sb.length() - 1 - have) == '\n') {
            have++;
          }
          for (int b = Math.min(pendingBreaks, 2) - have; b > 0; b--) {
            sb.append('\n');
          }
        } else if (pendingSpace) {
          sb.append(' ');
        }
      }
      pendingBreaks = 0;
      pendingSpace = false;
    }

    String result() {
      return sb.toString().stripTrailing();
    }
  }
}
