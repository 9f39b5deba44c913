package dev.talkback.comments.internal.text;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.ContentPolicy;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Validates and normalizes the author fields of a comment; each bad field adds its own violation. */
final class AuthorNormalizer {
  static final int MAX_USER_ID_LENGTH = 255;

  private static final String EMAIL_EXAMPLE = "must be an email address such as ada@example.org";
  private static final String WEBSITE_EXAMPLE = "must be a web address such as https://example.org";

  /** The characters RFC 5322 allows unquoted in a local part ("atext"), plus any non-ASCII (RFC 6531). */
  private static final String LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

  /** One DNS label in ASCII (after IDNA): letters, digits, inner hyphens, 1 to 63 characters. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  /** A top-level domain: letters only, or an IDNA A-label. */
  private static final Pattern TLD = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

  /** A scheme as URI syntax defines it, followed by a colon. */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  private final ContentPolicy policy;

  AuthorNormalizer(ContentPolicy policy) {
    this.policy = policy;
  }

  Author normalize(Author author, List<Violation> violations) {
    return new Author(
        name(author.name(), violations),
        email(author.email(), violations),
        website(author.website(), violations),
        userId(author.userId(), violations));
  }

  String name(String raw, List<Violation> violations) {
    String name = PlainText.oneLine(TextNormalizer.normalize(raw));
    tooLong("author.name", name, policy.maxNameLength(), violations);
    return name;
  }

  @Nullable String email(@Nullable String raw, List<Violation> violations) {
    if (raw == null) {
      return null;
    }
    String email = TextNormalizer.normalize(raw).strip();
    if (email.isEmpty()) {
      return null;
    }
    if (tooLong("author.email", email, policy.maxEmailLength(), violations)) {
      return email;
    }
    int at = email.lastIndexOf('@');
    if (at <= 0 || at == email.length() - 1 || !isLocalPart(email.substring(0, at))) {
      violations.add(new Violation("author.email", EMAIL_EXAMPLE));
      return email;
    }
    String domain = email.substring(at + 1).toLowerCase(Locale.ROOT);
    if (asciiDomain(domain) == null) {
      violations.add(new Violation("author.email", EMAIL_EXAMPLE + " (the part after @ is not a domain name)"));
      return email;
    }
    return email.substring(0, at) + "@" + domain;
  }

  @Nullable String website(@Nullable String raw, List<Violation> violations) {
    if (raw == null) {
      return null;
    }
    String website = TextNormalizer.normalize(raw).strip();
    if (website.isEmpty()) {
      return null;
    }
    String url = withScheme(website);
    String result = parseWebsite(url, violations);
    if (result == null) {
      return website;
    }
    tooLong("author.website", result, policy.maxWebsiteLength(), violations);
    return result;
  }

  @Nullable String userId(@Nullable String raw, List<Violation> violations) {
    if (raw == null) {
      return null;
    }
    String id = TextNormalizer.normalize(raw).strip();
    if (id.isEmpty()) {
      return null;
    }
    tooLong("author.userId", id, MAX_USER_ID_LENGTH, violations);
    return id;
  }

  /** "example.org" means "https://example.org"; "//example.org" too. A real scheme is left for checking. */
  private static String withScheme(String website) {
    if (website.startsWith("//")) {
      return "https:" + website;
    }
    var m = SCHEME.matcher(website);
    if (m.find()) {
      String rest = website.substring(m.end());
      boolean hostAndPort = !rest.isEmpty() && Character.isDigit(rest.charAt(0)); // "example.org:8080"
      if (!hostAndPort) {
        return website;
      }
    }
    return "https://" + website;
  }

  private static @Nullable String parseWebsite(String url, List<Violation> violations) {
    for (int i = 0; i < url.length(); i++) {
      if (TextNormalizer.isSpace(url.charAt(i))) {
        violations.add(new Violation("author.website", WEBSITE_EXAMPLE + " (without spaces)"));
        return null;
      }
    }
    int schemeEnd = url.indexOf(':');
    String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      violations.add(new Violation("author.website", WEBSITE_EXAMPLE + " (only http and https are allowed)"));
      return null;
    }
    if (!url.startsWith("//", schemeEnd + 1)) {
      violations.add(new Violation("author.website", WEBSITE_EXAMPLE));
      return null;
    }
    int authorityStart = schemeEnd + 3;
    int authorityEnd = authorityStart;
    while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    String authority = url.substring(authorityStart, authorityEnd);
    if (authority.indexOf('@') >= 0) {
      violations.add(new Violation("author.website", "must not contain a user name or password; " + WEBSITE_EXAMPLE));
      return null;
    }
    int colon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':');
    String host = colon < 0 ? authority : authority.substring(0, colon);
    String port = colon < 0 ? "" : authority.substring(colon);
    String asciiHost = host.startsWith("[") ? host.toLowerCase(Locale.ROOT) : asciiDomain(host.toLowerCase(Locale.ROOT));
    if (asciiHost == null) {
      violations.add(new Violation("author.website", WEBSITE_EXAMPLE + " (\"" + host + "\" is not a host name)"));
      return null;
    }
    String normalized = scheme + "://" + asciiHost + port + url.substring(authorityEnd);
    try {
      URI uri = new URI(normalized);
      if (uri.getHost() == null || uri.getRawUserInfo() != null || (colon >= 0 && uri.getPort() < 0)) {
        violations.add(new Violation("author.website", WEBSITE_EXAMPLE));
        return null;
      }
      return uri.toASCIIString();
    } catch (URISyntaxException e) {
      violations.add(new Violation("author.website", WEBSITE_EXAMPLE + " (" + e.getReason() + " at index " + e.getIndex() + ")"));
      return null;
    }
  }

  private static boolean isLocalPart(String local) {
    if (local.isEmpty() || local.length() > 64 || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    for (int i = 0; i < local.length(); ) {
      int cp = local.codePointAt(i);
      i += Character.charCount(cp);
      boolean ok = (cp < 0x80 && (Character.isLetterOrDigit(cp) || cp == '.' || LOCAL_SPECIALS.indexOf(cp) >= 0))
          || (cp >= 0x80 && Character.isLetterOrDigit(cp));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The ASCII (IDNA) form of a lower-cased domain name with at least two labels and a plausible top-level
   * domain, or null.
   */
  static @Nullable String asciiDomain(String domain) {
    String ascii;
    try {
      ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (ascii.isEmpty() || ascii.length() > 253) {
      return null;
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return null;
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return null;
      }
    }
    return TLD.matcher(labels[labels.length - 1]).matches() ? ascii : null;
  }

  private static boolean tooLong(String field, String value, int max, List<Violation> violations) {
    int length = TextNormalizer.length(value);
    if (length > max) {
      violations.add(new Violation(field, "must be at most " + max + " characters (it has " + length + ")"));
      return true;
    }
    return false;
  }
}
