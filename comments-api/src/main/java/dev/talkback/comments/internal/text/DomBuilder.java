package dev.talkback.comments.internal.text;

import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.owasp.html.HtmlStreamEventReceiver;

/**
 * Receives the events the OWASP policy lets through and builds a jsoup tree from them directly, so the
 * sanitized HTML is never serialized and parsed again before post-processing. The values it receives are
 * already decoded (no entities), so the text is normalized here once more: an entity such as
 * <code>&amp;#x202E;</code> in the input cannot smuggle a bidi override past {@link TextNormalizer}.
 */
final class DomBuilder implements HtmlStreamEventReceiver {
  private final Element root;
  private Element current;
  private final StringBuilder text = new StringBuilder();

  DomBuilder(Element root) {
    this.root = root;
    this.current = root;
  }

  @Override
  public void openDocument() {}

  @Override
  public void closeDocument() {
    flushText();
  }

  @Override
  public void openTag(String elementName, List<String> attrs) {
    flushText();
    Element element = new Element(elementName);
    for (int i = 0; i + 1 < attrs.size(); i += 2) {
      element.attr(attrs.get(i), TextNormalizer.normalize(attrs.get(i + 1)));
    }
    current.appendChild(element);
    if (!isVoid(elementName)) {
      current = element;
    }
  }

  @Override
  public void closeTag(String elementName) {
    flushText();
    // jsoup's Node.equals is identity, the comparison meant here
    for (Element e = current; e != null && !e.equals(root); e = e.parent()) {
      if (e.normalName().equals(elementName)) {
        current = e.parent() == null ? root : e.parent();
        return;
      }
    }
  }

  @Override
  public void text(String chunk) {
    text.append(chunk);
  }

  private void flushText() {
    if (text.length() == 0) {
      return;
    }
    String s = TextNormalizer.normalize(text.toString());
    text.setLength(0);
    if (!s.isEmpty()) {
      current.appendChild(new TextNode(s));
    }
  }

  static boolean isVoid(String elementName) {
    return elementName.equals("br") || elementName.equals("img");
  }
}
