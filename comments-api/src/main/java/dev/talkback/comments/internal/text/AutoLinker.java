package dev.talkback.comments.internal.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jspecify.annotations.Nullable;

/**
 * Turns bare {@code http://}, {@code https://} and {@code www.} addresses in text into links, outside
 * existing links and code. Shared by every format (commonmark's own autolink extension is deliberately not
 * used: one rule for all formats, and no extra dependency). The targets go through the same URL check and
 * normalization as written links ({@link HtmlPolicies#linkTarget}).
 */
final class AutoLinker {
  /**
   * A candidate: a scheme or "www." not glued to a preceding word, then anything up to white space or a
   * character that cannot be in a URL typed in text. Possessive, so no backtracking on long input.
   */
  private static final Pattern CANDIDATE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}_@./:+\\-])(?:[hH][tT][tT][pP][sS]?://|[wW][wW][wW]\\.)"
              + "[^\\s\\p{Z}<>\"`\\x00-\\x1F\\x7F]++");

  /** A host name with at least one dot: letters and digits of any script, inner hyphens. */
  private static final Pattern HOST =
      Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*+(?<=[\\p{L}\\p{N}]))?"
          + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*+(?<=[\\p{L}\\p{N}]))?)++");

  private AutoLinker() {}

  /** Links the addresses in the text below {@code root}. */
  static void link(Element root) {
    List<Node> children = new ArrayList<>(root.childNodes());
    for (Node child : children) {
      if (child instanceof TextNode text) {
        linkText(text);
      } else if (child instanceof Element element && !isOpaque(element)) {
        link(element);
      }
    }
  }

  private static boolean isOpaque(Element e) {
    String name = e.normalName();
    return name.equals("a") || name.equals("code") || name.equals("pre");
  }

  private static void linkText(TextNode node) {
    String text = node.getWholeText();
    if (!mayContainUrl(text)) {
      return;
    }
    Matcher m = CANDIDATE.matcher(text);
    List<Node> parts = null;
    int done = 0;
    while (m.find()) {
      int end = trimEnd(text, m.start(), m.end());
      String shown = text.substring(m.start(), end);
      String target = target(shown);
      if (target == null) {
        continue;
      }
      if (parts == null) {
        parts = new ArrayList<>();
      }
      if (m.start() > done) {
        parts.add(new TextNode(text.substring(done, m.start())));
      }
      Element a = new Element("a");
      a.attr("href", target).attr("rel", HtmlPolicies.LINK_REL);
      a.appendChild(new TextNode(shown));
      parts.add(a);
      done = end;
    }
    if (parts == null) {
      return;
    }
    if (done < text.length()) {
      parts.add(new TextNode(text.substring(done)));
    }
    if (!(node.parentNode() instanceof Element parent)) {
      return; // a detached text node: nothing to link into
    }
    int index = node.siblingIndex();
    node.remove();
    parent.insertChildren(index, parts);
  }

  private static boolean mayContainUrl(String text) {
    if (text.indexOf("://") >= 0) {
      return true;
    }
    for (int i = text.indexOf('.'); i >= 3; i = text.indexOf('.', i + 1)) {
      if (text.regionMatches(true, i - 3, "www", 0, 3)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Drops trailing punctuation that usually ends the sentence rather than the URL, and a closing
   * parenthesis without an opening one inside the URL ("(see https://example.org/a)").
   */
  static int trimEnd(String text, int start, int end) {
    while (end > start) {
      char c = text.charAt(end - 1);
      if ("?!.,:;*_~'\"".indexOf(c) >= 0) {
        end--;
      } else if (c == ')' && count(text, start, end, ')') > count(text, start, end, '(')) {
        end--;
      } else if (c == ']' && count(text, start, end, ']') > count(text, start, end, '[')) {
        end--;
      } else {
        break;
      }
    }
    return end;
  }

  private static int count(String s, int start, int end, char c) {
    int n = 0;
    for (int i = start; i < end; i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  /** The href for a candidate, or null when it is not a plausible web address. */
  private static @Nullable String target(String shown) {
    String url;
    if (shown.regionMatches(true, 0, "www.", 0, 4)) {
      url = "https://" + shown;
    } else if (shown.regionMatches(true, 0, "http://", 0, 7) || shown.regionMatches(true, 0, "https://", 0, 8)) {
      url = shown;
    } else {
      return null;
    }
    int hostStart = url.indexOf("://") + 3;
    int hostEnd = hostStart;
    while (hostEnd < url.length() && "/?#:".indexOf(url.charAt(hostEnd)) < 0) {
      hostEnd++;
    }
    if (!HOST.matcher(url).region(hostStart, hostEnd).matches()) {
      return null; // "http://", "www.", "http://user@host", "http://localhost": not linked
    }
    return HtmlPolicies.linkTarget(url);
  }
}
