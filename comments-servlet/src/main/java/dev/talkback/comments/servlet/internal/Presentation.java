package dev.talkback.comments.servlet.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How the pages look and link out, as the host configured it: avatar images of its users, the blog's home
 * and logout URLs for the moderation page, and the page template the no-JS form's failure pages use.
 *
 * @param avatarUrls the host's avatar image URL for a user id (http(s) only is used), or empty for a generated one
 * @param blogUrl where the moderation page's "Back to the blog" goes, or {@code null} for the site root
 * @param logoutUrl the host's logout URL, or {@code null} for no logout link
 * @param formPageTemplate the HTML page the no-JS form's failure pages are put in, with {@link #SLOT} where
 *     the form goes (and optionally {@link #TITLE}), or {@code null} for Talkback's own page
 * @param siteName the blog's name, for the site feed's title ("Comments on My Blog"), or {@code null} for the site id
 */
public record Presentation(Function<String, Optional<String>> avatarUrls, @Nullable String blogUrl,
    @Nullable String logoutUrl, @Nullable String formPageTemplate, @Nullable String siteName) {
  /** The marker in a form page template that the form replaces. */
  public static final String SLOT = "<!--talkback-->";
  /** The marker in a form page template that the page's title replaces (escaped). */
  public static final String TITLE = "<!--talkback-title-->";
  /** Generated avatars, the site root, no logout link, Talkback's own failure page. */
  public static final Presentation DEFAULT = new Presentation(id -> Optional.empty(), null, null, null, null);

  /**
   * Checks the template has its slot.
   *
   * @param avatarUrls the host's avatar URLs by user id
   * @param blogUrl the blog's URL, or {@code null}
   * @param logoutUrl the logout URL, or {@code null}
   * @param formPageTemplate the failure page template, or {@code null}
   * @param siteName the blog's name, or {@code null}
   */
  public Presentation {
    Objects.requireNonNull(avatarUrls, "avatarUrls");
    if (formPageTemplate != null && !formPageTemplate.contains(SLOT)) {
      throw new IllegalArgumentException("the form page template must contain " + SLOT + " where the form goes");
    }
  }

  /**
   * A full page in the blog's look: the host's {@link #formPageTemplate} with {@code content} in its slot, or
   * Talkback's own plain page.
   *
   * @param lang the page's language tag
   * @param title the page's title, escaped here
   * @param content the page's body, HTML written by an {@code HtmlWriter}
   * @return the page's HTML
   */
  public String page(String lang, String title, String content) {
    String template = formPageTemplate;
    if (template == null) {
      template = "<!doctype html><html lang=\"" + Html.escape(lang) + "\"><head><meta charset=\"utf-8\">"
          + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          + "<meta name=\"color-scheme\" content=\"light dark\"><title>" + TITLE + "</title></head>"
          + "<body class=\"tb-page\"><main>" + SLOT + "</main></body></html>";
    }
    return template.replace(TITLE, Html.escape(title)).replace(SLOT, content);
  }
}
