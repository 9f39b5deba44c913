package dev.talkback.comments.servlet;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signs a thread's title and URL for the embed, so that the servlet can take them from the reader's browser
 * knowing the host wrote them. A reader's unsigned title or URL is ignored: a thread's metadata comes from
 * the host (this signature, a {@link dev.talkback.comments.spi.ThreadResolver}, or
 * {@code Comments.saveThread}), never from an anonymous reader.
 *
 * <p>The host signs with the servlet's secret ({@link CommentsServlet.Builder#secret}, {@code talkback.secret})
 * when it renders the page, and puts the result in the embed:
 *
 * <pre>{@code
 * ThreadSignature signer = ThreadSignature.withSecret(secret);     // once
 * String sig = signer.sign(SiteId.DEFAULT, ThreadKey.of("posts/hello"), "Hello", "https://blog.example/hello");
 * // <div data-talkback data-thread="posts/hello" data-title="Hello"
 * //      data-url="https://blog.example/hello" data-signature="${sig}"></div>
 * }</pre>
 *
 * and for the no-JS fragment, {@code /fragment?thread=...&title=...&url=...&signature=...}. The signature is
 * an HMAC-SHA256 over the site, the key, the title and the URL (each length-prefixed, under a label of its
 * own so that no other token of the servlet can pass for it). It does not expire; changing the secret
 * invalidates every signature (pages then post without title and URL until they are signed again).
 * Immutable and thread-safe.
 */
public final class ThreadSignature {
  private static final byte[] LABEL = "talkback/thread-attributes/v1".getBytes(StandardCharsets.US_ASCII);
  private final SecretKeySpec key;

  private ThreadSignature(byte[] secret) {
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  /**
   * A signer keyed by the servlet's secret.
   *
   * @param secret the same bytes given to {@link CommentsServlet.Builder#secret}; at least 16 bytes
   * @return the signer
   * @throws IllegalArgumentException if the secret is shorter than 16 bytes
   */
  public static ThreadSignature withSecret(byte[] secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < 16) {
      throw new IllegalArgumentException("the secret must have at least 16 bytes, it has " + secret.length);
    }
    return new ThreadSignature(secret);
  }

  /**
   * The signature of a thread's title and URL.
   *
   * @param site the thread's site
   * @param thread the thread's key
   * @param title its title, as the embed will send it
   * @param url its URL as the embed will send it, or null (or empty) for none
   * @return the signature, URL-safe base64
   */
  public String sign(SiteId site, ThreadKey thread, String title, @Nullable String url) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(title, "title");
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(site, thread, title, url));
  }

  /**
   * Whether {@code signature} is this signer's signature of these values, compared in constant time.
   *
   * @param site the thread's site
   * @param thread the thread's key
   * @param title its title as sent
   * @param url its URL as sent, or null (or empty) for none
   * @param signature the signature sent, or null
   * @return true only for a matching signature
   */
  public boolean verify(SiteId site, ThreadKey thread, String title, @Nullable String url,
      @Nullable String signature) {
    if (signature == null || signature.isEmpty()) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(signature.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(site, thread, title, url), given);
  }

  private byte[] mac(SiteId site, ThreadKey thread, String title, @Nullable String url) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(LABEL);
      for (String part : new String[] {site.value(), thread.value(), title, url == null ? "" : url}) {
        byte[] b = part.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(4).putInt(b.length).array());
        mac.update(b);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "ThreadSignature[HMAC-SHA256]";
  }
}
