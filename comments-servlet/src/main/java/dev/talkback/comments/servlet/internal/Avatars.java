package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Author;
import dev.talkback.comments.SiteId;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatars without leaking anything: a comment's avatar is an identicon drawn from a keyed hash (HMAC with
 * the server secret) of the site and the author's identity (the host's user id, else the email, else the
 * name), so the URL says nothing about the author and cannot be reversed or compared across sites or
 * servers. The image depends only on the key, so {@code GET /avatar/<key>.svg} needs no lookup and is
 * cached for a year. Logged-in users may have the host's own image instead ({@code
 * IdentityResolver.avatarUrl}). Threadsafe.
 */
final class Avatars {
  private static final Logger LOG = LoggerFactory.getLogger(Avatars.class);
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{20}\\.svg");
  private final Secrets secrets;
  private final Function<String, Optional<String>> hostUrls;

  Avatars(Secrets secrets, Function<String, Optional<String>> hostUrls) {
    this.secrets = secrets;
    this.hostUrls = hostUrls;
  }

  /** The avatar of an author: the host's http(s) URL, else {@code avatar/<key>.svg} relative to the mount point. */
  String url(SiteId site, Author a) {
    String user = a.userId();
    if (user != null) {
      try {
        Optional<String> host = hostUrls.apply(user).filter(Html::isHttpUrl);
        if (host.isPresent()) {
          return host.get();
        }
      } catch (RuntimeException e) {
        LOG.warn("IdentityResolver.avatarUrl failed; using a generated avatar", e);
      }
    }
    String email = a.email();
    String who = user != null ? "user:" + user
        : email != null && !email.isBlank() ? "email:" + email.trim().toLowerCase(Locale.ROOT)
        : "name:" + a.name().trim().toLowerCase(Locale.ROOT);
    return "avatar/" + secrets.keyedHex("avatar|" + site.value() + "|" + who, 10) + ".svg";
  }

  /** {@code GET /avatar/<key>.svg}: a symmetric 5×5 identicon in a colour of the key. */
  static Response svg(String file) {
    if (!KEY.matcher(file).matches()) {
      throw HttpProblem.notFound("no avatar '" + file + "'; avatar names are 20 hex digits and .svg");
    }
    byte[] k = HexFormat.of().parseHex(file, 0, 20);
    int hue = ((k[0] & 0xff) << 8 | (k[1] & 0xff)) % 360;
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < 15; i++) {
      if ((k[2 + i / 8] >> (i % 8) & 1) == 1) {
        int col = i / 5;
        int row = i % 5;
        d.append('M').append(col).append(' ').append(row).append("h1v1h-1z");
        if (col < 2) {
          d.append('M').append(4 - col).append(' ').append(row).append("h1v1h-1z");
        }
      }
    }
    if (d.length() == 0) {
      d.append("M2 2h1v1h-1z");
    }
    String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-1 -1 7 7\" width=\"64\" height=\"64\">"
        + "<rect x=\"-1\" y=\"-1\" width=\"7\" height=\"7\" fill=\"hsl(" + hue + ",45%,92%)\"/>"
        + "<path shape-rendering=\"crispEdges\" fill=\"hsl(" + hue + ",55%,42%)\" d=\"" + d + "\"/></svg>";
    return Response.of(200, "image/svg+xml", svg.getBytes(StandardCharsets.UTF_8))
        .header("Cache-Control", "public, max-age=31536000, immutable")
        .header("Content-Security-Policy", "default-src 'none'")
        .header("Cross-Origin-Resource-Policy", "cross-origin");
  }
}
