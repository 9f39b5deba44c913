package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comments;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.servlet.RateLimit;
import java.time.Clock;
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
 * @param secret the server secret for IP hashes and signed tokens
 * @param maxBodyBytes the largest request body accepted
 * @param postsPerClient posting limit per client address
 * @param postsPerThread posting limit per thread
 * @param actionsPerClient limit per client address on likes, edits, deletes and previews
 * @param minFormTime the time trap: a no-JS form sent sooner after it was rendered is refused
 * @param maxFormAge a no-JS form older than this is refused (reload the page)
 * @param readOnlyWrites what the widget says when the store is read-only and the store does not say: "queued" or "paused"
 * @param publicUrl the absolute URL of the mount point as browsers see it, or {@code null} to use paths relative to the request
 */
public record Settings(
    Comments comments,
    SiteId defaultSite,
    Set<String> allowedOrigins,
    byte[] secret,
    int maxBodyBytes,
    RateLimit postsPerClient,
    RateLimit postsPerThread,
    RateLimit actionsPerClient,
    Duration minFormTime,
    Duration maxFormAge,
    String readOnlyWrites,
    @Nullable String publicUrl) {

  public Settings {
    Objects.requireNonNull(comments, "comments");
    allowedOrigins = Set.copyOf(allowedOrigins);
    secret = secret.clone();
  }

  /** The clock of the comment service, so tests move one clock for both. */
  public Clock clock() {
    return comments.settings().clock();
  }
}
