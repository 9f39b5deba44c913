package dev.talkback.comments.spring.internal;

import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.servlet.IdentityResolver;
import dev.talkback.comments.servlet.ModeratorAuthorizer;
import dev.talkback.comments.servlet.RateLimit;
import dev.talkback.comments.spi.RateLimitStore;
import dev.talkback.comments.spring.TalkbackProperties;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Builds the servlet from {@link TalkbackProperties}; a wrong setting is a {@link TalkbackConfigurationException}. */
public final class Servlets {
  private Servlets() {}

  /**
   * The servlet the properties describe.
   *
   * @param comments the comment service
   * @param p the properties
   * @param identities who is logged in
   * @param moderators who may moderate
   * @return the servlet
   * @throws TalkbackConfigurationException if the secret is missing or a setting is invalid
   */
  public static CommentsServlet build(Comments comments, TalkbackProperties p, IdentityResolver identities,
      ModeratorAuthorizer moderators) {
    return build(comments, p, identities, moderators, null);
  }

  /**
   * The servlet the properties describe, serving the notification links when {@code notifications} is given.
   *
   * @param comments the comment service
   * @param p the properties
   * @param identities who is logged in
   * @param moderators who may moderate
   * @param notifications the subscriptions and signed links, or null without notifications
   * @return the servlet
   * @throws TalkbackConfigurationException if the secret is missing or a setting is invalid
   */
  public static CommentsServlet build(Comments comments, TalkbackProperties p, IdentityResolver identities,
      ModeratorAuthorizer moderators, @org.jspecify.annotations.Nullable Notifications notifications) {
    return build(comments, p, identities, moderators, notifications, null);
  }

  /**
   * The servlet the properties describe, with the notification links and the rate limits' store when given.
   *
   * @param comments the comment service
   * @param p the properties
   * @param identities who is logged in
   * @param moderators who may moderate
   * @param notifications the subscriptions and signed links, or null without notifications
   * @param rateLimits where the token buckets are kept (shared by the nodes), or null for this node's memory
   * @return the servlet
   * @throws TalkbackConfigurationException if the secret is missing or a setting is invalid
   */
  public static CommentsServlet build(Comments comments, TalkbackProperties p, IdentityResolver identities,
      ModeratorAuthorizer moderators, @org.jspecify.annotations.Nullable Notifications notifications,
      @org.jspecify.annotations.Nullable RateLimitStore rateLimits) {
    byte[] secret = secret(p.getSecret());
    try {
      CommentsServlet.Builder b = CommentsServlet.builder(comments)
          .secret(secret)
          .defaultSite(SiteId.of(p.getSite()))
          .allowedOrigins(p.getAllowedOrigins().toArray(String[]::new))
          .maxBodyBytes(Math.toIntExact(Math.min(Integer.MAX_VALUE, p.getMaxBodySize().toBytes())))
          .postsPerClient(limit(p.getRateLimit().getPostsPerClient()))
          .postsPerThread(limit(p.getRateLimit().getPostsPerThread()))
          .actionsPerClient(limit(p.getRateLimit().getActionsPerClient()))
          .formTimeTrap(p.getTimeTrap().getMin(), p.getTimeTrap().getMaxAge())
          .identityResolver(identities)
          .moderatorAuthorizer(moderators);
      String publicUrl = p.getPublicUrl();
      if (publicUrl != null && !publicUrl.isBlank()) {
        b.publicUrl(publicUrl.trim());
      }
      String token = p.getHealthToken();
      if (token != null && !token.isBlank()) {
        b.healthToken(token);
      }
      if (notifications != null) {
        b.notifications(notifications);
      }
      if (rateLimits != null) {
        b.rateLimitStore(rateLimits);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new TalkbackConfigurationException("invalid talkback.* setting: " + e.getMessage(),
          "Correct the setting in application.properties (docs/spring-boot.md lists them all).");
    }
  }

  /**
   * The mount path as a servlet mapping.
   *
   * @param path {@code talkback.path}
   * @return such as {@code /comments/*}
   * @throws TalkbackConfigurationException if the path is not {@code /} and a name
   */
  public static String mapping(String path) {
    String p = path.trim();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (!p.startsWith("/") || p.contains("*") || p.contains("?") || p.contains("#")) {
      throw new TalkbackConfigurationException("talkback.path must be a path such as /comments, not '" + path + "'",
          "Set talkback.path to the path the comments are served under, such as /comments.");
    }
    return p + "/*";
  }

  /**
   * The decoded {@code talkback.secret}.
   *
   * @param secret the property's value
   * @return its bytes (UTF-8, or decoded from {@code base64:...}), at least 16
   * @throws TalkbackConfigurationException if it is missing, not base64 after {@code base64:}, or too short
   */
  public static byte[] secret(@org.jspecify.annotations.Nullable String secret) {
    String action = "Set talkback.secret to a random value of at least 16 characters (for example the output of"
        + " 'openssl rand -base64 32', written as base64:<value>), from the environment (TALKBACK_SECRET) or a"
        + " secret store, and keep it the same across restarts and nodes: it keys IP hashes and signs form tokens.";
    if (secret == null || secret.isBlank()) {
      throw new TalkbackConfigurationException("talkback.secret is not set.", action);
    }
    byte[] bytes;
    if (secret.regionMatches(true, 0, "base64:", 0, 7)) {
      try {
        bytes = Base64.getDecoder().decode(secret.substring(7).trim());
      } catch (IllegalArgumentException e) {
        throw new TalkbackConfigurationException("talkback.secret starts with base64: but the rest is not base64 ("
            + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT) + ").", action);
      }
    } else {
      bytes = secret.getBytes(StandardCharsets.UTF_8);
    }
    if (bytes.length < 16) {
      throw new TalkbackConfigurationException("talkback.secret is too short: " + bytes.length
          + " bytes, at least 16 are needed.", action);
    }
    return bytes;
  }

  private static RateLimit limit(TalkbackProperties.RateLimits.Limit l) {
    return new RateLimit(l.getBurst(), l.getPeriod());
  }
}
