package dev.talkback.comments.akismet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.talkback.comments.ClientInfo;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.spi.SpamCheck;
import dev.talkback.comments.spi.SpamVerdict;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * <a href="https://akismet.com/developers/">Akismet</a> as a spam check. On every post that carries its
 * client ({@link dev.talkback.comments.NewComment#client()}, which the servlet fills in) it calls
 * comment-check with the fields Akismet documents: {@code blog}, {@code user_ip}, {@code user_agent},
 * {@code referrer}, {@code permalink} (the thread's URL as the host describes it), {@code comment_type}
 * ({@code comment}), {@code comment_author}, {@code comment_author_email}, {@code comment_author_url},
 * {@code comment_content}, {@code comment_date_gmt}, {@code blog_lang}, {@code blog_charset} and
 * {@code is_test}.
 *
 * <ul>
 *   <li>{@code false}: nothing suspicious; the moderation mode decides.
 *   <li>{@code true}: held for a moderator ({@link SpamVerdict#moderate}).
 *   <li>{@code true} with {@code X-akismet-pro-tip: discard} (blatant spam): refused, and the author is told
 *       so; or held, with {@link Builder#discardBlatantSpam(boolean) discardBlatantSpam(false)}.
 *   <li>Anything else ({@code invalid} for a bad key, whose {@code X-akismet-debug-help} is logged; an error
 *       status; no answer within the {@linkplain Builder#deadline deadline}; a connection refused): held for a
 *       moderator. A comment is never lost and never published unseen because Akismet is slow or down.
 * </ul>
 *
 * <p>A moderator's decision teaches Akismet: {@link dev.talkback.comments.Moderation#markSpam} of a comment
 * Akismet passed sends submit-spam, {@link dev.talkback.comments.Moderation#approve} of one it flagged sends
 * submit-ham, with the same fields as the check. Those fields (the client's address among them) are kept for
 * that in memory only, for {@link Builder#feedbackWindow a while} (7 days by default), never stored:
 * after a restart, or later than that, a decision is not reported. Reports are sent in the background and a
 * failure is logged.
 *
 * <p>Comments without a client (an edit, a post from host code without {@code client(...)}) are not sent:
 * Akismet requires the client's address.
 *
 * <pre>{@code
 * Comments.builder()
 *     .store(store)
 *     .spamCheck(Akismet.builder(apiKeyFromConfig, "https://blog.example/").blogLanguage("en").build())
 *     .build();
 * }</pre>
 *
 * Thread-safe.
 */
public final class Akismet implements SpamCheck {
  private static final Logger log = LoggerFactory.getLogger(Akismet.class);
  private static final String THANKS = "Thanks for making the web a better place.";

  private final String apiKey;
  private final String blog;
  private final URI endpoint;
  private final Duration deadline;
  private final @Nullable String blogLanguage;
  private final boolean test;
  private final boolean discardBlatant;
  private final HttpClient http;
  private final Cache<CommentId, Judged> judged;

  /** What Akismet was sent about a comment, and what it said. */
  private record Judged(Map<String, String> fields, boolean spam) {}

  private Akismet(Builder b) {
    this.apiKey = b.apiKey;
    this.blog = b.blog;
    this.endpoint = b.endpoint;
    this.deadline = b.deadline;
    this.blogLanguage = b.blogLanguage;
    this.test = b.test;
    this.discardBlatant = b.discardBlatant;
    this.http = HttpClient.newBuilder().connectTimeout(b.deadline).followRedirects(HttpClient.Redirect.NEVER).build();
    Clock clock = b.clock;
    this.judged = Caffeine.newBuilder()
        .maximumSize(100_000)
        .expireAfterWrite(b.feedbackWindow)
        .ticker(() -> clock.millis() * 1_000_000L)
        .build();
  }

  /**
   * A builder.
   *
   * @param apiKey the Akismet API key; not blank
   * @param blog the blog's front page, a full http(s) URL (Akismet's {@code blog})
   * @return a new builder
   * @throws IllegalArgumentException if the key is blank or the blog is not an http(s) URL
   */
  public static Builder builder(String apiKey, String blog) {
    return new Builder(apiKey, blog);
  }

  @Override
  public SpamVerdict check(Candidate candidate) {
    if (candidate.client().isEmpty()) {
      return SpamVerdict.accept();
    }
    Map<String, String> fields = fields(candidate.comment(), candidate.client().get(), candidate.thread());
    HttpResponse<String> r;
    try {
      r = call("comment-check", fields);
    } catch (AkismetUnreachable e) {
      log.warn("Akismet could not be asked about comment {}: {}; it waits for a moderator",
          candidate.comment().id(), e.getMessage());
      return SpamVerdict.moderate("the spam filter could not be reached; a moderator will look at it");
    }
    String body = r.body().strip();
    if (r.statusCode() == 200 && body.equals("false")) {
      judged.put(candidate.comment().id(), new Judged(fields, false));
      return SpamVerdict.accept();
    }
    if (r.statusCode() == 200 && body.equals("true")) {
      judged.put(candidate.comment().id(), new Judged(fields, true));
      boolean discard = "discard".equalsIgnoreCase(r.headers().firstValue("X-akismet-pro-tip").orElse(""));
      return discard && discardBlatant
          ? SpamVerdict.reject("it was judged to be spam")
          : SpamVerdict.moderate("the spam filter flagged it; a moderator will look at it");
    }
    log.warn("Akismet answered comment-check for comment {} with {} '{}' ({}); it waits for a moderator",
        candidate.comment().id(), r.statusCode(), abbreviate(body),
        r.headers().firstValue("X-akismet-debug-help").orElse("no debug help"));
    return SpamVerdict.moderate("the spam filter could not check it; a moderator will look at it");
  }

  /** Sends submit-spam or submit-ham for a comment Akismet judged the other way, in the background. */
  @Override
  public void moderated(Comment comment, boolean spam) {
    Judged j = judged.getIfPresent(comment.id());
    if (j == null || j.spam() == spam) {
      return;
    }
    judged.invalidate(comment.id());
    String method = spam ? "submit-spam" : "submit-ham";
    // fire and forget: the outcome is only logged, and the moderator's action must not wait for Akismet
    CompletableFuture<HttpResponse<String>> unused = send(method, j.fields()).whenComplete((r, e) -> {
      if (e != null) {
        log.warn("Akismet {} for comment {} failed: {}", method, comment.id(), e.toString());
      } else if (r.statusCode() != 200 || !r.body().strip().equals(THANKS)) {
        log.warn("Akismet answered {} for comment {} with {} '{}' ({})", method, comment.id(), r.statusCode(),
            abbreviate(r.body()), r.headers().firstValue("X-akismet-debug-help").orElse("no debug help"));
      }
    });
  }

  private Map<String, String> fields(Comment c, ClientInfo client, java.util.Optional<ThreadInfo> thread) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("blog", blog);
    f.put("user_ip", client.address());
    f.put("user_agent", client.userAgent());
    client.referrerIfAny().ifPresent(v -> f.put("referrer", v));
    thread.map(ThreadInfo::url).filter(Objects::nonNull).ifPresent(v -> f.put("permalink", v));
    f.put("comment_type", "comment");
    f.put("comment_author", c.author().name());
    if (c.author().email() != null) {
      f.put("comment_author_email", c.author().email());
    }
    if (c.author().website() != null) {
      f.put("comment_author_url", c.author().website());
    }
    f.put("comment_content", c.source());
    f.put("comment_date_gmt", DateTimeFormatter.ISO_INSTANT.format(c.created()));
    String lang = client.languageIfAny().orElse(blogLanguage);
    if (lang != null) {
      f.put("blog_lang", lang);
    }
    f.put("blog_charset", "UTF-8");
    if (test) {
      f.put("is_test", "true");
    }
    return Map.copyOf(f);
  }

  private HttpResponse<String> call(String method, Map<String, String> fields) {
    CompletableFuture<HttpResponse<String>> f = send(method, fields);
    try {
      return f.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new AkismetUnreachable("no answer within " + deadline.toMillis() + " ms");
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new AkismetUnreachable("interrupted");
    } catch (ExecutionException e) {
      throw new AkismetUnreachable(String.valueOf(e.getCause()));
    }
  }

  private CompletableFuture<HttpResponse<String>> send(String method, Map<String, String> fields) {
    String form = "api_key=" + enc(apiKey) + "&" + fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    HttpRequest req = HttpRequest.newBuilder(endpoint.resolve(method))
        .timeout(deadline)
        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
        .header("User-Agent", "Talkback | Akismet")
        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
        .build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() > 80 ? t.substring(0, 80) + "..." : t;
  }

  @Override
  public String toString() {
    return "Akismet[" + endpoint + ", blog " + blog + "]";
  }

  /** Akismet could not be asked: refused, timed out, interrupted. */
  private static final class AkismetUnreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AkismetUnreachable(String message) {
      super(message, null, false, false);
    }
  }

  /** Builds an {@link Akismet} check. Each setter checks its argument at once. Not thread-safe. */
  public static final class Builder {
    private final String apiKey;
    private final String blog;
    private URI endpoint = URI.create("https://rest.akismet.com/1.1/");
    private Duration deadline = Duration.ofSeconds(2);
    private Duration feedbackWindow = Duration.ofDays(7);
    private @Nullable String blogLanguage;
    private boolean test;
    private boolean discardBlatant = true;
    private Clock clock = Clock.systemUTC();

    private Builder(String apiKey, String blog) {
      Objects.requireNonNull(apiKey, "apiKey");
      Objects.requireNonNull(blog, "blog");
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("the Akismet API key must not be blank");
      }
      String b = blog.toLowerCase(Locale.ROOT);
      if (!b.startsWith("http://") && !b.startsWith("https://")) {
        throw new IllegalArgumentException("blog must be the blog's front page as a full http(s) URL: " + blog);
      }
      this.apiKey = apiKey.strip();
      this.blog = blog;
    }

    /**
     * Where Akismet's REST API is: {@code https://rest.akismet.com/1.1/} by default; another for a test
     * server.
     *
     * @param endpoint an http(s) URL ending in {@code /}, to which {@code comment-check} is resolved
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      String s = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
      if (!(s.equals("http") || s.equals("https")) || !endpoint.getPath().endsWith("/")) {
        throw new IllegalArgumentException("endpoint must be an http(s) URL ending in '/': " + endpoint);
      }
      this.endpoint = endpoint;
      return this;
    }

    /**
     * How long a post waits for comment-check, connecting included; past it the comment waits for a
     * moderator.
     *
     * @param deadline 1 ms to 30 s; 2 s by default
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline");
      if (deadline.toMillis() < 1 || deadline.compareTo(Duration.ofSeconds(30)) > 0) {
        throw new IllegalArgumentException("deadline must be 1 ms to 30 s: " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /**
     * How long what was sent about a comment is remembered (in memory) so that a moderator's decision can be
     * reported.
     *
     * @param window positive; 7 days by default
     * @return this builder
     */
    public Builder feedbackWindow(Duration window) {
      Objects.requireNonNull(window, "window");
      if (window.isZero() || window.isNegative()) {
        throw new IllegalArgumentException("feedback window must be positive: " + window);
      }
      this.feedbackWindow = window;
      return this;
    }

    /**
     * The blog's language(s), Akismet's {@code blog_lang} ({@code en}, {@code en, de}).
     *
     * @param language not blank
     * @return this builder
     */
    public Builder blogLanguage(String language) {
      Objects.requireNonNull(language, "language");
      if (language.isBlank()) {
        throw new IllegalArgumentException("blog language must not be blank");
      }
      this.blogLanguage = language.strip();
      return this;
    }

    /**
     * Sends {@code is_test=true}, so that Akismet does not learn from these calls (for staging).
     *
     * @param test whether these are test calls; false by default
     * @return this builder
     */
    public Builder testMode(boolean test) {
      this.test = test;
      return this;
    }

    /**
     * Whether blatant spam ({@code X-akismet-pro-tip: discard}) is refused (the default; the author is told)
     * or held for a moderator like other spam.
     *
     * @param discard true to refuse it
     * @return this builder
     */
    public Builder discardBlatantSpam(boolean discard) {
      this.discardBlatant = discard;
      return this;
    }

    /**
     * The clock that measures the feedback window.
     *
     * @param clock the clock; the system UTC clock by default
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the check.
     *
     * @return a new, independent check
     */
    public Akismet build() {
      return new Akismet(this);
    }
  }
}
