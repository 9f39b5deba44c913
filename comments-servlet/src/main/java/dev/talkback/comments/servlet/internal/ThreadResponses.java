package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comments;
import dev.talkback.comments.PageRendering;
import dev.talkback.comments.ThreadPage;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.internal.Footprint;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Thread pages as ready bytes with their ETag. {@code Comments} hands out the same {@link ThreadPage}
 * instance while a thread is unchanged, so the JSON is serialized and hashed once per change, not per
 * request: the bytes are kept with the page in {@code Comments}' read cache
 * ({@link Comments#rendering}), counted in its weight bound and dropped with the page.
 */
final class ThreadResponses {
  private final Avatars avatars;

  ThreadResponses(Avatars avatars) {
    this.avatars = avatars;
  }

  /**
   * Ready bytes: the JSON of a page in one write state, and its strong ETag. Never changed once made. Its
   * {@link #heapBytes} must count every field: the read cache's bound relies on it.
   */
  static final class Prepared implements PageRendering {
    private final ThreadResponses owner;
    private final @Nullable String readOnly;
    private final byte[] json;
    private final String etag;

    Prepared(ThreadResponses owner, @Nullable String readOnly, byte[] json, String etag) {
      this.owner = owner;
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

    @Override
    public long heapBytes() {
      // this object (3 references), the JSON, the ETag; readOnly is one of a few shared constants
      return Footprint.object(4, 0) + Footprint.bytes(json) + Footprint.string(etag);
    }
  }

  /** The prepared JSON of {@code page} (read from {@code comments} with {@code request}) in state {@code readOnly}. */
  Prepared prepare(Comments comments, ThreadPage page, ThreadPageRequest request, @Nullable String readOnly) {
    return comments.rendering(page, request, Prepared.class,
        p -> p.owner == this && Objects.equals(p.readOnly(), readOnly), pg -> make(pg, readOnly));
  }

  private Prepared make(ThreadPage page, @Nullable String readOnly) {
    byte[] json = Json.bytes(Views.thread(page, readOnly, avatars));
    return new Prepared(this, readOnly, json, etag(json));
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
