package dev.talkback.comments.internal.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jspecify.annotations.Nullable;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.PolicyFactory;

/**
 * Sanitizes HTML with an OWASP policy into a jsoup tree, then post-processes the tree: bare URLs become
 * links, every link gets exactly {@code rel="nofollow ugc noopener"} and its attributes in one order. The
 * result serializes the same whether it was built from the author's input or from its own output fed back
 * in, which is what makes sanitizing idempotent.
 */
final class Sanitizer {
  private static final char COMBINING_LONG_SOLIDUS_OVERLAY = '\u0338';

  private static final Set<String> BLOCKS = Set.of("p", "ul", "ol", "li", "pre", "blockquote");

  private Sanitizer() {}

  /** Sanitizes an HTML string (the HTML format, or what commonmark rendered). */
  static Element sanitize(String html, PolicyFactory policy) {
    Element root = newRoot();
    HtmlSanitizer.sanitize(html, policy.apply(new DomBuilder(root)));
    postProcess(root);
    return root;
  }

  /**
   * Feeds events straight to the policy, for plain text, whose structure Talkback builds itself: no
   * escaping and lexing, but still nothing reaches the tree that the policy did not let through.
   */
  static Element sanitize(PlainTextRenderer.Events events, PolicyFactory policy) {
    Element root = newRoot();
    HtmlSanitizer.Policy receiver = policy.apply(new DomBuilder(root));
    receiver.openDocument();
    events.emitTo(receiver);
    receiver.closeDocument();
    postProcess(root);
    return root;
  }

  /** An empty body element of a document that serializes compactly (no pretty printing), in UTF-8. */
  static Element newRoot() {
    Document doc = Document.createShell("");
    doc.outputSettings()
        .prettyPrint(false)
        .charset(StandardCharsets.UTF_8)
        .escapeMode(Entities.EscapeMode.base);
    return doc.body();
  }

  private static void postProcess(Element root) {
    wrapStrayListItems(root);
    wrapListContent(root);
    unwrapParagraphsWithBlocks(root);
    trimRoot(root);
    AutoLinker.link(root);
    dropLeadingOverlays(root);
    for (Element a : root.getElementsByTag("a")) {
      String href = a.attr("href");
      a.clearAttributes();
      a.attr("href", href).attr("rel", HtmlPolicies.LINK_REL);
    }
    for (Element img : root.getElementsByTag("img")) {
      String src = img.attr("src");
      boolean hasAlt = img.hasAttr("alt");
      String alt = img.attr("alt");
      img.clearAttributes();
      img.attr("src", src);
      if (hasAlt) {
        img.attr("alt", alt);
      }
    }
  }

  /**
   * A list item outside a list (OWASP's tag balancer lets one through when the list was a dropped element
   * such as {@code <select>}) goes into a {@code <ul>}, together with the list items right after it.
   * Otherwise the balancer would add that list when the output is sanitized again, and the result would not
   * be stable.
   */
  private static void wrapStrayListItems(Element root) {
    for (Element li : root.getElementsByTag("li")) {
      Element parent = li.parent();
      if (parent == null || parent.normalName().equals("ul") || parent.normalName().equals("ol")) {
        continue;
      }
      Element list = new Element("ul");
      li.before(list);
      Node next = li;
      while (next != null && (isElement(next, "li") || isBlankText(next) && isElement(next.nextSibling(), "li"))) {
        Node following = next.nextSibling();
        list.appendChild(next);
        next = following;
      }
    }
  }

  /**
   * Whatever sits directly in a list but is not a list item (text or elements that came out of dropped
   * markup) goes into a list item, one per run; white space before a run is dropped. That is what OWASP's tag
   * balancer does when it reads such a list, so the output is already in the shape it would give it.
   */
  private static void wrapListContent(Element root) {
    for (Element list : root.select("ul, ol")) {
      List<Node> children = new ArrayList<>(list.childNodes());
      Element item = null;
      for (Node child : children) {
        if (isElement(child, "li")) {
          item = null;
        } else if (item != null) {
          item.appendChild(child);
        } else if (isBlankText(child)) {
          child.remove();
        } else {
          item = new Element("li");
          child.before(item);
          item.appendChild(child);
        }
      }
    }
  }

  /**
   * A paragraph holding a block (only possible through a list OWASP's balancer implied inside it) is
   * replaced by its content: sanitized again, {@code <p><ul>} would become {@code <p></p><ul>}, so only a
   * tree without such nesting serializes to a fixed point.
   */
  private static void unwrapParagraphsWithBlocks(Element root) {
    for (Element p : root.getElementsByTag("p")) {
      if (p.parent() != null && containsBlock(p)) {
        p.unwrap();
      }
    }
  }

  private static boolean containsBlock(Element p) {
    for (Element e : p.getAllElements()) {
      if (e != p && BLOCKS.contains(e.normalName())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isElement(@Nullable Node node, String name) {
    return node instanceof Element && ((Element) node).normalName().equals(name);
  }

  /**
   * Serialized, a text node follows a {@code >}, and NFC fuses {@code >} and U+0338 COMBINING LONG SOLIDUS
   * OVERLAY into one character ({@code ≯}): normalizing the output again would break the tag. A combining
   * mark with nothing to combine with in its own text is noise, so it goes.
   */
  private static void dropLeadingOverlays(Element root) {
    for (TextNode node : textNodes(root)) {
      String s = node.getWholeText();
      int start = 0;
      while (start < s.length() && s.charAt(start) == COMBINING_LONG_SOLIDUS_OVERLAY) {
        start++;
      }
      if (start == s.length()) {
        node.remove();
      } else if (start > 0) {
        node.text(s.substring(start));
      }
    }
  }

  /** Drops white space before the first and after the last element or text, so output never starts with it. */
  private static void trimRoot(Element root) {
    while (root.childNodeSize() > 0 && isBlankText(root.childNode(0))) {
      root.childNode(0).remove();
    }
    while (root.childNodeSize() > 0 && isBlankText(root.childNode(root.childNodeSize() - 1))) {
      root.childNode(root.childNodeSize() - 1).remove();
    }
    if (root.childNodeSize() > 0 && root.childNode(0) instanceof TextNode) {
      TextNode first = (TextNode) root.childNode(0);
      first.text(stripLeadingAsciiSpace(first.getWholeText()));
    }
    if (root.childNodeSize() > 0 && root.childNode(root.childNodeSize() - 1) instanceof TextNode) {
      TextNode last = (TextNode) root.childNode(root.childNodeSize() - 1);
      last.text(stripTrailingAsciiSpace(last.getWholeText()));
    }
  }

  private static boolean isBlankText(Node node) {
    return node instanceof TextNode && stripLeadingAsciiSpace(((TextNode) node).getWholeText()).isEmpty();
  }

  private static String stripLeadingAsciiSpace(String s) {
    int i = 0;
    while (i < s.length() && isAsciiSpace(s.charAt(i))) {
      i++;
    }
    return s.substring(i);
  }

  private static String stripTrailingAsciiSpace(String s) {
    int i = s.length();
    while (i > 0 && isAsciiSpace(s.charAt(i - 1))) {
      i--;
    }
    return s.substring(0, i);
  }

  private static boolean isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  /** True if the tree shows nothing: no text but white space, and no image. */
  static boolean isEmpty(Element root) {
    return TextNormalizer.isBlank(root.text()) && root.getElementsByTag("img").isEmpty();
  }

  /** The number of links in the tree. */
  static int linkCount(Element root) {
    return root.getElementsByTag("a").size();
  }

  /** The text nodes of the tree in document order. */
  static List<TextNode> textNodes(Element root) {
    List<TextNode> nodes = new ArrayList<>();
    root.traverse((node, depth) -> {
      if (node instanceof TextNode) {
        nodes.add((TextNode) node);
      }
    });
    return nodes;
  }
}
