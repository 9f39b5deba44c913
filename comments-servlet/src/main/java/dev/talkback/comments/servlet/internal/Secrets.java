package dev.talkback.comments.servlet.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import dev.talkback.comments.servlet.ThreadSignature;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Everything keyed by the server secret: IP hashes (so no address is stored), signed form tokens (CSRF and
 * the time trap), CSRF tokens bound to a cookie. HMAC-SHA256 throughout.
 */
public final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;
  private final ThreadSignature threads;

  /**
   * Keys everything with {@code secret}.
   *
   * @param secret at least 16 bytes; copied
   */
  public Secrets(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("the secret must have at least 16 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.threads = ThreadSignature.withSecret(secret);
  }

  /** The verifier of the host's signed thread attributes, keyed by the same secret. */
  ThreadSignature threads() {
    return threads;
  }

  /**
   * A fresh random secret, for a host that sets none (hashes then change with every restart).
   *
   * @return 32 random bytes
   */
  public static byte[] randomSecret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return b;
  }

  /** A random URL-safe value, for cookies. */
  static String randomToken() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** The keyed hash of an IP address: 32 hex characters. */
  String ipHash(String address) {
    return HexFormat.of().formatHex(mac("ip|" + address), 0, 16);
  }

  /** The first {@code bytes} bytes of the keyed hash of a value, as hex. */
  String keyedHex(String value, int bytes) {
    return HexFormat.of().formatHex(mac(value), 0, bytes);
  }

  /** A keyed hash of any value, URL-safe. */
  String sign(String value) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(value));
  }

  /** Whether {@code signature} is {@link #sign}{@code (value)}, compared in constant time. */
  boolean verify(String value, String signature) {
    return MessageDigest.isEqual(sign(value).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }

  private byte[] mac(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
