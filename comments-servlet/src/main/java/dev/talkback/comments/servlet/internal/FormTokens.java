package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;

/**
 * The no-JS form's signed token and return URL rules. The token binds the site, the thread, the return URL
 * and the time the form was rendered: the form cannot be pointed at another site (no open redirect), and
 * its age drives the time trap.
 */
final class FormTokens {
  private final Secrets secrets;
  private final Guard guard;

  FormTokens(Secrets secrets, Guard guard) {
    this.secrets = secrets;
    this.guard = guard;
  }

  /** A token issued at {@code issuedAt} (epoch milliseconds). */
  String token(SiteId site, ThreadKey key, String ret, long issuedAt) {
    return issuedAt + "." + secrets.sign(signed(site, key, ret, issuedAt));
  }

  /** When a token was issued, or -1 if it is not one of ours for this site, thread and return URL. */
  long verifiedIssuedAt(SiteId site, ThreadKey key, String ret, String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return -1;
    }
    try {
      long issuedAt = Long.parseLong(token.substring(0, dot));
      boolean ok = secrets.verify(signed(site, key, ret, issuedAt), token.substring(dot + 1)) && safeReturnPath(ret);
      return ok ? issuedAt : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String signed(SiteId site, ThreadKey key, String ret, long issuedAt) {
    return "form|" + site + "|" + key + "|" + ret + "|" + issuedAt;
  }

  /** Whether a fragment may offer this return URL: a path on this site or a URL of an allowed origin. */
  boolean safeReturn(Request req, String ret) {
    if (ret.isEmpty() || (safeReturnPath(ret) && ret.startsWith("/"))) {
      return true;
    }
    return Html.isHttpUrl(ret) && guard.allowedUrl(req, ret);
  }

  /** A relative path on this site or an http(s) URL, with nothing that could escape it. */
  static boolean safeReturnPath(String ret) {
    if (ret.isEmpty()) {
      return true;
    }
    if (ret.indexOf('\\') >= 0 || ret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return false;
    }
    return (ret.startsWith("/") && !ret.startsWith("//")) || Html.isHttpUrl(ret);
  }
}
