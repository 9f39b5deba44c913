package dev.talkback.comments.internal.text;

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

  /** Every rule the output breaks; empty when the HTML is safe. */
  static List<String> problems(String html, boolean imagesAllowed) {
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
        if (!e.attr("rel").equals("nofollow ugc noopener")) {
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
