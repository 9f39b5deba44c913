package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A WXR export read back with a namespace-aware DOM, to check what its consumers read: the {@code <item>}s,
 * their child elements by namespace and name, and the raw text for what line-based readers see.
 */
final class ExportedWxr {
  static final String WP = "http://wordpress.org/export/1.2/";
  static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  static final String DSQ = "http://www.disqus.com/";
  /** What every {@code <wp:comment>} of Disqus's custom XML import format has (help.disqus.com, article 1717222). */
  static final List<String> DISQUS_COMMENT_FIELDS = List.of("comment_id", "comment_author", "comment_author_email",
      "comment_author_url", "comment_author_IP", "comment_date_gmt", "comment_content", "comment_approved",
      "comment_parent");

  final String text;
  final Document doc;

  ExportedWxr(byte[] export) {
    this.text = new String(export, StandardCharsets.UTF_8);
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      this.doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(export));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new AssertionError("the export is not well-formed XML", e);
    }
  }

  /** The namespace the root declares for {@code prefix}, or "" if it declares none. */
  String rootNamespace(String prefix) {
    return doc.getDocumentElement().getAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, prefix);
  }

  List<Element> items() {
    return children(only(doc.getDocumentElement(), "", "channel"), "", "item");
  }

  static List<Element> children(Element parent, String ns, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getLocalName())
          && ns.equals(e.getNamespaceURI() == null ? "" : e.getNamespaceURI())) {
        found.add(e);
      }
    }
    return found;
  }

  /** The single child {@code ns:name} of {@code parent}; fails if there is none or more than one. */
  static Element only(Element parent, String ns, String name) {
    List<Element> found = children(parent, ns, name);
    assertThat(found).as("<%s> in %s", name, ns.isEmpty() ? "no namespace" : ns).hasSize(1);
    return found.get(0);
  }

  /** The text of the single child {@code ns:name}. */
  static String text(Element parent, String ns, String name) {
    return only(parent, ns, name).getTextContent();
  }
}
