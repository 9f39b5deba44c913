package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.servlet.RateLimit;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The rate limits the API and the no-JS form share. A post over the configured limit per client or per
 * thread is not refused but held for a moderator, with a reason that says so (a person who posts a lot, or
 * a busy thread, loses nothing; a flood fills the queue, not the page); a post over {@value #HARD_FACTOR}
 * times the limit is refused with 429, so that a flood cannot fill the queue either. Likes, edits, deletes
 * and previews have nothing a moderator could hold: over their limit they are 429 at once. The buckets are
 * the host's shared ones ({@code CommentsServlet.Builder.rateLimitStore}) when it gave them, so that the
 * limits hold across nodes.
 */
final class Limits {
  /** How many times the configured posting limit a client or a thread may reach before posts are refused. */
  static final int HARD_FACTOR = 3;
  private static final long MAX_KEYS = 100_000;
  private final RateLimiter postsByClient;
  private final RateLimiter postsByThread;
  private final RateLimiter postsByClientHard;
  private final RateLimiter postsByThreadHard;
  private final RateLimiter actionsByClient;

  Limits(Settings settings, Clock clock) {
    SharedBuckets shared = new SharedBuckets(settings.sharedLimits(), clock);
    this.postsByClient = new RateLimiter(settings.postsPerClient(), clock, "comments from your address", MAX_KEYS,
        shared, "posts-client");
    this.postsByThread = new RateLimiter(settings.postsPerThread(), clock, "comments on this page", MAX_KEYS, shared,
        "posts-thread");
    this.postsByClientHard = new RateLimiter(hard(settings.postsPerClient()), clock, "comments from your address",
        MAX_KEYS, shared, "posts-client-hard");
    this.postsByThreadHard = new RateLimiter(hard(settings.postsPerThread()), clock, "comments on this page",
        MAX_KEYS, shared, "posts-thread-hard");
    this.actionsByClient = new RateLimiter(settings.actionsPerClient(), clock, "requests from your address", MAX_KEYS,
        shared, "actions-client");
  }

  private static RateLimit hard(RateLimit soft) {
    return new RateLimit((int) Math.min(Integer.MAX_VALUE, (long) soft.burst() * HARD_FACTOR), soft.period());
  }

  /**
   * Takes a post from the client's and the thread's buckets.
   *
   * @return why the post waits for a moderator (over the limit), or null if it is within the limits
   * @throws dev.talkback.comments.RateLimitedException if the client or the thread is far over the limit
   */
  @Nullable String post(Caller caller, SiteId site, ThreadKey thread) {
    String threadKey = site.value() + "|" + thread.value();
    postsByClientHard.acquire(caller.clientKey());
    postsByThreadHard.acquire(threadKey);
    boolean client = postsByClient.tryAcquire(caller.clientKey());
    boolean onThread = postsByThread.tryAcquire(threadKey);
    if (!client) {
      return "you have posted many comments in a short time, so this one waits for a moderator";
    }
    if (!onThread) {
      return "this page is receiving many comments at once, so yours waits for a moderator";
    }
    return null;
  }

  /** Takes a like, edit, delete or preview from the client's bucket, or throws {@code RateLimitedException}. */
  void action(Caller caller) {
    actionsByClient.acquire(caller.clientKey());
  }
}
