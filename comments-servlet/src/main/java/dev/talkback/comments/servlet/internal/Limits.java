package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import java.time.Clock;

/** The rate limits the API and the no-JS form share: posts per client and per thread, other actions per client. */
final class Limits {
  private static final long MAX_KEYS = 100_000;
  private final RateLimiter postsByClient;
  private final RateLimiter postsByThread;
  private final RateLimiter actionsByClient;

  Limits(Settings settings, Clock clock) {
    this.postsByClient = new RateLimiter(settings.postsPerClient(), clock, "comments from your address", MAX_KEYS);
    this.postsByThread = new RateLimiter(settings.postsPerThread(), clock, "comments on this page", MAX_KEYS);
    this.actionsByClient = new RateLimiter(settings.actionsPerClient(), clock, "requests from your address", MAX_KEYS);
  }

  /** Takes a post from the client's and the thread's buckets, or throws {@code RateLimitedException}. */
  void post(Caller caller, SiteId site, ThreadKey thread) {
    postsByClient.acquire(caller.clientKey());
    postsByThread.acquire(site.value() + "|" + thread.value());
  }

  /** Takes a like, edit, delete or preview from the client's bucket, or throws {@code RateLimitedException}. */
  void action(Caller caller) {
    actionsByClient.acquire(caller.clientKey());
  }
}
