package dev.talkback.comments.internal.text;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * CommonMark to HTML with commonmark-java, shaped for comments: headings become bold paragraphs (a comment
 * has no business outranking the article's headings), thematic breaks are dropped, and, unless images are
 * allowed, an image becomes a link to it labelled with its alt text. Raw HTML is passed through untouched:
 * the sanitizer, not this renderer, decides what survives. Parser and renderers are immutable and shared.
 */
final class MarkdownRenderer {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer WITH_IMAGES = renderer(true);
  private static final HtmlRenderer WITHOUT_IMAGES = renderer(false);

  private MarkdownRenderer() {}

  static String toHtml(String markdown, boolean allowImages) {
    Node document = PARSER.parse(markdown);
    return (allowImages ? WITH_IMAGES : WITHOUT_IMAGES).render(document);
  }

  private static HtmlRenderer renderer(boolean allowImages) {
    return HtmlRenderer.builder()
        .escapeHtml(false)
        .sanitizeUrls(false)
        .percentEncodeUrls(true)
        .nodeRendererFactory(context -> new CommentNodeRenderer(context, allowImages))
        .build();
  }

  /** Renders the nodes whose default HTML a comment should not have. */
  private static final class CommentNodeRenderer implements NodeRenderer {
    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;
    private final boolean allowImages;

    CommentNodeRenderer(HtmlNodeRendererContext context, boolean allowImages) {
      this.context = context;
      this.html = context.getWriter();
      this.allowImages = allowImages;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return allowImages
          ? Set.of(Heading.class, ThematicBreak.class)
          : Set.of(Heading.class, ThematicBreak.class, Image.class);
    }

    @Override
    public void render(Node node) {
      if (node instanceof Heading) {
        html.line();
        html.tag("p");
        html.tag("strong");
        renderChildren(node);
        html.tag("/strong");
        html.tag("/p");
        html.line();
      } else if (node instanceof Image image) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("href", context.encodeUrl(image.getDestination()));
        html.tag("a", attrs);
        if (image.getFirstChild() == null) {
          html.text(image.getDestination());
        } else {
          renderChildren(node);
        }
        html.tag("/a");
      }
      // ThematicBreak: nothing.
    }

    private void renderChildren(Node parent) {
      Node child = parent.getFirstChild();
      while (child != null) {
        Node next = child.getNext();
        context.render(child);
        child = next;
      }
    }
  }
}
