package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.NewComment;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the servlet adds to a reader's post before {@code Comments.post}: the thread's title and URL only
 * when the host signed them, the rate limits (a client or thread over its limit is held for a moderator, far
 * over it refused), the proof of work (an anonymous widget post without a valid ALTCHA solution, and any
 * anonymous no-JS form post, is held for a moderator when proof of work is on), and the client's address,
 * user agent and referrer for the spam checks. Thread-safe.
 */
final class PostGate {
  private static final Logger log = LoggerFactory.getLogger(PostGate.class);

  /** Where a post came from. */
  enum Channel {
    /** The widget's JSON post, which can solve a challenge. */
    WIDGET,
    /** The no-JS form, which cannot. */
    FORM
  }

  private final Secrets secrets;
  private final Limits limits;
  private final @Nullable ProofOfWork pow;

  PostGate(Secrets secrets, Limits limits, @Nullable ProofOfWork pow) {
    this.secrets = secrets;
    this.limits = limits;
    this.pow = pow;
  }

  /** Whether posts need a proof of work: the widget asks for a challenge only then. */
  boolean proofOfWork() {
    return pow != null;
  }

  /** A fresh challenge; a 404 problem when proof of work is off. */
  Response challenge(Caller caller) {
    ProofOfWork p = pow;
    if (p == null) {
      throw new HttpProblem(404, "not_found", "Not found", "proof of work is not enabled on this server");
    }
    limits.action(caller);
    return Json.response(200, p.challenge()).header("Cache-Control", "no-store");
  }

  /**
   * Fills the builder from what the reader sent: signed thread attributes, limits, proof of work, client.
   *
   * @throws dev.talkback.comments.RateLimitedException if the client or the thread is far over its limit
   */
  NewComment.Builder admit(NewComment.Builder b, Caller caller, SiteId site, ThreadKey key, Channel channel,
      ThreadAttributes thread, @Nullable String proof, @Nullable String language) {
    if (thread.signed(secrets, site, key)) {
      b.threadTitle(thread.title()).threadUrl(thread.url());
    } else if (!thread.title().isEmpty() || thread.url() != null) {
      log.debug("unsigned thread title or URL for {} ignored; the host signs them (ThreadSignature)", key);
    }
    String hold = limits.post(caller, site, key);
    if (hold == null && pow != null && caller.identity().isEmpty()) {
      hold = channel == Channel.FORM
          ? "comments sent without JavaScript wait for a moderator"
          : reason(pow.verify(proof));
    }
    return b.holdForModeration(hold).client(caller.clientInfo(language));
  }

  private static @Nullable String reason(ProofOfWork.Outcome o) {
    return switch (o) {
      case VALID -> null;
      case MISSING -> "it came without the browser's proof of work, so it waits for a moderator";
      case INVALID -> "its proof of work did not check out, so it waits for a moderator";
      case EXPIRED -> "its proof of work had expired (the page was open for long), so it waits for a moderator";
      case REUSED -> "its proof of work had been used before, so it waits for a moderator";
    };
  }

  /**
   * A thread's title and URL as a reader's request carried them, with the host's signature.
   *
   * @param title the title sent, or empty
   * @param url the URL sent, or null
   * @param signature the signature sent, or null
   */
  record ThreadAttributes(String title, @Nullable String url, @Nullable String signature) {
    /** Whether the host signed exactly these values, and the URL (if any) is an http(s) URL. */
    boolean signed(Secrets secrets, SiteId site, ThreadKey key) {
      return (url == null || Html.isHttpUrl(url)) && secrets.threads().verify(site, key, title, url, signature);
    }
  }
}
