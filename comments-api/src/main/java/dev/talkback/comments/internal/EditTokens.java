package dev.talkback.comments.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Edit tokens: 256 random bits given to the author once; only their SHA-256 is stored. */
public final class EditTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private EditTokens() {}

  /** {@return a new random token, URL-safe} */
  public static String generate() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * The hex SHA-256 of a token: what is stored.
   *
   * @param token the token
   * @return the hex SHA-256 of a token: what is stored
   */
  public static String hash(String token) {
    return HexFormat.of().formatHex(sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Whether {@code token} hashes to {@code storedHash}, compared in constant time.
   *
   * @param token the token the caller sent
   * @param storedHash the hash stored with the comment
   * @return whether {@code token} hashes to {@code storedHash}, compared in constant time
   */
  public static boolean matches(String token, String storedHash) {
    byte[] a = hash(token).getBytes(StandardCharsets.US_ASCII);
    byte[] b = storedHash.getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(a, b);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
