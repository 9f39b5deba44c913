package dev.talkback.comments;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a request said about the client that sent a comment, for spam checks that ask an outside service
 * (Akismet wants the address, the user agent and the referrer). It travels with {@link NewComment} to the
 * {@linkplain dev.talkback.comments.spi.SpamCheck spam checks} and is never stored: the store keeps only a
 * keyed hash of the address.
 *
 * @param address the client's IP address as the server saw it
 * @param userAgent the {@code User-Agent} header, or empty
 * @param referrer the {@code Referer} header, or null
 * @param language the content language of the page (a BCP 47 tag such as {@code en} or {@code de}), or null
 */
public record ClientInfo(String address, String userAgent, @Nullable String referrer, @Nullable String language) {
  /**
   * Checks the components; see the record's description.
   *
   * @param address the client's IP address as the server saw it
   * @param userAgent the {@code User-Agent} header, or empty
   * @param referrer the {@code Referer} header, or null
   * @param language the page's content language, or null
   */
  public ClientInfo {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(userAgent, "userAgent");
  }

  /** {@return the referrer, if the request named one} */
  public Optional<String> referrerIfAny() {
    return Optional.ofNullable(referrer);
  }

  /** {@return the page's language, if known} */
  public Optional<String> languageIfAny() {
    return Optional.ofNullable(language);
  }
}
