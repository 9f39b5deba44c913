package dev.talkback.comments.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * An independent check of sanitized output, written against the rules rather than the implementation: the
 * HTML is parsed the way a browser parses it (jsoup's HTML5 tree builder) and every element, attribute and
 * URL is checked against the allowed sets.
 */
final class SafeHtml {
  static final Set<String> ELEMENTS =
      Set.of("p", "br", "a", "em", "strong", "i", "b", "code", "pre", "blockquote", "ul", "ol", "li", "del");

  private static final Map<String, Set<String>> ATTRIBUTES =
      Map.of("a", Set.of("href", "rel"), "img", Set.of("src", "alt"));

  private SafeHtml() {}

  /**
   * Renders {@code source} and checks the contract: either nothing is stored (an "empty" violation on
   * {@code text}) or the HTML is safe, and rendering it again as HTML gives the very same HTML.
   */
  static void assertSafeAndIdempotent(TextPipeline pipeline, String source, Format format) {
    List<Violation> violations = new ArrayList<>();
    Rendered rendered = pipeline.render(source, format, violations);
    if (rendered == null) {
      assertThat(violations).isNotEmpty();
      assertThat(violations).extracting(Violation::field).containsOnly("text");
      assertThat(violations).extracting(Violation::message)
          .allMatch(m -> m.startsWith("must not be empty") || m.startsWith("must be at most"));
      return;
    }
    assertThat(violations).isEmpty();
    boolean images = pipeline.policy().allowImages();
    assertThat(problems(rendered.html(), images)).as("problems in %s", rendered.html()).isEmpty();
    assertThat(rendered.html()).doesNotContainIgnoringCase("<script");

    Rendered again = pipeline.render(rendered.html(), Format.HTML, violations);
    assertThat(again).as("re-rendering %s", rendered.html()).isNotNull();
    assertThat(again.html()).as("re-rendering %s", rendered.html()).isEqualTo(rendered.html());
    assertThat(again.linkCount()).isEqualTo(rendered.linkCount());
    assertThat(again.text()).isEqualTo(rendered.text());
  }

  /** Every rule the output breaks; empty when the HTML is safe. */
  static List<String> problems(String html, boolean imagesAllowed) {
    return problems(html, imagesAllowed, true);
  }

  /** As {@link #problems(String, boolean)}, but any order of the three {@code rel} tokens will do. */
  static List<String> problemsInAnyRelOrder(String html, boolean imagesAllowed) {
    return problems(html, imagesAllowed, false);
  }

  private static List<String> problems(String html, boolean imagesAllowed, boolean exactRel) {
    List<String> problems = new ArrayList<>();
    Element body = Jsoup.parseBodyFragment(html).body();
    for (Element e : body.getAllElements()) {
      if (e == body) {
        continue;
      }
      String tag = e.normalName();
      if (!ELEMENTS.contains(tag) && !(imagesAllowed && tag.equals("img"))) {
        problems.add("element <" + tag + "> is not allowed");
      }
      Set<String> allowed = ATTRIBUTES.getOrDefault(tag, Set.of());
      for (Attribute attr : e.attributes()) {
        String name = attr.getKey().toLowerCase(Locale.ROOT);
        if (name.startsWith("on")) {
          problems.add("event handler " + name + " on <" + tag + ">");
        } else if (!allowed.contains(name)) {
          problems.add("attribute " + name + " on <" + tag + "> is not allowed");
        }
      }
      if (tag.equals("a")) {
        if (!e.hasAttr("href")) {
          problems.add("<a> without href");
        } else if (!isSafeUrl(e.attr("href"), true)) {
          problems.add("href " + e.attr("href") + " is not http, https or mailto");
        }
        String rel = e.attr("rel");
        boolean relOk = exactRel
            ? rel.equals("nofollow ugc noopener")
            : Set.of(rel.split(" ")).equals(Set.of("nofollow", "ugc", "noopener")) && rel.split(" ").length == 3;
        if (!relOk) {
          problems.add("rel is \"" + e.attr("rel") + "\"");
        }
      }
      if (tag.equals("img") && !isSafeUrl(e.attr("src"), false)) {
        problems.add("src " + e.attr("src") + " is not http or https");
      }
    }
    return problems;
  }

  /**
   * What a browser would treat as the URL's scheme: entities are already decoded by the parser; tab, line
   * feed and carriage return are removed anywhere, leading C0 controls and spaces are stripped, and the
   * scheme is compared case-insensitively.
   */
  static boolean isSafeUrl(String value, boolean allowMailto) {
    String url = value.replaceAll("[\\t\\n\\r]", "").replaceFirst("^[\\x00-\\x20]+", "").toLowerCase(Locale.ROOT);
    return url.startsWith("http://") || url.startsWith("https://") || (allowMailto && url.startsWith("mailto:"));
  }
}
