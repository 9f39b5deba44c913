package dev.talkback.comments.notification;

import dev.talkback.comments.SiteId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signs and checks the tokens that mail links carry: HMAC-SHA256 with the host's secret over the token's
 * fields. A token is {@code <payload>.<signature>}, both unpadded base64url; the payload holds the action,
 * site, subject (a subscription or comment id), expiry and a nonce, never an address. A token that was
 * changed, signed with another secret, or has expired is refused. Immutable and thread-safe.
 *
 * <p>The secret must be at least 32 bytes, random, and the same on every node; changing it voids every link
 * already mailed.
 */
public final class SignedLinks {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final String VERSION = "t1";
  private static final int MAX_TOKEN = 600;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final Clock clock;

  private SignedLinks(byte[] secret, Clock clock) {
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.clock = clock;
  }

  /**
   * Links signed with {@code secret}, expiring by {@code clock}.
   *
   * @param secret at least 32 bytes; copied
   * @param clock the clock expiry is checked against
   * @return the signer
   * @throws IllegalArgumentException if the secret is shorter than 32 bytes
   */
  public static SignedLinks create(byte[] secret, Clock clock) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(clock, "clock");
    if (secret.length < 32) {
      throw new IllegalArgumentException("the link secret must be at least 32 bytes (it has " + secret.length
          + "); generate one with: openssl rand -base64 48");
    }
    return new SignedLinks(secret, clock);
  }

  /**
   * A new token for an action.
   *
   * @param action the action
   * @param site the site
   * @param subject a subscription or comment id
   * @param expires when the token stops working, or null for never
   * @return the token
   */
  public LinkToken token(LinkToken.Action action, SiteId site, String subject, @Nullable Instant expires) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    return new LinkToken(action, site, subject, expires, UUID.nameUUIDFromBytes(nonce).toString());
  }

  /**
   * The signed string of a token, for a URL's path or query (it needs no escaping).
   *
   * @param token the token
   * @return {@code <payload>.<signature>}
   */
  public String sign(LinkToken token) {
    Objects.requireNonNull(token, "token");
    String payload = String.join("\n", VERSION, token.action().name(), token.site().value(), token.subject(),
        token.expires() == null ? "-" : Long.toString(token.expires().getEpochSecond()), token.nonce());
    String p = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    return p + '.' + B64.encodeToString(mac(p));
  }

  /**
   * Checks a signed string: its signature, form and expiry.
   *
   * @param signed what a link carried
   * @return the token, or empty if the string was not signed by this secret, is malformed, or has expired
   */
  public Optional<LinkToken> verify(String signed) {
    return parse(signed).filter(t -> t.expires() == null || clock.instant().isBefore(t.expires()));
  }

  /**
   * Checks a signed string's signature and form, but not its expiry (to tell a reader that a link expired
   * rather than that it is broken).
   *
   * @param signed what a link carried
   * @return the token, or empty if it was not signed by this secret or is malformed
   */
  public Optional<LinkToken> parse(String signed) {
    if (signed == null || signed.length() > MAX_TOKEN) {
      return Optional.empty();
    }
    int dot = signed.indexOf('.');
    if (dot <= 0 || dot != signed.lastIndexOf('.')) {
      return Optional.empty();
    }
    String p = signed.substring(0, dot);
    byte[] given;
    String payload;
    try {
      given = B64D.decode(signed.substring(dot + 1));
      payload = new String(B64D.decode(p), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac(p), given)) {
      return Optional.empty();
    }
    String[] f = payload.split("\n", -1);
    if (f.length != 6 || !VERSION.equals(f[0])) {
      return Optional.empty();
    }
    try {
      Instant expires = "-".equals(f[4]) ? null : Instant.ofEpochSecond(Long.parseLong(f[4]));
      return Optional.of(new LinkToken(LinkToken.Action.valueOf(f[1]), SiteId.of(f[2]), f[3], expires, f[5]));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // signed by us, so only a token of a future format lands here
    }
  }

  /**
   * Whether a token has expired by this signer's clock.
   *
   * @param token a token
   * @return true if it has an expiry and that has passed
   */
  public boolean expired(LinkToken token) {
    return token.expires() != null && !clock.instant().isBefore(token.expires());
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "SignedLinks{HmacSHA256}";
  }
}
