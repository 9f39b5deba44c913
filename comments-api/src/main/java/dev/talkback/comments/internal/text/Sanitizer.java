package dev.talkback.comments.internal.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;
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
    Nodes nodes = new Nodes();
    root.traverse(nodes);
    if (!nodes.listItems.isEmpty()) {
      wrapStrayListItems(nodes.listItems);
    }
    if (!nodes.lists.isEmpty()) {
      wrapListContent(nodes.lists);
    }
    unwrapParagraphsWithBlocks(nodes.blocks, root);
    dropLeadingOverlays(nodes.texts);
    trimRoot(root);
    for (Element a : nodes.links) {
      String href = a.attr("href");
      a.clearAttributes();
      a.attr("href", href).attr("rel", HtmlPolicies.LINK_REL);
    }
    for (Element img : nodes.images) {
      String src = img.attr("src");
      boolean hasAlt = img.hasAttr("alt");
      String alt = img.attr("alt");
      img.clearAttributes();
      img.attr("src", src);
      if (hasAlt) {
        img.attr("alt", alt);
      }
    }
    AutoLinker.link(root); // its links are made with href and rel in place
  }

  /** The nodes post-processing works on, collected in one pass. */
  private static final class Nodes implements NodeVisitor {
    final List<Element> listItems = new ArrayList<>();
    final List<Element> lists = new ArrayList<>();
    final List<Element> blocks = new ArrayList<>();
    final List<Element> links = new ArrayList<>();
    final List<Element> images = new ArrayList<>();
    final List<TextNode> texts = new ArrayList<>();

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode t) {
        texts.add(t);
        return;
      }
      if (!(node instanceof Element e) || depth == 0) {
        return;
      }
      switch (e.normalName()) {
        case "a" -> links.add(e);
        case "img" -> images.add(e);
        case "li" -> {
          listItems.add(e);
          blocks.add(e);
        }
        case "ul", "ol" -> {
          lists.add(e);
          blocks.add(e);
        }
        case "p", "pre", "blockquote" -> blocks.add(e);
        default -> { }
      }
    }
  }

  /**
   * A list item outside a list (OWASP's tag balancer lets one through when the list was a dropped element
   * such as {@code <select>}) goes into a {@code <ul>}, together with the list items right after it.
   * Otherwise the balancer would add that list when the output is sanitized again, and the result would not
   * be stable.
   */
  private static void wrapStrayListItems(List<Element> listItems) {
    for (Element li : listItems) {
      Element parent = li.parent();
      if (parent == null || parent.normalName().equals("ul") || parent.normalName().equals("ol")) {
        continue;
      }
      Element list = new Element("ul");
      li.before(list);
      Node next = li;
      while (next != null && (isElement(next, "li") || (isBlankText(next) && isElement(next.nextSibling(), "li")))) {
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
  private static void wrapListContent(List<Element> lists) {
    for (Element list : lists) {
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
  private static void unwrapParagraphsWithBlocks(List<Element> blocks, Element root) {
    List<Element> paragraphs = new ArrayList<>();
    for (Element block : blocks) {
      // jsoup's Node.equals is identity, the comparison meant here
      for (Element e = block.parent(); e != null && !e.equals(root); e = e.parent()) {
        if (e.normalName().equals("p") && !paragraphs.contains(e)) {
          paragraphs.add(e);
        }
      }
    }
    for (Element p : paragraphs) {
      Element parent = p.parent();
      p.unwrap();
      if (parent != null) {
        mergeAdjacentText(parent);
      }
    }
  }

  /** Joins neighbouring text nodes (and normalizes the result), as parsing the serialized tree would. */
  private static void mergeAdjacentText(Element parent) {
    for (int i = parent.childNodeSize() - 1; i > 0; i--) {
      Node node = parent.childNode(i);
      Node before = parent.childNode(i - 1);
      if (node instanceof TextNode second && before instanceof TextNode first) {
        first.text(TextNormalizer.normalize(first.getWholeText() + second.getWholeText()));
        node.remove();
      }
    }
  }

  private static boolean isElement(@Nullable Node node, String name) {
    return node instanceof Element e && e.normalName().equals(name);
  }

  /**
   * Serialized, a text node follows a {@code >}, and NFC fuses {@code >} and U+0338 COMBINING LONG SOLIDUS
   * OVERLAY into one character ({@code ≯}): normalizing the output again would break the tag. A combining
   * mark with nothing to combine with in its own text is noise, so it goes.
   */
  private static void dropLeadingOverlays(List<TextNode> texts) {
    for (TextNode node : texts) {
      if (node.parentNode() == null) {
        continue; // dropped or merged on the way
      }
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

  /**
   * Drops white space (in the wide sense of {@link TextNormalizer#isSpace}, as the source was trimmed)
   * before the first and after the last node, so the output never starts or ends with it.
   */
  private static void trimRoot(Element root) {
    while (root.childNodeSize() > 0 && root.childNode(0) instanceof TextNode) {
      TextNode first = (TextNode) root.childNode(0);
      String s = first.getWholeText();
      int i = 0;
      // An overlay that trimming brings to the front would go on the next pass (dropLeadingOverlays).
      while (i < s.length() && (TextNormalizer.isSpace(s.charAt(i)) || s.charAt(i) == COMBINING_LONG_SOLIDUS_OVERLAY)) {
        i++;
      }
      if (i < s.length()) {
        first.text(s.substring(i));
        break;
      }
      first.remove();
    }
    while (root.childNodeSize() > 0 && root.childNode(root.childNodeSize() - 1) instanceof TextNode) {
      TextNode last = (TextNode) root.childNode(root.childNodeSize() - 1);
      String s = last.getWholeText();
      int i = s.length();
      while (i > 0 && TextNormalizer.isSpace(s.charAt(i - 1))) {
        i--;
      }
      if (i > 0) {
        last.text(s.substring(0, i));
        break;
      }
      last.remove();
    }
  }

  /** Text of HTML white space only, which is what OWASP's balancer ignores between list items. */
  private static boolean isBlankText(@Nullable Node node) {
    if (!(node instanceof TextNode t)) {
      return false;
    }
    String s = t.getWholeText();
    for (int i = 0; i < s.length(); i++) {
      if (!isAsciiSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  /** The text nodes of the tree in document order. */
  static List<TextNode> textNodes(Element root) {
    List<TextNode> nodes = new ArrayList<>();
    root.traverse((node, depth) -> {
      if (node instanceof TextNode t) {
        nodes.add(t);
      }
    });
    return nodes;
  }
}
