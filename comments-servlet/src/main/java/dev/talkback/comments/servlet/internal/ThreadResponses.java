package dev.talkback.comments.servlet.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.talkback.comments.ThreadPage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Thread pages as ready bytes with their ETag. {@code Comments} hands out the same {@link ThreadPage}
 * instance while a thread is unchanged, so the JSON is serialized and hashed once per change, not per
 * request: the cache holds pages by identity (weak keys) and dies with them.
 */
final class ThreadResponses {
  private final Cache<ThreadPage, Prepared> cache = Caffeine.newBuilder().weakKeys().maximumSize(20_000).build();
  private final Avatars avatars;

  ThreadResponses(Avatars avatars) {
    this.avatars = avatars;
  }

  /** Ready bytes: the JSON of a page in one write state, and its strong ETag. Never changed once made. */
  static final class Prepared {
    private final @Nullable String readOnly;
    private final byte[] json;
    private final String etag;

    Prepared(@Nullable String readOnly, byte[] json, String etag) {
      this.readOnly = readOnly;
      this.json = json;
      this.etag = etag;
    }

    @Nullable String readOnly() {
      return readOnly;
    }

    /** The bytes themselves (not a copy: responses share them). */
    byte[] json() {
      return json;
    }

    String etag() {
      return etag;
    }
  }

  /** The prepared JSON of {@code page} in write state {@code readOnly}. */
  Prepared prepare(ThreadPage page, @Nullable String readOnly) {
    Prepared p = cache.getIfPresent(page);
    if (p != null && Objects.equals(p.readOnly(), readOnly)) {
      return p;
    }
    byte[] json = Json.bytes(Views.thread(page, readOnly, avatars));
    Prepared fresh = new Prepared(readOnly, json, etag(json));
    cache.put(page, fresh);
    return fresh;
  }

  /** A strong ETag: the first 128 bits of the SHA-256 of the bytes. */
  static String etag(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, 16)) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether an {@code If-None-Match} header matches the ETag (weak comparison, as RFC 9110 asks for GET). */
  static boolean matches(@Nullable String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String part : ifNoneMatch.split(",", -1)) {
      String t = part.trim();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
