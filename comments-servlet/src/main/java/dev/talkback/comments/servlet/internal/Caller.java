package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.ClientInfo;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.servlet.Identity;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling, worked out once per request: the site asked for, the logged-in reader, whether they may
 * moderate that site, the client's keyed address hash and the browser's origin. The host's resolver and
 * authorizer are called at most once each; when they throw, the reader is anonymous and no moderator.
 * Confined to the request's thread.
 */
final class Caller {
  private static final Logger LOG = LoggerFactory.getLogger(Caller.class);
  private final Request request;
  private final SiteId defaultSite;
  private final Secrets secrets;
  private @Nullable Params query;
  private @Nullable SiteId site;
  private Optional<Identity> identity = Optional.empty();
  private boolean identityResolved;
  private @Nullable Boolean moderator;
  private @Nullable String clientKey;

  Caller(Request request, SiteId defaultSite, Secrets secrets) {
    this.request = request;
    this.defaultSite = defaultSite;
    this.secrets = secrets;
  }

  Request request() {
    return request;
  }

  /** The decoded query parameters, capped in size and count. */
  Params query() {
    Params q = query;
    if (q == null) {
      q = query = Params.query(request.queryString());
    }
    return q;
  }

  /** The site of {@code ?site=}, or the default; a 422 problem if it is not a valid site id. */
  SiteId site() {
    SiteId s = site;
    if (s == null) {
      s = site = Fields.site(query().get("site"), defaultSite);
    }
    return s;
  }

  /** The logged-in reader, or empty (also when the host's resolver fails). */
  Optional<Identity> identity() {
    if (!identityResolved) {
      identityResolved = true;
      try {
        identity = request.identity();
      } catch (RuntimeException e) {
        LOG.warn("IdentityResolver failed; treating reader as anonymous", e);
      }
    }
    return identity;
  }

  /** Whether the reader may moderate {@link #site()} (no when the host's authorizer fails). */
  boolean moderator() {
    Boolean m = moderator;
    if (m == null) {
      SiteId s = site();
      try {
        m = request.mayModerate(s);
      } catch (RuntimeException e) {
        LOG.warn("ModeratorAuthorizer failed; denying", e);
        m = false;
      }
      moderator = m;
    }
    return m;
  }

  /** The keyed hash of the client's address: rate limits, likes and blocks use it; the address is never kept. */
  String clientKey() {
    String k = clientKey;
    if (k == null) {
      k = clientKey = secrets.ipHash(request.remoteAddress());
    }
    return k;
  }

  /**
   * What the request says about its client, for spam checks that ask an outside service; never stored.
   *
   * @param language the page's language, if known
   */
  ClientInfo clientInfo(@Nullable String language) {
    String ua = request.header("User-Agent");
    return new ClientInfo(request.remoteAddress(), ua == null ? "" : ua, request.header("Referer"), language);
  }

  /** Who a like counts for: the logged-in user, else the client address. */
  String likeKey() {
    return identity().map(i -> "user:" + i.userId()).orElseGet(() -> "ip:" + clientKey());
  }

  /** The browser's {@code Origin} header, or {@code null}. */
  @Nullable String origin() {
    return request.header("Origin");
  }
}
