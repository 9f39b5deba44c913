package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.Comments;
import dev.talkback.comments.PageRendering;
import dev.talkback.comments.ThreadPage;
import dev.talkback.comments.ThreadPageRequest;
import dev.talkback.comments.internal.Footprint;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Thread pages as ready responses: the JSON and its gzip, each with its strong ETag and its headers.
 * {@code Comments} hands out the same {@link ThreadPage} instance while a thread is unchanged, so the JSON is
 * serialized, gzipped and hashed once per change, not per request: the bytes are kept with the page in
 * {@code Comments}' read cache ({@link Comments#rendering}), counted in its weight bound and dropped with the
 * page. Both variants are made at once, so the weight the cache was given is the weight it holds.
 */
final class ThreadResponses {
  /** The write states the widget knows: writable ({@code null}), "queued", "paused". */
  private static final String[] STATES = {"queued", "paused"};
  /** Both variants vary by the encoding asked for, and by origin (CORS). */
  private static final String VARY = "Origin, Accept-Encoding";
  private static final byte[] NO_BODY = new byte[0];
  private final Avatars avatars;
  /** Per write state (writable, queued, paused): whether a kept rendering fits, and how to make one. */
  private final List<Predicate<Prepared>> current = new ArrayList<>(3);
  private final List<Function<ThreadPage, Prepared>> make = new ArrayList<>(3);
  /**
   * The last rendering handed out: a read of the same page instance in the same write state gets it without
   * asking the read cache again (the page instance is what {@code Comments} hands out while the thread is
   * unchanged, so the bytes are still right). Holds at most one page beyond the cache's bound.
   */
  private volatile @Nullable Prepared last;

  ThreadResponses(Avatars avatars) {
    this.avatars = avatars;
    for (int i = 0; i < 3; i++) {
      @Nullable String state = i == 0 ? null : STATES[i - 1];
      current.add(p -> p.owner == this && Objects.equals(p.readOnly, state));
      make.add(pg -> make(pg, state));
    }
  }

  /**
   * Ready responses for a page in one write state: the JSON and its gzip, their strong ETags (the gzip's is
   * the JSON's with {@code -gz}), and their headers, made once. Never changed once made. Its
   * {@link #heapBytes} must count every field: the read cache's bound relies on it.
   */
  static final class Prepared implements PageRendering {
    private final ThreadResponses owner;
    private final ThreadPage page;
    private final @Nullable String readOnly;
    private final byte[] json;
    private final byte[] gzip;
    private final String etag;
    private final String gzipEtag;
    private final HeaderBlock ok;
    private final HeaderBlock okGzip;
    private final HeaderBlock notModified;
    private final HeaderBlock notModifiedGzip;

    Prepared(ThreadResponses owner, ThreadPage page, @Nullable String readOnly, byte[] json, String etag) {
      this.owner = owner;
      this.page = page;
      this.readOnly = readOnly;
      this.json = json;
      this.gzip = Assets.gzip(json);
      this.etag = etag;
      this.gzipEtag = etag.substring(0, etag.length() - 1) + "-gz\"";
      this.ok = Guard.jsonHeaders(VARY, "Content-Type", "application/json", "ETag", etag, "Cache-Control", "no-cache");
      this.okGzip = Guard.jsonHeaders(VARY, "Content-Type", "application/json", "Content-Encoding", "gzip",
          "ETag", gzipEtag, "Cache-Control", "no-cache");
      this.notModified = Guard.jsonHeaders(VARY, "ETag", etag, "Cache-Control", "no-cache");
      this.notModifiedGzip = Guard.jsonHeaders(VARY, "ETag", gzipEtag, "Cache-Control", "no-cache");
      ContainerHeaders container = ContainerHeaders.found();
      if (container != null) { // made now, with the bytes: weighed below, as the cache will hold them
        container.prepare(ok, json.length);
        container.prepare(okGzip, gzip.length);
        container.prepare(notModified, 0);
        container.prepare(notModifiedGzip, 0);
      }
    }

    @Nullable String readOnly() {
      return readOnly;
    }

    /** The JSON (not a copy: responses share it). */
    byte[] json() {
      return json;
    }

    /** The JSON gzipped (not a copy). */
    byte[] gzip() {
      return gzip;
    }

    String etag() {
      return etag;
    }

    String gzipEtag() {
      return gzipEtag;
    }

    /**
     * The response to a request: the gzipped variant if it accepts gzip, else the JSON; 304 when its
     * {@code If-None-Match} names the chosen variant's ETag. Allocates the response object only.
     */
    Response respond(@Nullable String acceptEncoding, @Nullable String ifNoneMatch) {
      boolean gz = Encodings.acceptsGzip(acceptEncoding);
      if (matches(ifNoneMatch, gz ? gzipEtag : etag)) {
        return Response.preset(304, gz ? notModifiedGzip : notModified, NO_BODY);
      }
      return gz ? Response.preset(200, okGzip, gzip) : Response.preset(200, ok, json);
    }

    @Override
    public long heapBytes() {
      // this object (11 references; the page is the cache entry's own value); the JSON, its gzip, the two ETags;
      // four header blocks, with their container forms if made; every other header string is a constant
      return Footprint.object(11, 0) + Footprint.bytes(json) + Footprint.bytes(gzip) + Footprint.string(etag)
          + Footprint.string(gzipEtag) + ok.heapBytes() + okGzip.heapBytes() + notModified.heapBytes()
          + notModifiedGzip.heapBytes();
    }
  }

  /** The prepared responses of {@code page} (read from {@code comments} with {@code request}) in state {@code readOnly}. */
  @SuppressWarnings("ReferenceEquality") // the same page instance, not an equal one: that is what Comments keeps
  Prepared prepare(Comments comments, ThreadPage page, ThreadPageRequest request, @Nullable String readOnly) {
    Prepared m = last;
    if (m != null && m.page == page && Objects.equals(m.readOnly, readOnly)) {
      return m;
    }
    Prepared p = kept(comments, page, request, readOnly);
    last = p;
    return p;
  }

  private Prepared kept(Comments comments, ThreadPage page, ThreadPageRequest request, @Nullable String readOnly) {
    int i = readOnly == null ? 0 : readOnly.equals(STATES[0]) ? 1 : readOnly.equals(STATES[1]) ? 2 : -1;
    if (i < 0) {
      String state = readOnly;
      return comments.rendering(page, request, Prepared.class,
          p -> p.owner == this && Objects.equals(state, p.readOnly), pg -> make(pg, state));
    }
    // no lambda is made per request: one predicate and one factory per write state
    return comments.rendering(page, request, Prepared.class, current.get(i), make.get(i));
  }

  private Prepared make(ThreadPage page, @Nullable String readOnly) {
    byte[] json = Json.bytes(Views.thread(page, readOnly, avatars));
    return new Prepared(this, page, readOnly, json, etag(json));
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

  /**
   * Whether an {@code If-None-Match} header matches the ETag (weak comparison, as RFC 9110 asks for GET):
   * read in place.
   */
  static boolean matches(@Nullable String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    int n = ifNoneMatch.length();
    int i = 0;
    while (i <= n) {
      int end = ifNoneMatch.indexOf(',', i);
      if (end < 0) {
        end = n;
      }
      int a = i;
      int b = end;
      while (a < b && ifNoneMatch.charAt(a) <= ' ') {
        a++;
      }
      while (b > a && ifNoneMatch.charAt(b - 1) <= ' ') {
        b--;
      }
      if (b - a >= 2 && ifNoneMatch.startsWith("W/", a)) {
        a += 2;
      }
      if ((b - a == 1 && ifNoneMatch.charAt(a) == '*')
          || (b - a == etag.length() && ifNoneMatch.regionMatches(a, etag, 0, etag.length()))) {
        return true;
      }
      i = end + 1;
    }
    return false;
  }
}
