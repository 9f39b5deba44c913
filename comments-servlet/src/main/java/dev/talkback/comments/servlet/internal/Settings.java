package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.notification.Notifications;
import dev.talkback.comments.servlet.RateLimit;
import dev.talkback.comments.spi.RateLimitStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The handler's immutable configuration, as {@code CommentsServlet.Builder} validated it.
 *
 * @param comments the comment service
 * @param defaultSite the site of requests that name none
 * @param allowedOrigins origins ({@code https://blog.example}) allowed to call the API cross-origin and to post
 * @param secrets the server secret, for IP hashes and signed tokens
 * @param maxBodyBytes the largest request body accepted
 * @param postsPerClient posting limit per client address
 * @param postsPerThread posting limit per thread
 * @param actionsPerClient limit per client address on likes, edits, deletes and previews
 * @param minFormTime the time trap: a no-JS form sent sooner after it was rendered is refused
 * @param maxFormAge a no-JS form older than this is refused (reload the page)
 * @param publicUrl the absolute URL of the mount point as browsers see it, or {@code null} to use paths relative to the request
 * @param healthToken the bearer token that shows {@code /health}'s details, or {@code null} for moderators only
 * @param proofOfWork whether anonymous posts from the widget need an ALTCHA solution (else they wait for a
 *     moderator), and no-JS form posts wait for a moderator
 * @param proofOfWorkComplexity the largest number of an ALTCHA challenge (the work is half of it on average)
 * @param presentation avatars, the moderation page's links, the failure page template
 * @param notifications the signed mail links' pages and the "email me replies" box, or {@code null} for none
 * @param sharedLimits where the rate limits' buckets are kept for every node, or {@code null} for this
 *     node's memory
 */
public record Settings(
    Comments comments,
    SiteId defaultSite,
    Set<String> allowedOrigins,
    Secrets secrets,
    int maxBodyBytes,
    RateLimit postsPerClient,
    RateLimit postsPerThread,
    RateLimit actionsPerClient,
    Duration minFormTime,
    Duration maxFormAge,
    @Nullable String publicUrl,
    @Nullable String healthToken,
    boolean proofOfWork,
    long proofOfWorkComplexity,
    Presentation presentation,
    @Nullable Notifications notifications,
    @Nullable RateLimitStore sharedLimits) {

  /** The complexity when none is configured: about a quarter of a second of a phone's work. */
  public static final long DEFAULT_PROOF_OF_WORK_COMPLEXITY = 50_000;

  /**
   * Copies the origins; {@code comments} and {@code secrets} are required.
   *
   * @param comments the comment service
   * @param defaultSite the site of requests that name none
   * @param allowedOrigins origins allowed to call the API cross-origin and to post
   * @param secrets the server secret
   * @param maxBodyBytes the largest request body accepted
   * @param postsPerClient posting limit per client address
   * @param postsPerThread posting limit per thread
   * @param actionsPerClient limit per client address on likes, edits, deletes and previews
   * @param minFormTime the time trap
   * @param maxFormAge the oldest no-JS form accepted
   * @param publicUrl the mount point's absolute URL, or {@code null}
   * @param healthToken the bearer token for {@code /health}'s details, or {@code null}
   * @param proofOfWork whether the widget's anonymous posts need an ALTCHA solution
   * @param proofOfWorkComplexity the largest number of a challenge, 1,000 to 10,000,000
   * @param presentation avatars, links and the failure page template
   * @param notifications the mail links' pages and the opt-in, or {@code null}
   * @param sharedLimits the rate limits' shared buckets, or {@code null} for this node's memory
   */
  public Settings {
    Objects.requireNonNull(comments, "comments");
    Objects.requireNonNull(presentation, "presentation");
    Objects.requireNonNull(secrets, "secrets");
    allowedOrigins = Set.copyOf(allowedOrigins);
    if (proofOfWorkComplexity < 1_000 || proofOfWorkComplexity > 10_000_000) {
      throw new IllegalArgumentException("proof-of-work complexity must be 1,000 to 10,000,000: " + proofOfWorkComplexity);
    }
  }

  /**
   * Settings without proof of work or notifications, with the default {@link Presentation}.
   *
   * @param comments the comment service
   * @param defaultSite the site of requests that name none
   * @param allowedOrigins origins allowed to call the API cross-origin and to post
   * @param secrets the server secret
   * @param maxBodyBytes the largest request body accepted
   * @param postsPerClient posting limit per client address
   * @param postsPerThread posting limit per thread
   * @param actionsPerClient limit per client address on likes, edits, deletes and previews
   * @param minFormTime the time trap
   * @param maxFormAge the oldest no-JS form accepted
   * @param publicUrl the mount point's absolute URL, or {@code null}
   * @param healthToken the bearer token for {@code /health}'s details, or {@code null}
   */
  public Settings(Comments comments, SiteId defaultSite, Set<String> allowedOrigins, Secrets secrets,
      int maxBodyBytes, RateLimit postsPerClient, RateLimit postsPerThread, RateLimit actionsPerClient,
      Duration minFormTime, Duration maxFormAge, @Nullable String publicUrl, @Nullable String healthToken) {
    this(comments, defaultSite, allowedOrigins, secrets, maxBodyBytes, postsPerClient, postsPerThread,
        actionsPerClient, minFormTime, maxFormAge, publicUrl, healthToken, false, DEFAULT_PROOF_OF_WORK_COMPLEXITY,
        Presentation.DEFAULT, null, null);
  }
}
