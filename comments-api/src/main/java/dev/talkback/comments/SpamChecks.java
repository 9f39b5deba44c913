package dev.talkback.comments;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.talkback.comments.spi.SpamCheck;
import dev.talkback.comments.spi.SpamVerdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The built-in {@link SpamCheck}s. Add them with {@code Comments.builder().spamCheck(...)}.
 *
 * <pre>{@code
 * Comments.builder()
 *     .store(store)
 *     .spamCheck(SpamChecks.maxLinks(3))
 *     .spamCheck(SpamChecks.blockedWords(List.of("casino", "viagra")))
 *     .spamCheck(SpamChecks.duplicateWithin(Duration.ofMinutes(10), clock))
 *     .build();
 * }</pre>
 *
 * The site's blocks ({@link Moderation#block}) are always checked, on every post and edit; they need no
 * check here.
 */
public final class SpamChecks {
  private SpamChecks() {}

  /**
   * Holds for a moderator any comment with more than {@code max} links.
   *
   * @param max the most links a comment may have and still be published at once; not negative
   * @return the check
   */
  public static SpamCheck maxLinks(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max links must not be negative: " + max);
    }
    return c -> c.linkCount() > max
        ? SpamVerdict.moderate("it has " + c.linkCount() + " links; more than " + max + " wait for a moderator")
        : SpamVerdict.accept();
  }

  /**
   * Rejects a comment whose text or author name contains one of these words or phrases, as whole words,
   * case-insensitively.
   *
   * @param words the words and phrases; blank ones are ignored
   * @return the check
   */
  public static SpamCheck blockedWords(Collection<String> words) {
    List<String> list = words.stream().map(String::strip).filter(w -> !w.isEmpty()).collect(Collectors.toList());
    if (list.isEmpty()) {
      return c -> SpamVerdict.accept();
    }
    Pattern p = Pattern.compile(
        list.stream().map(Pattern::quote).collect(Collectors.joining("|", "(?<![\\p{L}\\p{N}])(?:", ")(?![\\p{L}\\p{N}])")),
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    return c -> p.matcher(c.text()).find() || p.matcher(c.comment().author().name()).find()
        ? SpamVerdict.reject("it contains a blocked word")
        : SpamVerdict.accept();
  }

  /**
   * Rejects the same text posted again on the same site within {@code window}, whoever posts it (a spammer
   * varies names, not text). Posting the same comment id again (an idempotent retry) is not a duplicate.
   * Remembers at most 100,000 recent texts, in this process only.
   *
   * @param clock the clock that measures the window
   * @param window how long a text is remembered; positive
   * @return the check
   */
  public static SpamCheck duplicateWithin(Duration window, Clock clock) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    Objects.requireNonNull(clock, "clock");
    Cache<String, CommentId> seen = Caffeine.newBuilder()
        .maximumSize(100_000)
        .expireAfterWrite(window)
        .ticker(() -> clock.millis() * 1_000_000L)
        .build();
    return c -> {
      String key = c.comment().site() + "\n" + fingerprint(c.text());
      CommentId first = seen.asMap().putIfAbsent(key, c.comment().id());
      return first == null || first.equals(c.comment().id())
          ? SpamVerdict.accept()
          : SpamVerdict.reject("the same text was posted moments ago");
    };
  }

  private static String fingerprint(String text) {
    String folded = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    return java.util.HexFormat.of().formatHex(sha256(folded.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha256(byte[] b) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
