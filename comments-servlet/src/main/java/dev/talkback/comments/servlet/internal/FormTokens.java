package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;

/**
 * The no-JS form's signed token and return URL rules. The token binds the site, the thread, the return URL
 * and the time the form was rendered, and the return URL must pass {@link #safeReturn} on every request (a
 * signature is never enough, and an unsafe one is never signed): no open redirect. Its age drives the time
 * trap.
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

  /**
   * When a token was issued, or -1 if it is not one of ours for this site, thread and return URL, or the
   * return URL is not a safe one (checked on every request, whatever the signature says).
   */
  long verifiedIssuedAt(SiteId site, ThreadKey key, String ret, String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || !safeReturn(ret)) {
      return -1;
    }
    try {
      long issuedAt = Long.parseLong(token.substring(0, dot));
      return secrets.verify(signed(site, key, ret, issuedAt), token.substring(dot + 1)) ? issuedAt : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String signed(SiteId site, ThreadKey key, String ret, long issuedAt) {
    return "form|" + site + "|" + key + "|" + ret + "|" + issuedAt;
  }

  /**
   * Whether the form may send the reader back here: empty (the mount point), a path on this site (one leading
   * {@code /}, not {@code //}), or an absolute http(s) URL on a configured origin (an allowed origin or the
   * public URL's; never the request's {@code Host}). No backslash, control character or space anywhere, so
   * that no browser reads it as another host.
   */
  boolean safeReturn(String ret) {
    if (ret.isEmpty()) {
      return true;
    }
    if (ret.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '\\')) {
      return false;
    }
    if (ret.startsWith("/")) {
      return !ret.startsWith("//");
    }
    return Html.isHttpUrl(ret) && guard.allowedUrl(ret);
  }
}
