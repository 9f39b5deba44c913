package dev.talkback.comments.internal.text;

import dev.talkback.comments.ContentPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.owasp.html.AttributePolicy;
import org.owasp.html.ElementPolicy;
import org.owasp.html.FilterUrlByProtocolAttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The OWASP policies that are Talkback's security boundary: one immutable {@link PolicyFactory} per
 * {@link ContentPolicy} variant, built once. Every comment body, whatever its format, passes through one of
 * them. They allow {@code p br a em strong i b code pre blockquote ul ol li del} (and {@code img} when images
 * are allowed), the attributes {@code a[href]}, {@code img[src alt]}, and only absolute {@code http}, {@code
 * https} and {@code mailto} link targets ({@code http} and {@code https} image sources). Everything else,
 * including every event handler, style, script and relative URL, is dropped.
 */
public final class HtmlPolicies {
  /** The elements allowed in every comment. */
  public static final Set<String> ELEMENTS =
      Set.of("p", "br", "a", "em", "strong", "i", "b", "code", "pre", "blockquote", "ul", "ol", "li", "del");

  /** The {@code rel} every link gets: no SEO credit, marked as user content, no window.opener. */
  public static final String LINK_REL = "nofollow ugc noopener";

  private static final List<String> PROTOCOLS = List.of("http", "https", "mailto");

  /** OWASP's own URL filter, also applied to the links Talkback creates, so they are normalized alike. */
  private static final AttributePolicy PROTOCOL_FILTER = new FilterUrlByProtocolAttributePolicy(PROTOCOLS);

  private static final AttributePolicy HREF = (element, attribute, value) -> absoluteUrl(value, true);
  private static final AttributePolicy SRC = (element, attribute, value) -> absoluteUrl(value, false);

  private static final PolicyFactory WITHOUT_IMAGES = base().toFactory();
  private static final PolicyFactory WITH_IMAGES =
      base()
          .allowElements(requiring("src"), "img")
          .allowAttributes("src")
          .matching(SRC)
          .onElements("img")
          .allowAttributes("alt")
          .onElements("img")
          .toFactory();

  private HtmlPolicies() {}

  /** The policy for {@code policy}: with or without images. */
  public static PolicyFactory forContent(ContentPolicy policy) {
    return policy.allowImages() ? WITH_IMAGES : WITHOUT_IMAGES;
  }

  private static HtmlPolicyBuilder base() {
    return new HtmlPolicyBuilder()
        .allowElements(ELEMENTS.toArray(String[]::new))
        .allowElements(requiring("href"), "a")
        .allowUrlProtocols(PROTOCOLS.toArray(String[]::new))
        .allowAttributes("href")
        .matching(HREF)
        .onElements("a")
        .requireRelsOnLinks("nofollow", "ugc", "noopener");
  }

  /** Drops the element (keeping its content) when its attribute did not survive the attribute policies. */
  private static ElementPolicy requiring(String attribute) {
    return (element, attrs) -> {
      for (int i = 0; i < attrs.size(); i += 2) {
        if (attrs.get(i).equals(attribute)) {
          return element;
        }
      }
      return null;
    };
  }

  /**
   * The URL a link Talkback creates itself (an auto-linked address) points to, normalized exactly as the
   * policy normalizes a written {@code href}; {@code null} if the policy would drop it.
   */
  static @Nullable String linkTarget(String url) {
    String checked = absoluteUrl(url, true);
    return checked == null ? null : PROTOCOL_FILTER.apply("a", "href", checked);
  }

  /**
   * Accepts only absolute {@code http://}, {@code https://} and (for links) {@code mailto:} URLs: no relative
   * or protocol-relative URL, so a comment cannot point into the host's own site under its authority.
   */
  static @Nullable String absoluteUrl(String value, boolean allowMailto) {
    String url = stripHtmlSpaces(value);
    String lower = url.length() > 8 ? url.substring(0, 8).toLowerCase(Locale.ROOT) : url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      return url.length() > (lower.startsWith("https://") ? 8 : 7) ? url : null;
    }
    if (allowMailto && lower.startsWith("mailto:") && url.length() > 7) {
      return url;
    }
    return null;
  }

  private static String stripHtmlSpaces(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isHtmlSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isHtmlSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isHtmlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }
}
